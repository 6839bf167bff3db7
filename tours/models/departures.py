import secrets
import uuid
from datetime import timedelta

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connection, models
from django.db.models import F, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

# Booking codes are read over the phone: no 0/O, 1/I/L.
BOOKING_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
BOOKING_CODE_LENGTH = 8


def new_booking_code():
    body = "".join(secrets.choice(BOOKING_CODE_ALPHABET) for _ in range(BOOKING_CODE_LENGTH))
    return f"T-{body[:4]}-{body[4:]}"


def new_ticket_token():
    """The secret in the e-ticket's address: knowing it is what lets you see or cancel."""
    return secrets.token_urlsafe(18)


class DepartureStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Mở đặt chỗ")
    CLOSED = "closed", _("Ngừng nhận khách")
    CANCELLED = "cancelled", _("Đã hủy")


class HoldStatus(models.TextChoices):
    ACTIVE = "active", _("Đang giữ chỗ")
    CONFIRMED = "confirmed", _("Đã xác nhận")
    RELEASED = "released", _("Đã trả chỗ")


class BookingStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Đã xác nhận")
    CANCELLED = "cancelled", _("Đã hủy")


class PaymentMethod(models.TextChoices):
    ON_ARRIVAL = "on_arrival", _("Thanh toán khi đến")


def participants_sum():
    return Sum(F("adults") + F("children"))


class DepartureQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        return self.filter(starts_at__gt=now or timezone.now())

    def with_seats(self, now=None):
        """Annotate seats_booked, seats_held and seats_left (never below 0).

        seats_left = capacity − confirmed bookings − holds not yet expired at ``now``.
        """
        now = now or timezone.now()
        booked = (
            Booking.objects.filter(departure=OuterRef("pk"), status=BookingStatus.CONFIRMED)
            .order_by()
            .values("departure")
            .annotate(total=participants_sum())
            .values("total")
        )
        held = (
            SeatHold.objects.filter(
                departure=OuterRef("pk"), status=HoldStatus.ACTIVE, expires_at__gt=now
            )
            .order_by()
            .values("departure")
            .annotate(total=participants_sum())
            .values("total")
        )
        return self.annotate(
            seats_booked=Coalesce(Subquery(booked, output_field=IntegerField()), Value(0)),
            seats_held=Coalesce(Subquery(held, output_field=IntegerField()), Value(0)),
        ).annotate(
            seats_left=Greatest(
                F("capacity") - F("seats_booked") - F("seats_held"),
                Value(0),
                output_field=IntegerField(),
            )
        )


def seats_left_of(departure_id, now):
    """``with_seats()``'s seats_left of one departure, as one plain statement.

    The same rule, for the seat hold's hot path: building and compiling the
    annotated queryset took about 2 ms of CPU, spent while the departure is locked.
    tests/tours/test_services.py checks that both agree.
    """
    booking, hold = Booking._meta.db_table, SeatHold._meta.db_table
    sql = (
        "SELECT d.capacity,"
        f" (SELECT COALESCE(SUM(b.adults + b.children), 0) FROM {booking} b"
        "  WHERE b.departure_id = d.id AND b.status = %s),"
        f" (SELECT COALESCE(SUM(h.adults + h.children), 0) FROM {hold} h"
        "  WHERE h.departure_id = d.id AND h.status = %s AND h.expires_at > %s)"
        f" FROM {Departure._meta.db_table} d WHERE d.id = %s"
    )
    params = [
        BookingStatus.CONFIRMED.value,
        HoldStatus.ACTIVE.value,
        connection.ops.adapt_datetimefield_value(now),
        departure_id,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        raise Departure.DoesNotExist()
    capacity, booked, held = row
    return max(capacity - booked - held, 0)


class Departure(models.Model):
    """One date and time a tour runs, with its seats."""

    tour = models.ForeignKey(
        "tours.TourPage",
        verbose_name=_("tour"),
        on_delete=models.CASCADE,
        related_name="departures",
    )
    starts_at = models.DateTimeField(_("giờ khởi hành"))
    capacity = models.PositiveSmallIntegerField(
        _("số chỗ"), validators=[MinValueValidator(1), MaxValueValidator(1000)]
    )
    price_adult_override = models.PositiveIntegerField(
        _("giá người lớn riêng (đồng)"),
        null=True,
        blank=True,
        help_text=_("Để trống: dùng giá của tour."),
    )
    price_child_override = models.PositiveIntegerField(
        _("giá trẻ em riêng (đồng)"),
        null=True,
        blank=True,
        help_text=_("Để trống: dùng giá của tour."),
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=12,
        choices=DepartureStatus.choices,
        default=DepartureStatus.SCHEDULED,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DepartureQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("lịch khởi hành")
        verbose_name_plural = _("lịch khởi hành")
        constraints = [
            models.UniqueConstraint(fields=["tour", "starts_at"], name="one_departure_per_time"),
        ]
        indexes = [models.Index(fields=["starts_at"])]

    def __str__(self):
        local = timezone.localtime(self.starts_at)
        return f"{self.tour.title} – {date_format(local, 'SHORT_DATETIME_FORMAT')}"

    @property
    def price_adult(self):
        if self.price_adult_override is not None:
            return self.price_adult_override
        return self.tour.price_adult

    @property
    def price_child(self):
        if self.price_child_override is not None:
            return self.price_child_override
        return self.tour.price_child

    @property
    def ends_at(self):
        return self.starts_at + self.tour.duration

    @property
    def free_cancellation_until(self):
        return self.starts_at - timedelta(hours=self.tour.free_cancellation_hours)

    def cancellable_online(self, now=None):
        """The one free-cancellation rule: until ``free_cancellation_hours`` before the start."""
        return (now or timezone.now()) <= self.free_cancellation_until

    def not_bookable_reason(self, now=None):
        """The one "departure is bookable" rule: None, or why it takes no bookings."""
        if self.status == DepartureStatus.CANCELLED:
            return _("Lịch khởi hành này đã bị hủy.")
        if self.status == DepartureStatus.CLOSED:
            return _("Lịch khởi hành này đã ngừng nhận khách.")
        if self.starts_at <= (now or timezone.now()):
            return _("Lịch khởi hành này đã qua.")
        if not self.tour.live:
            return _("Tour này hiện không nhận đặt chỗ.")
        return None

    def is_bookable(self, now=None):
        return self.not_bookable_reason(now) is None

    def has_seats_to_book(self, now=None):
        """Bookable with a seat free; needs the ``seats_left`` of ``with_seats()``."""
        return self.is_bookable(now) and self.seats_left > 0


class SeatHold(models.Model):
    """Seats kept for a visitor for a few minutes while they fill in the booking form."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    departure = models.ForeignKey(
        Departure, verbose_name=_("lịch khởi hành"), on_delete=models.CASCADE, related_name="holds"
    )
    adults = models.PositiveSmallIntegerField(_("người lớn"))
    children = models.PositiveSmallIntegerField(_("trẻ em"), default=0)
    price_adult = models.PositiveIntegerField(_("giá người lớn (đồng)"))
    price_child = models.PositiveIntegerField(_("giá trẻ em (đồng)"))
    amount = models.PositiveBigIntegerField(_("thành tiền (đồng)"))  # price × up to 1000 seats
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=HoldStatus.choices, default=HoldStatus.ACTIVE
    )
    expires_at = models.DateTimeField(_("giữ chỗ đến"))
    # Who asked (a keyed hash of their address, never the address): the per-client limits.
    client = models.CharField(max_length=32, blank=True, default="", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("giữ chỗ")
        verbose_name_plural = _("giữ chỗ")
        indexes = [
            models.Index(fields=["status", "expires_at"]),
            models.Index(fields=["client", "status", "expires_at"], name="tours_hold_client_live"),
        ]

    def __str__(self):
        return f"{self.departure} – {self.seats}"

    @property
    def seats(self):
        return self.adults + self.children

    def is_active(self, now=None):
        return self.status == HoldStatus.ACTIVE and self.expires_at > (now or timezone.now())


class Booking(models.Model):
    """A confirmed place on a departure, paid on arrival. Its e-ticket is at its token's URL."""

    departure = models.ForeignKey(
        Departure,
        verbose_name=_("lịch khởi hành"),
        on_delete=models.PROTECT,
        related_name="bookings",
    )
    hold = models.OneToOneField(
        SeatHold,
        verbose_name=_("giữ chỗ"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="booking",
    )
    code = models.CharField(_("mã đặt chỗ"), max_length=16, unique=True, default=new_booking_code)
    token = models.CharField(max_length=32, unique=True, default=new_ticket_token, editable=False)
    contact_name = models.CharField(_("họ và tên"), max_length=150)
    phone = models.CharField(_("điện thoại"), max_length=30)
    email = models.EmailField(_("e-mail"))
    adults = models.PositiveSmallIntegerField(_("người lớn"))
    children = models.PositiveSmallIntegerField(_("trẻ em"), default=0)
    notes = models.TextField(_("ghi chú"), blank=True)
    price_adult = models.PositiveIntegerField(_("giá người lớn (đồng)"))
    price_child = models.PositiveIntegerField(_("giá trẻ em (đồng)"))
    amount = models.PositiveBigIntegerField(_("thành tiền (đồng)"))  # price × up to 1000 seats
    payment_method = models.CharField(
        _("thanh toán"),
        max_length=20,
        choices=PaymentMethod.choices,
        default=PaymentMethod.ON_ARRIVAL,
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=12,
        choices=BookingStatus.choices,
        default=BookingStatus.CONFIRMED,
    )
    language = models.CharField(_("ngôn ngữ"), max_length=8, default="vi")
    created_at = models.DateTimeField(_("đặt lúc"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("hủy lúc"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("đặt chỗ")
        verbose_name_plural = _("đặt chỗ")
        indexes = [models.Index(fields=["departure", "status"])]

    def __str__(self):
        return f"{self.code} – {self.contact_name}"

    @property
    def seats(self):
        return self.adults + self.children

    @property
    def is_cancelled(self):
        return self.status == BookingStatus.CANCELLED

    def can_be_cancelled(self, now=None):
        return self.status == BookingStatus.CONFIRMED and self.departure.cancellable_online(now)

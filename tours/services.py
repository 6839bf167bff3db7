"""Business operations of tours: departures, seat holds, bookings.

Views, the admin, the JSON API, tasks and the demo call these; nothing else
changes seats. Every change that can affect seats runs in a transaction that
first locks the departure row (``select_for_update``), so two visitors can never
take the same last seat.

Rules decided here:
- A booking has at least one adult (children travel with an adult) and at most
  the tour's ``max_group_size`` participants.
- ``min_group_size`` is the number of visitors a departure needs in total to run;
  it is shown to visitors but not enforced on each booking (a couple may book a
  departure that others fill up).
- A hold lasts ``settings.TOURS_HOLD_MINUTES`` (default 15) minutes.
- A public client (the API and the booking form pass a ``client`` key) may not
  sit on seats: its unexpired holds on one departure stay within one group
  (``max_group_size``), it keeps at most ``TOURS_MAX_LIVE_HOLDS_PER_CLIENT``
  unexpired holds at once, it holds one departure at most
  ``TOURS_HOLDS_PER_CLIENT_PER_DEPARTURE`` times in 24 hours without confirming,
  and it makes at most ``TOURS_HOLDS_PER_CLIENT_PER_DAY`` holds a day (counted
  in ocop.shared_state, checked and counted in one atomic step).
- A booking can be cancelled online until ``free_cancellation_hours`` before the
  departure; after that only the operator can cancel it.
- A departure the operator cancels takes its bookings and holds with it; each
  visitor is told by e-mail.
- A departure with confirmed bookings or live holds keeps its tour and start
  time: the visitors' tickets name them. To move it, cancel it (the visitors are
  told) and create another. Capacity and prices follow their own rules.
- A departure is deleted only while nobody has booked it (bookings are kept,
  cancelled ones too) and nobody holds seats on it; so is a page with such a
  departure on a tour at or below it (unpublish the tour instead).
- The public JSON API serves only tours anyone may see (live, no view
  restrictions); others are unknown there. The tour page's own booking form,
  which Wagtail serves only to those allowed to see the page, is not limited.
"""

import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ocop import shared_state

from .models import (
    Booking,
    BookingStatus,
    Departure,
    DepartureStatus,
    HoldStatus,
    SeatHold,
    TourPage,
)
from .models.departures import BOOKING_CODE_LENGTH, participants_sum

logger = logging.getLogger(__name__)

DEFAULT_HOLD_MINUTES = 15
DEFAULT_MAX_LIVE_HOLDS_PER_CLIENT = 5
DEFAULT_HOLDS_PER_CLIENT_PER_DAY = 30
DEFAULT_HOLDS_PER_CLIENT_PER_DEPARTURE = 5
DEFAULT_LOOKUPS_PER_CLIENT_PER_HOUR = 10
HOLD_COUNT_SECONDS = 24 * 3600
MAX_SERIES_DAYS = 366
MAX_SERIES_DEPARTURES = 2000
# Departures are scheduled at most this far ahead (a typo such as year 9999 is refused).
MAX_YEARS_AHEAD = 3


class TourError(Exception):
    """A request the rules refuse. ``code`` is stable (the JSON API returns it)."""

    code = "invalid"
    default_message = _("Yêu cầu không hợp lệ.")

    def __init__(self, message=None, **details):
        self.message = str(message or self.default_message)
        self.details = details
        super().__init__(self.message)


class InvalidParticipants(TourError):
    code = "invalid_participants"
    default_message = _("Số khách không hợp lệ.")


class GroupTooLarge(TourError):
    code = "group_too_large"


class UnknownTour(TourError):
    code = "unknown_tour"
    default_message = _("Không có tour này.")


class UnknownDeparture(TourError):
    code = "unknown_departure"
    default_message = _("Không có lịch khởi hành này.")


class DepartureNotBookable(TourError):
    code = "departure_not_bookable"
    default_message = _("Lịch khởi hành này không nhận đặt chỗ.")


class NotEnoughSeats(TourError):
    code = "not_enough_seats"


class UnknownHold(TourError):
    code = "unknown_hold"
    default_message = _("Không tìm thấy lượt giữ chỗ này.")


class HoldExpired(TourError):
    code = "hold_expired"
    default_message = _("Thời gian giữ chỗ đã hết. Vui lòng chọn lại lịch khởi hành.")


class HoldAlreadyConfirmed(TourError):
    code = "hold_already_confirmed"
    default_message = _("Lượt giữ chỗ này đã được xác nhận.")


class TooManyHolds(TourError):
    code = "too_many_holds"


class HoldRateLimited(TourError):
    code = "hold_rate_limited"
    default_message = _(
        "Bạn đã giữ chỗ quá nhiều lần trong 24 giờ. "
        "Vui lòng thử lại sau hoặc liên hệ đơn vị tổ chức."
    )


class BookingNotFound(TourError):
    code = "booking_not_found"
    default_message = _("Không tìm thấy đặt chỗ với mã và e-mail này.")


class LookupRateLimited(TourError):
    code = "lookup_rate_limited"
    default_message = _("Bạn đã tra cứu quá nhiều lần. Vui lòng thử lại sau một giờ.")


class InvalidContact(TourError):
    code = "invalid_contact"
    default_message = _("Thông tin liên hệ chưa đủ.")


class CancellationClosed(TourError):
    code = "cancellation_closed"


class AlreadyCancelled(TourError):
    code = "already_cancelled"
    default_message = _("Đặt chỗ này đã được hủy.")


class CapacityBelowBookings(TourError):
    code = "capacity_below_bookings"


class DepartureHasVisitors(TourError):
    code = "departure_has_visitors"


class DepartureInUse(TourError):
    code = "departure_in_use"


class ToursInUse(TourError):
    code = "tours_in_use"
    default_message = _(
        "Không thể xóa: có tour ở đây đã có người đặt hoặc đang giữ chỗ. "
        "Hãy ngừng xuất bản tour thay vì xóa."
    )


class InvalidSeries(TourError):
    code = "invalid_series"


class DepartureTooFar(TourError):
    code = "departure_too_far"


def latest_start(now):
    """The latest start time a departure may be given now."""
    return now + timedelta(days=365 * MAX_YEARS_AHEAD)


def check_not_too_far(starts_at, now):
    if starts_at > latest_start(now):
        raise DepartureTooFar(
            _("Giờ khởi hành phải trong vòng %(years)s năm tới.") % {"years": MAX_YEARS_AHEAD}
        )


def hold_minutes():
    return getattr(settings, "TOURS_HOLD_MINUTES", DEFAULT_HOLD_MINUTES)


def max_live_holds_per_client():
    return getattr(settings, "TOURS_MAX_LIVE_HOLDS_PER_CLIENT", DEFAULT_MAX_LIVE_HOLDS_PER_CLIENT)


def holds_per_client_per_day():
    return getattr(settings, "TOURS_HOLDS_PER_CLIENT_PER_DAY", DEFAULT_HOLDS_PER_CLIENT_PER_DAY)


def holds_per_client_per_departure():
    return getattr(
        settings, "TOURS_HOLDS_PER_CLIENT_PER_DEPARTURE", DEFAULT_HOLDS_PER_CLIENT_PER_DEPARTURE
    )


# --- Public tours --------------------------------------------------------------


def public_tours():
    """Tours anyone may see: live, with no view restriction on them or their ancestors."""
    return TourPage.objects.live().public()


def find_public_tour(tour_id):
    tour = public_tours().filter(pk=tour_id).first()
    if tour is None:
        raise UnknownTour()
    return tour


def check_public(departure):
    """A departure of a private or unpublished tour is unknown to the public API."""
    if not public_tours().filter(pk=departure.tour_id).exists():
        raise UnknownDeparture()


# --- Seats -------------------------------------------------------------------


def lock_departure(departure_id):
    """Lock one departure row for the rest of the transaction; its tour comes along unlocked."""
    try:
        return (
            Departure.objects.select_for_update(of=("self",))
            .select_related("tour")
            .get(pk=int(departure_id))
        )
    except (Departure.DoesNotExist, TypeError, ValueError):
        raise UnknownDeparture() from None


def seats_left(departure, now=None):
    """Seats still free. Called after lock_departure, in a statement of its own.

    A separate statement matters on PostgreSQL: one that both waits for the lock
    and counts would count with the snapshot taken before the wait, missing the
    seats the previous lock holder just took.
    """
    return (
        Departure.objects.with_seats(now).values_list("seats_left", flat=True).get(pk=departure.pk)
    )


def check_participants(adults, children):
    for count in (adults, children):
        if isinstance(count, bool) or not isinstance(count, int):
            raise InvalidParticipants(_("Số người lớn và trẻ em phải là số nguyên."))
        if count < 0:
            raise InvalidParticipants(_("Số khách không được âm."))
    if adults + children < 1:
        raise InvalidParticipants(_("Chọn ít nhất một khách."))
    if adults < 1:
        raise InvalidParticipants(_("Trẻ em cần đi cùng ít nhất một người lớn."))


def check_group_size(tour, adults, children):
    if adults + children > tour.max_group_size:
        raise GroupTooLarge(
            _("Mỗi lượt đặt tối đa %(max)s khách.") % {"max": tour.max_group_size},
            max_group_size=tour.max_group_size,
        )


def check_bookable(departure, now):
    if departure.status == DepartureStatus.CANCELLED:
        raise DepartureNotBookable(_("Lịch khởi hành này đã bị hủy."))
    if departure.status == DepartureStatus.CLOSED:
        raise DepartureNotBookable(_("Lịch khởi hành này đã ngừng nhận khách."))
    if departure.starts_at <= now:
        raise DepartureNotBookable(_("Lịch khởi hành này đã qua."))
    if not departure.tour.live:
        raise DepartureNotBookable(_("Tour này hiện không nhận đặt chỗ."))


def hold_seats(departure_id, adults, children=0, *, now=None, client="", only_public_tours=False):
    """Keep ``adults + children`` seats of a departure for a few minutes.

    ``client`` identifies a public visitor (see tours.clients); the per-client
    limits apply only when it is given. With ``only_public_tours`` (the JSON
    API) a departure of a tour not everyone may see is unknown. Raises InvalidParticipants,
    UnknownDeparture, GroupTooLarge, DepartureNotBookable, TooManyHolds,
    HoldRateLimited or NotEnoughSeats (with ``details["seats_left"]``).
    """
    check_participants(adults, children)
    now = now or timezone.now()
    if client:
        take_hold_count(client)
    try:
        return create_hold(departure_id, adults, children, now, client, only_public_tours)
    except Exception:
        if client:  # only holds made count
            shared_state.give_back(hold_count_key(client))
        raise


def create_hold(departure_id, adults, children, now, client, only_public_tours):
    with transaction.atomic():
        departure = lock_departure(departure_id)
        if only_public_tours:
            check_public(departure)
        check_group_size(departure.tour, adults, children)
        check_bookable(departure, now)
        if client:
            check_client_holds(client, departure, adults + children, now)
        free = seats_left(departure, now)
        if adults + children > free:
            raise NotEnoughSeats(
                _("Không đủ chỗ: chỉ còn %(left)s chỗ.") % {"left": free}, seats_left=free
            )
        price_adult, price_child = departure.price_adult, departure.price_child
        return SeatHold.objects.create(
            departure=departure,
            adults=adults,
            children=children,
            price_adult=price_adult,
            price_child=price_child,
            amount=adults * price_adult + children * price_child,
            expires_at=now + timedelta(minutes=hold_minutes()),
            client=client,
        )


def check_client_holds(client, departure, seats, now):
    """One client never sits on a departure's seats: few live holds, one group, few retries.

    Runs under the departure's lock, so the per-departure counts are exact.
    """
    live = SeatHold.objects.filter(client=client, status=HoldStatus.ACTIVE, expires_at__gt=now)
    check_live_holds(live.count())
    check_seats_held_here(live.filter(departure=departure), departure, seats)
    check_repeated_holds(client, departure, now)


def check_live_holds(count):
    if count >= max_live_holds_per_client():
        raise TooManyHolds(
            _(
                "Bạn đang giữ chỗ ở %(count)s lượt chưa xác nhận. "
                "Hãy hoàn tất hoặc trả lại chỗ trước khi giữ thêm."
            )
            % {"count": count},
            live_holds=count,
        )


def check_seats_held_here(live_here, departure, seats):
    held_here = live_here.aggregate(total=participants_sum())["total"] or 0
    if held_here + seats > departure.tour.max_group_size:
        raise TooManyHolds(
            _(
                "Bạn đang giữ %(held)s chỗ cho lịch khởi hành này; "
                "mỗi lượt đặt tối đa %(max)s khách."
            )
            % {"held": held_here, "max": departure.tour.max_group_size},
            seats_held=held_here,
            max_group_size=departure.tour.max_group_size,
        )


def check_repeated_holds(client, departure, now):
    """Holding the same seats again and again as each hold expires is sitting on them."""
    unconfirmed_today = (
        SeatHold.objects.filter(
            client=client, departure=departure, created_at__gt=now - timedelta(days=1)
        )
        .exclude(status=HoldStatus.CONFIRMED)
        .count()
    )
    if unconfirmed_today >= holds_per_client_per_departure():
        raise TooManyHolds(
            _(
                "Bạn đã giữ chỗ cho lịch khởi hành này %(count)s lần mà chưa xác nhận. "
                "Vui lòng thử lại sau hoặc liên hệ đơn vị tổ chức."
            )
            % {"count": unconfirmed_today},
            unconfirmed_holds=unconfirmed_today,
        )


def hold_count_key(client):
    return f"tours:holds-today:{client}"


def take_hold_count(client):
    """One more hold in the client's 24-hour window (which starts at its first hold),
    checked and counted in one step; HoldRateLimited past the limit."""
    allowed = shared_state.take(
        hold_count_key(client), holds_per_client_per_day(), HOLD_COUNT_SECONDS
    )
    if not allowed:
        raise HoldRateLimited()


def release_hold(hold_id):
    """Give a hold's seats back now (the visitor chose again)."""
    hold = find_hold(hold_id)
    with transaction.atomic():
        lock_departure(hold.departure_id)
        return SeatHold.objects.filter(pk=hold.pk, status=HoldStatus.ACTIVE).update(
            status=HoldStatus.RELEASED
        )


def release_expired_holds(now=None):
    """Mark holds past their expiry as released; returns how many.

    Expired holds already count as free seats; this keeps the table tidy and
    the admin truthful. Departures are locked in primary-key order.
    """
    now = now or timezone.now()
    expired = SeatHold.objects.filter(status=HoldStatus.ACTIVE, expires_at__lte=now)
    departure_ids = sorted(set(expired.values_list("departure_id", flat=True)))
    if not departure_ids:
        return 0
    with transaction.atomic():
        list(
            Departure.objects.select_for_update()
            .filter(pk__in=departure_ids)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        return expired.filter(departure_id__in=departure_ids).update(status=HoldStatus.RELEASED)


def find_hold(hold_id):
    try:
        return SeatHold.objects.select_related("departure__tour").get(pk=hold_id)
    except (SeatHold.DoesNotExist, ValidationError, ValueError):
        raise UnknownHold() from None


# --- Bookings ------------------------------------------------------------------


@dataclass(frozen=True)
class Contact:
    name: str
    phone: str
    email: str
    notes: str = ""

    def check(self):
        if not self.name.strip() or not self.phone.strip():
            raise InvalidContact(_("Cần họ tên và số điện thoại."))
        if len(self.name.strip()) > 150 or len(self.phone.strip()) > 30:
            raise InvalidContact(_("Họ tên hoặc số điện thoại quá dài."))
        try:
            validate_email(self.email)
        except ValidationError:
            raise InvalidContact(_("Địa chỉ e-mail không hợp lệ.")) from None
        if len(self.email.strip()) > 254:
            raise InvalidContact(_("Địa chỉ e-mail không hợp lệ."))


def confirm_hold(hold_id, contact, *, now=None, language=None):
    """Turn an unexpired hold into a booking paid on arrival, and e-mail the ticket.

    Raises UnknownHold, HoldExpired, HoldAlreadyConfirmed, InvalidContact,
    DepartureNotBookable.
    """
    contact.check()
    now = now or timezone.now()
    departure_id = find_hold(hold_id).departure_id
    with transaction.atomic():
        departure = lock_departure(departure_id)
        hold = SeatHold.objects.select_for_update().get(pk=hold_id)
        if hold.status == HoldStatus.CONFIRMED:
            raise HoldAlreadyConfirmed()
        check_bookable(departure, now)  # first: "departure cancelled" says more than "expired"
        if not hold.is_active(now):
            raise HoldExpired()
        booking = create_booking(departure, hold, contact, language or get_language() or "vi")
        hold.status = HoldStatus.CONFIRMED
        hold.save(update_fields=["status"])
        transaction.on_commit(lambda: send_confirmation_later(booking.pk), robust=True)
    return booking


def create_booking(departure, hold, contact, language):
    fields = {
        "departure": departure,
        "hold": hold,
        "contact_name": contact.name.strip(),
        "phone": contact.phone.strip(),
        "email": contact.email.strip(),
        "notes": contact.notes.strip(),
        "adults": hold.adults,
        "children": hold.children,
        "price_adult": hold.price_adult,
        "price_child": hold.price_child,
        "amount": hold.amount,
        "language": language[:8],
    }
    for _attempt in range(5):  # a clash of 31^8 random codes is rare; retry it anyway
        try:
            with transaction.atomic():
                return Booking.objects.create(**fields)
        except IntegrityError:
            logger.warning("Booking code clash; trying another code.")
    raise IntegrityError("Could not find a free booking code.")


def send_confirmation_later(booking_id):
    from .tasks import send_booking_confirmation

    send_booking_confirmation.delay(booking_id)


def find_booking(token):
    try:
        return Booking.objects.select_related("departure__tour__operator").get(token=token)
    except Booking.DoesNotExist:
        return None


def lookups_per_client_per_hour():
    return getattr(
        settings, "TOURS_LOOKUPS_PER_CLIENT_PER_HOUR", DEFAULT_LOOKUPS_PER_CLIENT_PER_HOUR
    )


def normalise_booking_code(text):
    """'t abcd efgh', 'TABCDEFGH', 'abcdefgh' → 'T-ABCD-EFGH': the code as people type it back."""
    body = "".join(char for char in text.upper() if char.isalnum())
    if len(body) == BOOKING_CODE_LENGTH + 1 and body.startswith("T"):
        body = body[1:]  # the prefix, typed; a body may itself start with T
    return f"T-{body[:4]}-{body[4:]}"


def find_booking_by_code(code, email, *, client):
    """The booking with this code and e-mail (the visitor lost the link to their ticket).

    Wrong pairs are counted per client (ocop.shared_state, one atomic step per
    attempt), so codes cannot be guessed.
    """
    key = f"tours:lookups:{client}"
    if not shared_state.take(key, lookups_per_client_per_hour(), 3600):
        raise LookupRateLimited()
    booking = Booking.objects.filter(
        code=normalise_booking_code(code), email__iexact=email.strip()
    ).first()
    if booking is None:
        raise BookingNotFound()  # the attempt stays counted
    shared_state.give_back(key)  # a right pair costs nothing
    return booking


def cancel_booking(booking, *, now=None):
    """Cancel a booking within the free-cancellation window; its seats go back on sale."""
    now = now or timezone.now()
    with transaction.atomic():
        departure = lock_departure(booking.departure_id)
        locked = Booking.objects.select_for_update().get(pk=booking.pk)
        if locked.status == BookingStatus.CANCELLED:
            raise AlreadyCancelled()
        if now > departure.free_cancellation_until:
            deadline = timezone.localtime(departure.free_cancellation_until)
            raise CancellationClosed(
                _("Đã quá hạn hủy miễn phí (%(deadline)s). Vui lòng liên hệ đơn vị tổ chức.")
                % {"deadline": deadline.strftime("%H:%M %d/%m/%Y")}
            )
        locked.status = BookingStatus.CANCELLED
        locked.cancelled_at = now
        locked.save(update_fields=["status", "cancelled_at"])
    return locked


# --- Departures ----------------------------------------------------------------


def save_departure(departure, *, now=None):
    """Create or change a departure (admin). Capacity never drops below the seats taken;
    tour and start time stay while visitors have booked or hold seats (DepartureHasVisitors);
    setting the status to cancelled cancels the bookings as cancel_departure does."""
    now = now or timezone.now()
    with transaction.atomic():
        if departure.pk is None:
            if departure.starts_at <= now:
                raise DepartureNotBookable(_("Giờ khởi hành phải ở tương lai."))
            check_not_too_far(departure.starts_at, now)
            departure.save()
            return departure
        stored = lock_departure(departure.pk)
        check_schedule_change(stored, departure, now)
        if departure.status != DepartureStatus.CANCELLED:
            check_capacity(departure, now)
        departure.save()
        newly_cancelled = (
            departure.status == DepartureStatus.CANCELLED
            and stored.status != DepartureStatus.CANCELLED
        )
        if newly_cancelled:
            cancel_bookings_and_holds(departure, now)
    return departure


def same_minute(first, second):
    return first.replace(second=0, microsecond=0) == second.replace(second=0, microsecond=0)


def check_schedule_change(stored, departure, now):
    """Under the lock: a departure visitors hold tickets or seats for keeps its tour and time.

    The admin form shows minutes only, so a start in the same minute is no change
    (and keeps its stored seconds).
    """
    if departure.tour_id == stored.tour_id and same_minute(departure.starts_at, stored.starts_at):
        departure.starts_at = stored.starts_at
        return
    taken = Departure.objects.with_seats(now).get(pk=stored.pk)
    if taken.seats_booked or taken.seats_held:
        raise DepartureHasVisitors(
            _(
                "Lịch khởi hành này đã có khách đặt hoặc đang giữ chỗ nên không thể đổi tour "
                "hoặc giờ khởi hành: vé của khách ghi tour và giờ cũ. Hãy hủy lịch này "
                "(khách được báo qua e-mail) rồi tạo lịch khởi hành mới."
            )
        )
    if departure.starts_at <= now:
        raise DepartureNotBookable(_("Giờ khởi hành phải ở tương lai."))
    check_not_too_far(departure.starts_at, now)


def check_capacity(departure, now):
    taken = Departure.objects.with_seats(now).get(pk=departure.pk)
    in_use = taken.seats_booked + taken.seats_held
    if departure.capacity < in_use:
        raise CapacityBelowBookings(
            _("Đã có %(taken)s chỗ được đặt hoặc giữ: số chỗ không thể nhỏ hơn.")
            % {"taken": in_use}
        )


def cancel_departure(departure, *, now=None):
    """The operator calls a departure off: its bookings are cancelled and the visitors told."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = lock_departure(departure.pk)
        if locked.status == DepartureStatus.CANCELLED:
            return locked
        locked.status = DepartureStatus.CANCELLED
        locked.save(update_fields=["status", "updated_at"])
        cancel_bookings_and_holds(locked, now)
    return locked


def cancel_bookings_and_holds(departure, now):
    """Under the departure's lock: free its holds, cancel its bookings, e-mail each visitor."""
    SeatHold.objects.filter(departure=departure, status=HoldStatus.ACTIVE).update(
        status=HoldStatus.RELEASED
    )
    confirmed = Booking.objects.filter(departure=departure, status=BookingStatus.CONFIRMED)
    booking_ids = list(confirmed.values_list("pk", flat=True))
    confirmed.update(status=BookingStatus.CANCELLED, cancelled_at=now)
    for booking_id in booking_ids:
        transaction.on_commit(
            lambda booking_id=booking_id: send_departure_cancelled_later(booking_id), robust=True
        )


def delete_departure(departure_id, *, now=None, before_delete=None):
    """Delete a departure nobody booked or holds seats on (admin); else DepartureInUse.

    The check and the delete run under the departure's lock, so a hold being
    confirmed meanwhile either lands first (and the delete is refused) or finds
    the departure gone. ``before_delete(departure)`` runs in the same transaction
    (the admin logs the deletion there).
    """
    now = now or timezone.now()
    with transaction.atomic():
        departure = lock_departure(departure_id)
        check_deletable(departure, now)
        if before_delete is not None:
            before_delete(departure)
        departure.delete()
    return departure


def check_deletable(departure, now):
    if departure.bookings.exists():
        if departure.status == DepartureStatus.CANCELLED:
            raise DepartureInUse(
                _(
                    "Lịch khởi hành này đã có người đặt nên không thể xóa; "
                    "lịch đã hủy được giữ lại cùng các đặt chỗ để đối chiếu."
                )
            )
        raise DepartureInUse(
            _(
                "Lịch khởi hành này đã có người đặt nên không thể xóa. "
                "Hãy chuyển trạng thái sang “Đã hủy”."
            )
        )
    live_holds = departure.holds.filter(status=HoldStatus.ACTIVE, expires_at__gt=now)
    if live_holds.exists():
        raise DepartureInUse(
            _(
                "Có khách đang giữ chỗ cho lịch khởi hành này nên chưa thể xóa. "
                "Hãy chuyển trạng thái sang “Đã hủy” hoặc thử lại sau %(minutes)s phút."
            )
            % {"minutes": hold_minutes()}
        )


def tours_under(pages):
    """The tours among ``pages`` and their descendants."""
    paths = Q()
    for page in pages:
        paths |= Q(path__startswith=page.path)
    return TourPage.objects.filter(paths) if pages else TourPage.objects.none()


def check_pages_deletable(pages, *, now=None):
    """Deleting pages deletes the tours below them with their departures: refused
    (ToursInUse) while any of those has bookings or unexpired holds.

    Wagtail deletes the pages after this check, outside our transaction; a hold
    taken and confirmed in that instant is not covered (departure deletion is).
    """
    now = now or timezone.now()
    departures = Departure.objects.filter(tour__in=tours_under(pages))
    booked = Booking.objects.filter(departure__in=departures).exists()
    held = SeatHold.objects.filter(
        departure__in=departures, status=HoldStatus.ACTIVE, expires_at__gt=now
    ).exists()
    if booked or held:
        raise ToursInUse()


def send_departure_cancelled_later(booking_id):
    from .tasks import send_departure_cancelled

    send_departure_cancelled.delay(booking_id)


@dataclass(frozen=True)
class SeriesResult:
    created: int
    existing: int
    past: int


def series_start_times(first_day, last_day, weekdays, times):
    """Every local start time on the chosen weekdays (0 = Monday) between two dates."""
    zone = timezone.get_default_timezone()
    days = (first_day + timedelta(days=offset) for offset in range((last_day - first_day).days + 1))
    return [
        datetime.combine(day, moment, tzinfo=zone)
        for day in days
        if day.weekday() in weekdays
        for moment in sorted(set(times))
    ]


def check_series(first_day, last_day, weekdays, times, capacity):
    if not isinstance(first_day, date) or not isinstance(last_day, date):
        raise InvalidSeries(_("Cần ngày bắt đầu và ngày kết thúc."))
    if last_day < first_day:
        raise InvalidSeries(_("Ngày kết thúc trước ngày bắt đầu."))
    if (last_day - first_day).days >= MAX_SERIES_DAYS:
        raise InvalidSeries(_("Mỗi lần tạo tối đa %(days)s ngày.") % {"days": MAX_SERIES_DAYS})
    if not weekdays or not set(weekdays) <= set(range(7)):
        raise InvalidSeries(_("Chọn ít nhất một thứ trong tuần."))
    if not times or not all(isinstance(moment, time) for moment in times):
        raise InvalidSeries(_("Nhập ít nhất một giờ khởi hành."))
    if not isinstance(capacity, int) or capacity < 1:
        raise InvalidSeries(_("Số chỗ phải từ 1 trở lên."))


def generate_series(
    tour,
    *,
    first_day,
    last_day,
    weekdays,
    times,
    capacity,
    price_adult_override=None,
    price_child_override=None,
    now=None,
):
    """Create the departures of a weekly pattern; times are Asia/Ho_Chi_Minh wall-clock.

    Departures that already exist at the same start time, or that would start in
    the past, are skipped: running the same series twice creates nothing new.
    """
    check_series(first_day, last_day, weekdays, times, capacity)
    now = now or timezone.now()
    if last_day > timezone.localtime(latest_start(now)).date():
        raise InvalidSeries(
            _("Giờ khởi hành phải trong vòng %(years)s năm tới.") % {"years": MAX_YEARS_AHEAD}
        )
    starts = series_start_times(first_day, last_day, set(weekdays), times)
    if len(starts) > MAX_SERIES_DEPARTURES:
        raise InvalidSeries(
            _("Quá nhiều lịch khởi hành (%(count)s); tối đa %(max)s mỗi lần.")
            % {"count": len(starts), "max": MAX_SERIES_DEPARTURES}
        )
    future = [start for start in starts if start > now]
    with transaction.atomic():
        existing = set(
            Departure.objects.filter(tour=tour, starts_at__in=future).values_list(
                "starts_at", flat=True
            )
        )
        new = [
            Departure(
                tour=tour,
                starts_at=start,
                capacity=capacity,
                price_adult_override=price_adult_override,
                price_child_override=price_child_override,
            )
            for start in future
            if start not in existing
        ]
        # The unique (tour, starts_at) constraint settles a race with a parallel run.
        Departure.objects.bulk_create(new, ignore_conflicts=True)
    return SeriesResult(
        created=len(new), existing=len(future) - len(new), past=len(starts) - len(future)
    )

"""Bookings: a hold confirmed with the visitor's contact, found again, cancelled.

A booking can be cancelled online until the tour's ``free_cancellation_hours``
before the departure (Departure.cancellable_online); after that only the
operator can cancel it.
"""

import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ocop import shared_state

from ..models import Booking, BookingStatus, HoldStatus, SeatHold
from ..models.departures import BOOKING_CODE_LENGTH
from .errors import (
    AlreadyCancelled,
    BookingNotFound,
    CancellationClosed,
    HoldAlreadyConfirmed,
    HoldExpired,
    InvalidContact,
    LookupRateLimited,
)
from .holds import check_bookable, lock_departure, lock_departure_of_hold
from .limits import lookups_per_client_per_hour

logger = logging.getLogger(__name__)


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
    with transaction.atomic():
        departure = lock_departure_of_hold(hold_id)
        # Read after the lock wait, in a statement of its own (see lock_departure_of_hold).
        # No row lock of its own: every change to a hold's status is made under
        # its departure's lock, which this transaction holds.
        hold = SeatHold.objects.get(pk=hold_id)
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
    from ..tasks import send_booking_confirmation

    send_booking_confirmation.delay(booking_id)


def find_booking(token):
    try:
        return Booking.objects.select_related("departure__tour__operator").get(token=token)
    except Booking.DoesNotExist:
        return None


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


def cancel_booking(booking, *, now=None, online=True):
    """Cancel a booking; its seats go back on sale.

    ``online`` (the visitor, on the ticket page): only within the free-cancellation
    window. Otherwise the operator or the marketplace (a cancelled order) cancels,
    whatever the time.
    """
    now = now or timezone.now()
    with transaction.atomic():
        departure = lock_departure(booking.departure_id)
        locked = Booking.objects.select_for_update().get(pk=booking.pk)
        if locked.status == BookingStatus.CANCELLED:
            raise AlreadyCancelled()
        if online and not departure.cancellable_online(now):
            deadline = timezone.localtime(departure.free_cancellation_until)
            raise CancellationClosed(
                _("Đã quá hạn hủy miễn phí (%(deadline)s). Vui lòng liên hệ đơn vị tổ chức.")
                % {"deadline": deadline.strftime("%H:%M %d/%m/%Y")}
            )
        locked.status = BookingStatus.CANCELLED
        locked.cancelled_at = now
        locked.save(update_fields=["status", "cancelled_at"])
    return locked

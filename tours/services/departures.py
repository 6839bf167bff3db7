"""Departures as operators change them: create, move, resize, cancel, delete.

- A departure starts in the future and at most MAX_YEARS_AHEAD years ahead.
- A departure with confirmed bookings or live holds keeps its tour and start
  time: the visitors' tickets name them. To move it, cancel it (the visitors are
  told) and create another. Capacity never drops below the seats taken.
- A departure the operator cancels takes its bookings and holds with it; each
  visitor is told by e-mail.
- A departure is deleted only while nobody has booked it (bookings are kept,
  cancelled ones too) and nobody holds seats on it; so is a page with such a
  departure on a tour at or below it (unpublish the tour instead).
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import (
    Booking,
    BookingStatus,
    Departure,
    DepartureStatus,
    HoldStatus,
    SeatHold,
    TourPage,
)
from .errors import (
    CapacityBelowBookings,
    DepartureHasVisitors,
    DepartureInUse,
    DepartureNotBookable,
    DepartureTooFar,
    ToursInUse,
)
from .holds import lock_departure
from .limits import hold_minutes

# Departures are scheduled at most this far ahead (a typo such as year 9999 is refused).
MAX_YEARS_AHEAD = 3


def latest_start(now):
    """The latest start time a departure may be given now."""
    return now + timedelta(days=365 * MAX_YEARS_AHEAD)


def check_not_too_far(starts_at, now):
    if starts_at > latest_start(now):
        raise DepartureTooFar(
            _("Giờ khởi hành phải trong vòng %(years)s năm tới.") % {"years": MAX_YEARS_AHEAD}
        )


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
    from ..tasks import send_departure_cancelled

    send_departure_cancelled.delay(booking_id)

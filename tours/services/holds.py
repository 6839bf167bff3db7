"""Seats: locking a departure, holding seats for a few minutes, giving them back.

Every change that can affect seats runs in a transaction that first locks the
departure row (``select_for_update``), so two visitors can never take the same
last seat. A booking has at least one adult (children travel with an adult) and
at most the tour's ``max_group_size`` participants; ``min_group_size`` is shown
to visitors but not enforced on each booking. A hold lasts
``settings.TOURS_HOLD_MINUTES`` (default 15) minutes. The public JSON API serves
only tours anyone may see (live, no view restrictions); others are unknown there.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ocop import shared_state

from ..models import Departure, HoldStatus, SeatHold, TourPage
from ..models.departures import seats_left_of
from .errors import (
    DepartureNotBookable,
    GroupTooLarge,
    InvalidParticipants,
    NotEnoughSeats,
    UnknownDeparture,
    UnknownHold,
    UnknownTour,
)
from .limits import check_client_holds, hold_count_key, hold_minutes, take_hold_count

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


# What holding and confirming read of the tour: whether it takes bookings, the group
# size, the prices, and its address for the API's confirmation link. The rest of the
# page (Wagtail's columns, the itinerary) is left unread: the row is built while the
# lock is held, and the whole page took twice the CPU.
TOUR_FIELDS_FOR_SEATS = ("live", "max_group_size", "price_adult", "price_child", "url_path")


def departures_to_lock_for_seats():
    return (
        Departure.objects.select_for_update(of=("self",))
        .select_related("tour")
        .only(
            *(field.name for field in Departure._meta.concrete_fields),
            *(f"tour__{name}" for name in TOUR_FIELDS_FOR_SEATS),
        )
    )


def lock_departure_to_hold(departure_id):
    """lock_departure, reading only what a hold needs of the tour."""
    try:
        return departures_to_lock_for_seats().get(pk=int(departure_id))
    except (Departure.DoesNotExist, TypeError, ValueError):
        raise UnknownDeparture() from None


def lock_departure_of_hold(hold_id):
    """Lock the departure a hold is for, found by the hold's id in the same statement.

    Only the departure's columns are trusted after the wait: the hold's row comes
    from the snapshot taken before it (READ COMMITTED), so read it again after.
    """
    try:
        return departures_to_lock_for_seats().get(holds=hold_id)
    except (Departure.DoesNotExist, ValidationError, TypeError, ValueError):
        raise UnknownHold() from None


def commit_without_waiting_for_disk():
    """Let the current transaction's COMMIT return before its WAL reaches the disk.

    For seat holds only, on PostgreSQL, and only when the transaction is ours
    alone (an enclosing transaction may write what must be durable). A hold lasts
    minutes; one lost in a crash (the last fraction of a second of commits) only
    frees its seats, never overbooks: a durable commit after it, such as the
    booking that confirms it, flushes the WAL up to and including it. The flush
    it skips was paid while the departure's lock was held, so every hold on a
    departure waited for the disk of the one before. See docs/performance.md.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def seats_left(departure, now=None):
    """Seats still free. Called after lock_departure, in a statement of its own.

    A separate statement matters on PostgreSQL: one that both waits for the lock
    and counts would count with the snapshot taken before the wait, missing the
    seats the previous lock holder just took.
    """
    return seats_left_of(departure.pk, now or timezone.now())


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
    """DepartureNotBookable, saying why, unless the departure takes bookings (the model's rule)."""
    reason = departure.not_bookable_reason(now)
    if reason is not None:
        raise DepartureNotBookable(reason)


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
    alone = not connection.in_atomic_block
    with transaction.atomic():
        if alone:
            commit_without_waiting_for_disk()
        departure = lock_departure_to_hold(departure_id)
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


def release_hold(hold_id):
    """Give a hold's seats back now (the visitor chose again)."""
    with transaction.atomic():
        lock_departure_of_hold(hold_id)
        return SeatHold.objects.filter(pk=hold_id, status=HoldStatus.ACTIVE).update(
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

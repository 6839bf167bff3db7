"""Seat holds, bookings and cancellations in tours.services."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from tours import services
from tours.models import Booking, BookingStatus, Departure, DepartureStatus, HoldStatus, SeatHold
from tours.models.departures import seats_left_of

from .builders import make_departure, utc

pytestmark = pytest.mark.django_db

NOW = utc(2026, 8, 1, 2, 0)  # 09:00 in Hà Nội
CONTACT = services.Contact(name="Nguyễn Thị Lan", phone="0912 345 678", email="lan@example.vn")


def seats_left(departure):
    return Departure.objects.with_seats().get(pk=departure.pk).seats_left


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def soon(tour, frozen):
    return make_departure(tour, starts_at=NOW + timedelta(days=3), capacity=10)


def test_hold_takes_seats_and_prices_them(soon):
    hold = services.hold_seats(soon.pk, adults=2, children=1)
    assert (hold.seats, hold.amount) == (3, 2 * 350_000 + 200_000)
    assert hold.expires_at == NOW + timedelta(minutes=15)
    assert seats_left(soon) == 7


def test_departure_price_override_wins(tour, frozen):
    special = make_departure(
        tour,
        starts_at=NOW + timedelta(days=2),
        price_adult_override=300_000,
        price_child_override=0,
    )
    assert services.hold_seats(special.pk, adults=2, children=2).amount == 600_000


def test_hold_duration_is_a_setting(soon, settings):
    settings.TOURS_HOLD_MINUTES = 5
    assert services.hold_seats(soon.pk, 1).expires_at == NOW + timedelta(minutes=5)


def test_expired_holds_give_their_seats_back(soon, frozen):
    services.hold_seats(soon.pk, adults=4)
    assert seats_left(soon) == 6
    frozen.shift(timedelta(minutes=15, seconds=1))
    assert seats_left(soon) == 10
    assert services.release_expired_holds() == 1
    assert SeatHold.objects.get().status == HoldStatus.RELEASED
    assert services.hold_seats(soon.pk, adults=10).seats == 10


def test_unexpired_holds_stay_after_cleanup(soon, frozen):
    services.hold_seats(soon.pk, adults=4)
    frozen.shift(timedelta(minutes=14))
    assert services.release_expired_holds() == 0
    assert seats_left(soon) == 6


def test_the_hold_path_counts_seats_by_the_same_rule_as_the_pages(tour, soon, frozen):
    """seats_left_of (one plain statement) and with_seats() (every list) agree."""
    other = make_departure(tour, starts_at=NOW + timedelta(days=4), capacity=10)
    services.hold_seats(other.pk, adults=5)  # another departure's seats count nowhere here
    services.confirm_hold(services.hold_seats(soon.pk, adults=2, children=1).pk, CONTACT)
    cancelled = services.confirm_hold(services.hold_seats(soon.pk, adults=1).pk, CONTACT)
    services.cancel_booking(cancelled)
    services.release_hold(services.hold_seats(soon.pk, adults=1).pk)
    services.hold_seats(soon.pk, adults=2)  # expires first
    frozen.shift(timedelta(minutes=5))
    services.hold_seats(soon.pk, adults=1, children=1)

    def both(now):
        return seats_left_of(soon.pk, now), seats_left(soon)

    assert both(timezone.now()) == (3, 3)
    frozen.shift(timedelta(minutes=10, seconds=1))  # the first live hold has lapsed
    assert both(timezone.now()) == (5, 5)
    Departure.objects.filter(pk=soon.pk).update(capacity=2)  # fewer seats than taken
    assert both(timezone.now()) == (0, 0)
    with pytest.raises(Departure.DoesNotExist):
        seats_left_of(999_999, timezone.now())


def test_not_enough_seats_says_how_many_are_left(soon):
    services.hold_seats(soon.pk, adults=8)
    with pytest.raises(services.NotEnoughSeats) as error:
        services.hold_seats(soon.pk, adults=3)
    assert error.value.details == {"seats_left": 2}
    assert "2" in error.value.message


@pytest.mark.parametrize("status", [DepartureStatus.CANCELLED, DepartureStatus.CLOSED])
def test_cancelled_or_closed_departure_takes_no_holds(soon, status):
    Departure.objects.filter(pk=soon.pk).update(status=status)
    with pytest.raises(services.DepartureNotBookable):
        services.hold_seats(soon.pk, adults=1)
    assert not SeatHold.objects.exists()


def test_past_departure_takes_no_holds(tour, frozen):
    gone = make_departure(tour, starts_at=NOW - timedelta(minutes=1))
    with pytest.raises(services.DepartureNotBookable):
        services.hold_seats(gone.pk, adults=1)


def test_unpublished_tour_takes_no_holds(soon, tour):
    tour.unpublish()
    with pytest.raises(services.DepartureNotBookable):
        services.hold_seats(soon.pk, adults=1)


def test_booking_cannot_exceed_the_group_maximum(soon, tour):
    assert tour.max_group_size == 10
    with pytest.raises(services.GroupTooLarge):
        services.hold_seats(soon.pk, adults=8, children=3)
    assert services.hold_seats(soon.pk, adults=8, children=2).seats == 10


@pytest.mark.parametrize(
    ("adults", "children"),
    [(0, 0), (-1, 2), (0, 2), (2, -1), ("2", 0), (2.0, 0), (True, 0), (None, 0)],
)
def test_invalid_participants_are_refused(soon, adults, children):
    with pytest.raises(services.InvalidParticipants):
        services.hold_seats(soon.pk, adults, children)


@pytest.mark.parametrize("departure_id", [999_999, "abc", None])
def test_unknown_departure(departure_id):
    with pytest.raises(services.UnknownDeparture):
        services.hold_seats(departure_id, adults=1)


def test_confirm_turns_the_hold_into_a_booking(soon, django_capture_on_commit_callbacks):
    hold = services.hold_seats(soon.pk, adults=2, children=1)
    with django_capture_on_commit_callbacks(execute=False):
        booking = services.confirm_hold(hold.pk, CONTACT)
    assert booking.status == BookingStatus.CONFIRMED
    assert (booking.adults, booking.children, booking.amount) == (2, 1, hold.amount)
    assert booking.contact_name == "Nguyễn Thị Lan"
    assert booking.code.startswith("T-") and len(booking.token) >= 24
    hold.refresh_from_db()
    assert hold.status == HoldStatus.CONFIRMED
    annotated = Departure.objects.with_seats().get(pk=soon.pk)
    assert (annotated.seats_booked, annotated.seats_held, annotated.seats_left) == (3, 0, 7)


def test_confirmed_seats_stay_taken_after_the_hold_time(soon, frozen):
    services.confirm_hold(services.hold_seats(soon.pk, adults=3).pk, CONTACT)
    frozen.shift(timedelta(hours=2))
    assert seats_left(soon) == 7


def test_a_hold_is_confirmed_once(soon):
    hold = services.hold_seats(soon.pk, adults=2)
    services.confirm_hold(hold.pk, CONTACT)
    with pytest.raises(services.HoldAlreadyConfirmed):
        services.confirm_hold(hold.pk, CONTACT)
    assert Booking.objects.count() == 1


def test_an_expired_hold_cannot_be_confirmed(soon, frozen):
    hold = services.hold_seats(soon.pk, adults=2)
    frozen.shift(timedelta(minutes=16))
    with pytest.raises(services.HoldExpired):
        services.confirm_hold(hold.pk, CONTACT)
    assert not Booking.objects.exists()


def test_a_hold_on_a_departure_cancelled_meanwhile_cannot_be_confirmed(soon):
    hold = services.hold_seats(soon.pk, adults=2)
    services.cancel_departure(soon)
    with pytest.raises(services.DepartureNotBookable):
        services.confirm_hold(hold.pk, CONTACT)


@pytest.mark.parametrize(
    "contact",
    [
        services.Contact(name="", phone="0912345678", email="a@example.vn"),
        services.Contact(name="An", phone=" ", email="a@example.vn"),
        services.Contact(name="An", phone="0912345678", email="not-an-email"),
        services.Contact(
            name="An", phone="0912345678", email="a" * 64 + "@" + ("b" * 63 + ".") * 3 + "vn"
        ),
        services.Contact(name="A" * 151, phone="0912345678", email="a@example.vn"),
        services.Contact(name="An", phone="0" * 31, email="a@example.vn"),
    ],
)
def test_confirm_needs_a_contact(soon, contact):
    hold = services.hold_seats(soon.pk, adults=1)
    with pytest.raises(services.InvalidContact):
        services.confirm_hold(hold.pk, contact)


def test_unknown_hold():
    with pytest.raises(services.UnknownHold):
        services.confirm_hold("0e6f1f3c-2b1d-4a59-9a43-3f5d6e7f8a9b", CONTACT)
    with pytest.raises(services.UnknownHold):
        services.confirm_hold("not-a-uuid", CONTACT)


def test_release_hold_gives_seats_back_at_once(soon):
    hold = services.hold_seats(soon.pk, adults=5)
    assert services.release_hold(hold.pk) == 1
    assert seats_left(soon) == 10


def test_cancel_within_the_free_window_frees_the_seats(soon, frozen):
    booking = services.confirm_hold(services.hold_seats(soon.pk, adults=4).pk, CONTACT)
    # 3 days ahead, 24 free hours: cancel 2 days later, one hour before the deadline.
    frozen.shift(timedelta(days=2, hours=-1))
    cancelled = services.cancel_booking(booking)
    assert cancelled.status == BookingStatus.CANCELLED
    assert cancelled.cancelled_at == timezone.now()
    assert seats_left(soon) == 10
    with pytest.raises(services.AlreadyCancelled):
        services.cancel_booking(booking)


def test_no_cancellation_after_the_deadline(soon, frozen):
    booking = services.confirm_hold(services.hold_seats(soon.pk, adults=4).pk, CONTACT)
    frozen.shift(timedelta(days=2, minutes=1))
    with pytest.raises(services.CancellationClosed):
        services.cancel_booking(booking)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED
    assert seats_left(soon) == 6


def test_capacity_cannot_drop_below_the_seats_taken(soon):
    services.confirm_hold(services.hold_seats(soon.pk, adults=3).pk, CONTACT)
    services.hold_seats(soon.pk, adults=2)
    soon.capacity = 4
    with pytest.raises(services.CapacityBelowBookings):
        services.save_departure(soon)
    soon.capacity = 5
    services.save_departure(soon)
    assert Departure.objects.get(pk=soon.pk).capacity == 5


def test_new_departures_start_in_the_future(tour, frozen):
    with pytest.raises(services.DepartureNotBookable):
        services.save_departure(Departure(tour=tour, starts_at=NOW, capacity=5))
    saved = services.save_departure(
        Departure(tour=tour, starts_at=NOW + timedelta(hours=1), capacity=5)
    )
    assert saved.pk is not None


def test_cancelling_a_departure_cancels_its_bookings_and_tells_the_visitors(
    soon, django_capture_on_commit_callbacks
):
    from django.core import mail

    booking = services.confirm_hold(services.hold_seats(soon.pk, adults=2).pk, CONTACT)
    hold = services.hold_seats(soon.pk, adults=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_departure(soon)
    booking.refresh_from_db()
    assert (booking.status, booking.cancelled_at) == (BookingStatus.CANCELLED, NOW)
    assert SeatHold.objects.get(pk=hold.pk).status == HoldStatus.RELEASED
    [email] = mail.outbox
    assert email.to == ["lan@example.vn"] and booking.code in email.subject
    assert "đã hủy lịch khởi hành" in email.body
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_departure(soon)  # twice: nobody is told again
    assert len(mail.outbox) == 1


def test_a_large_group_at_a_high_price_is_priced_exactly(tour, frozen):
    tour.max_group_size = 20
    tour.save()
    premium = make_departure(
        tour, starts_at=NOW + timedelta(days=5), capacity=20, price_adult_override=150_000_000
    )
    hold = services.hold_seats(premium.pk, adults=20)  # 3 billion đồng: more than 2³¹
    booking = services.confirm_hold(hold.pk, CONTACT)
    booking.refresh_from_db()
    assert booking.amount == 3_000_000_000


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("t-abcd-efgh", "T-ABCD-EFGH"),
        ("T ABCD EFGH", "T-ABCD-EFGH"),
        ("TTXYZ2345", "T-TXYZ-2345"),
        ("txyz2345", "T-TXYZ-2345"),  # typed without the prefix, the body starting with T
        ("T-TXYZ-2345", "T-TXYZ-2345"),
    ],
)
def test_booking_codes_are_read_back_as_people_type_them(typed, code):
    assert services.normalise_booking_code(typed) == code

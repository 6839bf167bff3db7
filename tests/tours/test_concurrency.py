"""No overbooking under concurrent requests: real threads, one connection each, PostgreSQL."""

import threading
import time
from collections import Counter

import pytest
from django.db import connection, connections, transaction
from django.urls import reverse

from tours import services
from tours.models import Booking, Departure, HoldStatus, SeatHold

from .builders import make_departure

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks (select_for_update) need PostgreSQL; SQLite serialises all writers",
    ),
]

REQUESTS = 50


def hold_from_own_connection(departure_id, start, outcomes):
    """One visitor: waits for everyone, asks for 2 seats, records what happened."""
    try:
        start.wait(timeout=30)
        services.hold_seats(departure_id, adults=2)
        outcomes.append("held")
    except services.NotEnoughSeats:
        outcomes.append("not enough seats")
    except Exception as error:  # recorded, so the assertion shows it
        outcomes.append(repr(error))
    finally:
        connections.close_all()  # this thread's own connection


def test_fifty_concurrent_holds_for_ten_seats(tour_in_fresh_tree):
    departure = make_departure(tour_in_fresh_tree, capacity=10)
    start = threading.Barrier(REQUESTS)
    outcomes = []
    threads = [
        threading.Thread(target=hold_from_own_connection, args=(departure.pk, start, outcomes))
        for _ in range(REQUESTS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert Counter(outcomes) == {"held": 5, "not enough seats": 45}
    assert Departure.objects.with_seats().get(pk=departure.pk).seats_left == 0
    assert SeatHold.objects.filter(departure=departure).count() == 5


def confirm_and_keep_the_lock(hold_id, locked, outcomes):
    """A visitor's confirm that has the departure locked when the editor presses delete."""
    try:
        with transaction.atomic():
            services.confirm_hold(
                hold_id, services.Contact(name="An", phone="0912345678", email="an@example.vn")
            )
            locked.set()
            time.sleep(1)  # the editor's delete arrives now and waits for the lock
        outcomes.append("booked")
    except Exception as error:
        outcomes.append(repr(error))
    finally:
        locked.set()
        connections.close_all()


def test_deleting_a_departure_while_a_hold_is_confirmed(tour_in_fresh_tree, admin_client):
    departure = make_departure(tour_in_fresh_tree, capacity=10)
    hold = services.hold_seats(departure.pk, adults=2)
    locked, outcomes = threading.Event(), []
    visitor = threading.Thread(target=confirm_and_keep_the_lock, args=(hold.pk, locked, outcomes))
    visitor.start()
    locked.wait(timeout=30)

    response = admin_client.post(
        reverse("tour_departures:delete", args=[departure.pk]), follow=True
    )
    visitor.join(timeout=30)

    assert outcomes == ["booked"]
    assert "đã có người đặt nên không thể xóa" in response.content.decode()
    assert Departure.objects.filter(pk=departure.pk).exists()
    assert Booking.objects.get().departure_id == departure.pk


def test_two_confirmations_of_one_hold_make_one_booking(tour_in_fresh_tree):
    """The second waits for the departure's lock, then reads the hold as the first left it."""
    departure = make_departure(tour_in_fresh_tree, capacity=10)
    hold = services.hold_seats(departure.pk, adults=2)
    locked, outcomes = threading.Event(), []
    first = threading.Thread(target=confirm_and_keep_the_lock, args=(hold.pk, locked, outcomes))
    first.start()
    locked.wait(timeout=30)

    with pytest.raises(services.HoldAlreadyConfirmed):
        services.confirm_hold(
            hold.pk, services.Contact(name="Bình", phone="0987654321", email="binh@example.vn")
        )
    first.join(timeout=30)

    assert outcomes == ["booked"]
    assert Booking.objects.get().contact_name == "An"
    assert SeatHold.objects.get().status == HoldStatus.CONFIRMED

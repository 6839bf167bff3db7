"""No single client sits on a tour's seats: per-client caps on holds, a daily rate limit."""

import json
from datetime import timedelta

import pytest
import time_machine
from django.test import Client, RequestFactory

from tours import services
from tours.clients import client_key
from tours.models import Departure, HoldStatus, SeatHold

from .builders import make_departure, utc

pytestmark = pytest.mark.django_db

NOW = utc(2026, 8, 1, 2, 0)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def big(tour):
    """25 seats, groups of at most 10 (the tour's maximum)."""
    return make_departure(tour, starts_at=NOW + timedelta(days=3), capacity=25)


def seats_left(departure):
    return Departure.objects.with_seats().get(pk=departure.pk).seats_left


def post_hold(departure, address, body, **headers):
    return Client(REMOTE_ADDR=address, **headers).post(
        f"/api/tours/departures/{departure.pk}/holds/",
        json.dumps(body),
        content_type="application/json",
    )


def test_a_client_holds_at_most_one_group_of_a_departure(big):
    services.hold_seats(big.pk, adults=6, client="a")
    with pytest.raises(services.TooManyHolds) as refused:
        services.hold_seats(big.pk, adults=5, client="a")
    assert refused.value.details == {"seats_held": 6, "max_group_size": 10}
    services.hold_seats(big.pk, adults=4, client="a")
    services.hold_seats(big.pk, adults=10, client="b")
    assert seats_left(big) == 5


def test_a_client_keeps_a_limited_number_of_live_holds(tour, big, settings, frozen):
    settings.TOURS_MAX_LIVE_HOLDS_PER_CLIENT = 2
    other = make_departure(tour, starts_at=NOW + timedelta(days=4), capacity=25)
    first = services.hold_seats(big.pk, adults=1, client="a")
    services.hold_seats(other.pk, adults=1, client="a")
    with pytest.raises(services.TooManyHolds):
        services.hold_seats(other.pk, adults=1, client="a")
    services.release_hold(first.pk)
    services.hold_seats(other.pk, adults=1, client="a")
    frozen.shift(timedelta(minutes=15, seconds=1))
    services.hold_seats(big.pk, adults=1, client="a")
    assert SeatHold.objects.filter(client="a").count() == 4


def test_holds_per_day_are_counted_in_the_cache(big, settings, frozen):
    settings.TOURS_HOLDS_PER_CLIENT_PER_DAY = 3
    for _round in range(3):
        services.release_hold(services.hold_seats(big.pk, adults=1, client="a").pk)
    with pytest.raises(services.HoldRateLimited):
        services.hold_seats(big.pk, adults=1, client="a")
    services.hold_seats(big.pk, adults=1, client="b")
    frozen.shift(timedelta(hours=24, seconds=1))
    services.hold_seats(big.pk, adults=1, client="a")


def test_refused_holds_do_not_count_against_the_day(big, settings):
    settings.TOURS_HOLDS_PER_CLIENT_PER_DAY = 1
    services.hold_seats(big.pk, adults=10)
    services.hold_seats(big.pk, adults=10)
    with pytest.raises(services.NotEnoughSeats):
        services.hold_seats(big.pk, adults=6, client="a")
    services.hold_seats(big.pk, adults=5, client="a")
    with pytest.raises(services.HoldRateLimited):
        services.hold_seats(big.pk, adults=1, client="a")


def test_internal_callers_have_no_client_limits(big, settings):
    settings.TOURS_MAX_LIVE_HOLDS_PER_CLIENT = 1
    settings.TOURS_HOLDS_PER_CLIENT_PER_DAY = 1
    for _round in range(3):
        services.hold_seats(big.pk, adults=5)
    assert seats_left(big) == 10


def test_one_address_cannot_hold_all_the_seats_through_the_api(big):
    assert post_hold(big, "203.0.113.5", {"adults": 10}).status_code == 201
    response = post_hold(big, "203.0.113.5", {"adults": 2})
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "too_many_holds"
    assert "tối đa 10 khách" in response.json()["error"]["message"]
    assert post_hold(big, "198.51.100.7", {"adults": 10}).status_code == 201
    assert seats_left(big) == 5


def test_the_api_says_429_when_a_client_held_too_often(big, settings):
    settings.TOURS_HOLDS_PER_CLIENT_PER_DAY = 2
    for _round in range(2):
        hold = post_hold(big, "203.0.113.5", {"adults": 1}).json()
        services.release_hold(hold["id"])
    response = post_hold(big, "203.0.113.5", {"adults": 1})
    assert (response.status_code, response.json()["error"]["code"]) == (429, "hold_rate_limited")


def test_behind_a_proxy_the_forwarded_address_is_the_client(big, settings):
    settings.TRUSTED_PROXY_HOPS = 1
    proxy = "10.0.0.2"
    assert (
        post_hold(big, proxy, {"adults": 10}, HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 201
    )
    spoofed = post_hold(big, proxy, {"adults": 2}, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5")
    assert spoofed.status_code == 429
    other = post_hold(big, proxy, {"adults": 2}, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert other.status_code == 201


def test_an_ipv6_client_is_its_64_network():
    factory = RequestFactory()
    one = factory.get("/", REMOTE_ADDR="2001:db8:1:2::1")
    same_network = factory.get("/", REMOTE_ADDR="2001:db8:1:2:ffff::9")
    elsewhere = factory.get("/", REMOTE_ADDR="2001:db8:1:3::1")
    assert client_key(one) == client_key(same_network) != client_key(elsewhere)
    assert "2001" not in client_key(one)


def test_the_booking_form_is_limited_too(client, tour, big):
    page = tour.url + "dat-cho/"
    client.post(page, {"departure": big.pk, "adults": 10})
    other = Client()  # another visitor at the same address (127.0.0.1)
    response = other.post(page, {"departure": big.pk, "adults": 2})
    assert response.status_code == 200
    assert "mỗi lượt đặt tối đa 10 khách" in response.content.decode()


def test_choosing_again_replaces_the_previous_hold(client, tour, big):
    page = tour.url + "dat-cho/"
    client.post(page, {"departure": big.pk, "adults": 4})
    client.post(page, {"departure": big.pk, "adults": 4})  # back button, or a double click
    client.post(page, {"departure": big.pk, "adults": 3})
    assert [hold.seats for hold in SeatHold.objects.filter(status=HoldStatus.ACTIVE)] == [3]
    assert seats_left(big) == 22


def test_holding_one_departure_again_and_again_is_stopped(big, settings, frozen):
    settings.TOURS_HOLDS_PER_CLIENT_PER_DEPARTURE = 3
    contact = services.Contact(name="An", phone="0912345678", email="an@example.vn")
    services.confirm_hold(services.hold_seats(big.pk, adults=2, client="a").pk, contact)
    for _round in range(3):  # each hold lapses, and the same seats are held again
        services.hold_seats(big.pk, adults=8, client="a")
        frozen.shift(timedelta(minutes=16))
    with pytest.raises(services.TooManyHolds) as refused:
        services.hold_seats(big.pk, adults=8, client="a")
    assert refused.value.details == {"unconfirmed_holds": 3}
    services.hold_seats(big.pk, adults=8, client="b")
    frozen.shift(timedelta(hours=24))  # the lapsed holds are over a day old now
    services.hold_seats(big.pk, adults=8, client="a")

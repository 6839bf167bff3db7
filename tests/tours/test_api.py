"""Tours JSON endpoints of docs/interfaces.md, including their error cases."""

import json

import pytest
import time_machine

from tours import services
from tours.models import SeatHold

from .builders import make_departure, make_tour, utc

pytestmark = pytest.mark.django_db

NOW = utc(2026, 8, 1, 2, 0)
DEPARTURES = "/api/tours/departures/"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def departure(tour):
    return make_departure(tour, starts_at=utc(2026, 8, 5, 1, 0), capacity=10)


def post_hold(client, departure_id, body):
    payload = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(
        f"/api/tours/departures/{departure_id}/holds/", payload, content_type="application/json"
    )


def test_departures_of_a_tour_with_seats_left(client, tour, departure):
    special = make_departure(
        tour, starts_at=utc(2026, 8, 9, 7, 0), capacity=4, price_adult_override=300_000
    )
    services.hold_seats(special.pk, adults=3)
    response = client.get(DEPARTURES, {"tour": tour.pk, "from": "2026-08-01", "to": "2026-08-31"})
    assert response.status_code == 200
    data = response.json()
    assert data["tour"]["id"] == tour.pk
    assert data["departures"] == [
        {
            "id": departure.pk,
            "tour": tour.pk,
            "starts_at": "2026-08-05T08:00:00+07:00",
            "ends_at": "2026-08-05T12:00:00+07:00",
            "status": "scheduled",
            "capacity": 10,
            "seats_left": 10,
            "price_adult": 350_000,
            "price_child": 200_000,
            "currency": "VND",
            "bookable": True,
        },
        {
            "id": special.pk,
            "tour": tour.pk,
            "starts_at": "2026-08-09T14:00:00+07:00",
            "ends_at": "2026-08-09T18:00:00+07:00",
            "status": "scheduled",
            "capacity": 4,
            "seats_left": 1,
            "price_adult": 300_000,
            "price_child": 200_000,
            "currency": "VND",
            "bookable": True,
        },
    ]


def test_date_range_is_in_vietnam_time_and_inclusive(client, tour):
    early = make_departure(tour, starts_at=utc(2026, 8, 4, 17, 30))  # 00:30 on 5 August
    late = make_departure(tour, starts_at=utc(2026, 8, 5, 16, 30))  # 23:30 on 5 August
    make_departure(tour, starts_at=utc(2026, 8, 5, 17, 0))  # 00:00 on 6 August
    data = client.get(DEPARTURES, {"tour": tour.pk, "from": "2026-08-05", "to": "2026-08-05"})
    assert [row["id"] for row in data.json()["departures"]] == [early.pk, late.pk]


def test_default_range_is_the_next_sixty_days(client, tour):
    inside = make_departure(tour, starts_at=utc(2026, 9, 29, 1, 0))
    make_departure(tour, starts_at=utc(2026, 10, 2, 1, 0))
    data = client.get(DEPARTURES, {"tour": tour.pk}).json()
    assert (data["from"], data["to"]) == ("2026-08-01", "2026-09-30")
    assert [row["id"] for row in data["departures"]] == [inside.pk]


def test_cancelled_and_full_departures_are_listed_as_not_bookable(client, tour, departure):
    full = make_departure(tour, starts_at=utc(2026, 8, 6, 1, 0), capacity=1)
    services.hold_seats(full.pk, adults=1)
    services.cancel_departure(departure)
    rows = client.get(DEPARTURES, {"tour": tour.pk}).json()["departures"]
    assert [(row["status"], row["seats_left"], row["bookable"]) for row in rows] == [
        ("cancelled", 10, False),
        ("scheduled", 0, False),
    ]


@pytest.mark.parametrize(
    ("params", "status", "code"),
    [
        ({}, 400, "invalid"),
        ({"tour": "abc"}, 400, "invalid"),
        ({"tour": "{tour}", "from": "05/08/2026"}, 400, "invalid"),
        ({"tour": "{tour}", "from": "2026-08-10", "to": "2026-08-01"}, 400, "invalid"),
        ({"tour": "{tour}", "from": "2026-01-01", "to": "2027-06-01"}, 400, "invalid"),
        ({"tour": "999999"}, 404, "unknown_tour"),
    ],
)
def test_departures_bad_requests(client, tour, params, status, code):
    params = {key: value.format(tour=tour.pk) for key, value in params.items()}
    response = client.get(DEPARTURES, params)
    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    assert response.json()["error"]["message"]


def test_unpublished_tour_is_unknown(client, tour):
    tour.unpublish()
    assert client.get(DEPARTURES, {"tour": tour.pk}).status_code == 404


def test_post_hold_returns_201_with_the_hold(client, tour, departure):
    response = post_hold(client, departure.pk, {"adults": 2, "children": 1})
    assert response.status_code == 201
    hold = SeatHold.objects.get()
    assert response.json() == {
        "id": str(hold.pk),
        "departure": departure.pk,
        "adults": 2,
        "children": 1,
        "seats": 3,
        "price_adult": 350_000,
        "price_child": 200_000,
        "amount": 900_000,
        "currency": "VND",
        "expires_at": "2026-08-01T09:15:00+07:00",
        "confirm_url": f"http://testserver{tour.url}dat-cho/{hold.pk}/",
    }


def test_children_default_to_zero(client, departure):
    assert post_hold(client, departure.pk, {"adults": 1}).json()["seats"] == 1


def test_post_hold_409_when_the_seats_are_not_there(client, departure):
    services.hold_seats(departure.pk, adults=9)
    response = post_hold(client, departure.pk, {"adults": 2})
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "not_enough_seats"
    assert response.json()["error"]["seats_left"] == 1


def test_post_hold_409_on_a_cancelled_departure(client, departure):
    services.cancel_departure(departure)
    response = post_hold(client, departure.pk, {"adults": 2})
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "departure_not_bookable"


def test_post_hold_409_on_a_past_departure(client, tour):
    past = make_departure(tour, starts_at=utc(2026, 7, 31, 1, 0))
    assert post_hold(client, past.pk, {"adults": 1}).status_code == 409


def test_post_hold_404_on_an_unknown_departure(client):
    response = post_hold(client, 999_999, {"adults": 1})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "unknown_departure"


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"adults": 0}, "invalid_participants"),
        ({"adults": -2, "children": 1}, "invalid_participants"),
        ({"adults": 0, "children": 2}, "invalid_participants"),
        ({"adults": "2"}, "invalid_participants"),
        ({"adults": 1.5}, "invalid_participants"),
        ({"adults": 8, "children": 3}, "group_too_large"),
        ({"children": 2}, "invalid"),
        ([2, 1], "invalid"),
        ("not json", "invalid"),
        ("", "invalid"),
    ],
)
def test_post_hold_400_on_bad_input(client, departure, body, code):
    response = post_hold(client, departure.pk, body)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == code
    assert not SeatHold.objects.exists()


def test_wrong_methods_get_405(client, departure):
    assert client.post(DEPARTURES, {}).status_code == 405
    response = client.get(f"/api/tours/departures/{departure.pk}/holds/")
    assert response.status_code == 405
    assert "POST" in response["Allow"] and "GET" not in response["Allow"]
    assert response.json()["error"]["code"] == "method_not_allowed"


def test_wagtail_api_has_tour_and_village_fields(client, tour, village):
    response = client.get(
        "/api/v2/pages/", {"type": "tours.TourPage", "fields": "*"}, HTTP_HOST="localhost"
    )
    [item] = response.json()["items"]
    assert item["price_adult"] == 350_000 and item["max_group_size"] == 10
    assert item["languages"] == ["vi", "en"]
    assert item["village_list"][0]["id"] == village.pk
    assert item["operator_info"]["name"] == tour.operator.name
    assert item["departures_url"] == f"/api/tours/departures/?tour={tour.pk}"

    response = client.get(
        "/api/v2/pages/", {"type": "tours.CraftVillagePage", "fields": "*"}, HTTP_HOST="localhost"
    )
    [item] = response.json()["items"]
    assert (item["craft"], item["ward_code"], item["ward_name"]) == ("Gốm sứ", 583, "Xã Bát Tràng")
    assert item["province_name"] == "Thành phố Hà Nội"
    assert item["tour_list"] == [{"id": tour.pk, "title": tour.title, "url": tour.url}]


def test_a_second_tour_is_not_mixed_in(client, home_page, tour, departure, village):
    other = make_tour(home_page, villages=[village])
    make_departure(other, starts_at=utc(2026, 8, 5, 1, 0))
    rows = client.get(DEPARTURES, {"tour": tour.pk}).json()["departures"]
    assert [row["id"] for row in rows] == [departure.pk]


def test_an_out_of_range_departure_id_is_unknown(client):
    response = post_hold(client, 10**30, {"adults": 1})
    assert response.status_code == 404


def test_huge_participant_numbers_are_refused_before_touching_the_database(client, departure):
    response = post_hold(client, departure.pk, {"adults": 10**12})
    assert (response.status_code, response.json()["error"]["code"]) == (400, "group_too_large")


def test_departures_already_gone_are_not_listed(client, tour, departure):
    earlier_today = make_departure(tour, starts_at=utc(2026, 8, 1, 1, 0))  # 08:00, now is 09:00
    yesterday = make_departure(tour, starts_at=utc(2026, 7, 31, 1, 0))
    for params in ({"tour": tour.pk}, {"tour": tour.pk, "from": "2026-07-01"}):
        ids = [row["id"] for row in client.get(DEPARTURES, params).json()["departures"]]
        assert ids == [departure.pk], params
    assert {earlier_today.pk, yesterday.pk}.isdisjoint(ids)


def test_errors_come_in_english_when_the_caller_asks(client, departure):
    english = client.post(
        f"/api/tours/departures/{departure.pk}/holds/",
        "not json",
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9",
    )
    assert english.json()["error"]["message"] == "The body must be JSON."
    services.hold_seats(departure.pk, adults=9)
    full = client.post(
        f"/api/tours/departures/{departure.pk}/holds/",
        {"adults": 2},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert full.json()["error"]["message"] == "Not enough seats: only 1 left."
    default = post_hold(client, departure.pk, {"adults": 2})
    assert default.json()["error"]["message"] == "Không đủ chỗ: chỉ còn 1 chỗ."


@pytest.mark.parametrize(
    "params",
    [
        {"from": "9999-12-31"},
        {"from": "9999-12-01", "to": "9999-12-31"},
        {"from": "0001-01-01", "to": "0001-01-02"},
        {"tour": "9" * 40},
        {"tour": "-1"},
    ],
)
def test_extreme_dates_and_ids_are_answered_not_crashed(client, tour, params):
    response = client.get(DEPARTURES, {"tour": tour.pk, **params})
    assert response.status_code in (200, 400, 404)
    assert "error" in response.json() or response.json()["departures"] == []

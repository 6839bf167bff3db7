"""Tours not everyone may see (view restrictions, unpublished): unknown to the JSON API,
bookable on their own page by those allowed to see it."""

import json

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import PageViewRestriction

from tours.models import SeatHold

from .builders import make_departure, utc

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


def restrict(page, restriction_type, **fields):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=restriction_type, **fields
    )
    if restriction_type == PageViewRestriction.GROUPS:
        restriction.groups.add(Group.objects.get(name="Editors"))
    return restriction


RESTRICTIONS = [
    {"restriction_type": PageViewRestriction.PASSWORD, "password": "lang-gom"},
    {"restriction_type": PageViewRestriction.LOGIN},
    {"restriction_type": PageViewRestriction.GROUPS},
]


def post_hold(client, departure_id, body):
    return client.post(
        f"/api/tours/departures/{departure_id}/holds/",
        json.dumps(body),
        content_type="application/json",
    )


def assert_unknown_departure(response):
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "unknown_departure"


@pytest.mark.parametrize("restriction", RESTRICTIONS, ids=lambda r: r["restriction_type"])
def test_api_takes_no_holds_on_a_restricted_tour(client, tour, departure, restriction):
    restrict(tour, **restriction)
    assert_unknown_departure(post_hold(client, departure.pk, {"adults": 1}))
    assert not SeatHold.objects.exists()


@pytest.mark.parametrize("restriction", RESTRICTIONS, ids=lambda r: r["restriction_type"])
def test_api_lists_no_departures_of_a_restricted_tour(client, tour, departure, restriction):
    restrict(tour, **restriction)
    response = client.get(DEPARTURES, {"tour": tour.pk})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "unknown_tour"


def test_a_restriction_on_the_tour_index_hides_its_tours_too(client, tour, departure):
    restrict(tour.get_parent(), PageViewRestriction.LOGIN)
    assert_unknown_departure(post_hold(client, departure.pk, {"adults": 1}))
    assert client.get(DEPARTURES, {"tour": tour.pk}).status_code == 404


def test_even_a_logged_in_visitor_holds_only_through_the_page(
    client, django_user_model, tour, departure
):
    restrict(tour, PageViewRestriction.LOGIN)
    client.force_login(django_user_model.objects.create_user("khach", password="x"))
    assert_unknown_departure(post_hold(client, departure.pk, {"adults": 1}))


def test_api_takes_no_holds_on_an_unpublished_tour(client, tour, departure):
    tour.unpublish()
    assert_unknown_departure(post_hold(client, departure.pk, {"adults": 1}))
    assert not SeatHold.objects.exists()


def choose(client, tour, departure):
    return client.post(
        tour.url + "dat-cho/", {"departure": departure.pk, "adults": 2, "children": 0}
    )


def test_a_logged_in_visitor_books_a_login_only_tour_on_its_page(
    client, django_user_model, tour, departure
):
    restrict(tour, PageViewRestriction.LOGIN)
    assert choose(client, tour, departure).status_code == 302  # to the login page
    assert not SeatHold.objects.exists()

    client.force_login(django_user_model.objects.create_user("khach", password="x"))
    assert client.get(tour.url).status_code == 200
    response = choose(client, tour, departure)
    hold = SeatHold.objects.get()
    assert response["Location"] == f"{tour.url}dat-cho/{hold.pk}/"
    assert client.get(response["Location"]).status_code == 200


def test_a_visitor_with_the_password_books_on_the_page(client, tour, departure):
    restriction = restrict(tour, PageViewRestriction.PASSWORD, password="lang-gom")
    assert choose(client, tour, departure).status_code == 200  # the password form
    assert not SeatHold.objects.exists()

    client.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, tour.pk]),
        {"password": "lang-gom", "return_url": tour.url},
    )
    response = choose(client, tour, departure)
    assert response.status_code == 302
    assert SeatHold.objects.get().departure_id == departure.pk

"""The holds API takes no cross-site writes and no body that is not JSON (issue 13, item 2)."""

import json

import pytest
from django.test import Client

from tours.models import SeatHold

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser():
    """A client that checks CSRF as a browser's request is checked."""
    return Client(enforce_csrf_checks=True)


def holds_url(departure):
    return f"/api/tours/departures/{departure.pk}/holds/"


def csrf_token(browser, tour):
    response = browser.get("/api/tours/departures/", {"tour": tour.pk})
    return response.cookies["csrftoken"].value


def test_a_cross_site_text_plain_form_places_no_hold(browser, departure):
    """<form enctype="text/plain"> on another site: no token, not JSON."""
    response = browser.post(
        holds_url(departure),
        '{"adults": 2, "x": "="}',
        content_type="text/plain",
        HTTP_ORIGIN="https://evil.example",
    )
    assert response.status_code in (403, 415)
    assert "error" in response.json()
    assert not SeatHold.objects.exists()


def test_json_without_the_csrf_token_is_refused(browser, departure):
    response = browser.post(holds_url(departure), {"adults": 1}, content_type="application/json")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "csrf_failed"
    assert not SeatHold.objects.exists()


def test_text_plain_with_the_token_is_still_refused_as_415(browser, tour, departure):
    token = csrf_token(browser, tour)
    response = browser.post(
        holds_url(departure), '{"adults": 1}', content_type="text/plain", HTTP_X_CSRFTOKEN=token
    )
    assert response.status_code == 415
    assert response.json()["error"]["code"] == "unsupported_media_type"
    assert not SeatHold.objects.exists()


def test_another_origin_with_a_stolen_token_is_refused(browser, tour, departure):
    token = csrf_token(browser, tour)
    response = browser.post(
        holds_url(departure),
        {"adults": 1},
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
        HTTP_ORIGIN="https://evil.example",
    )
    assert response.status_code == 403
    assert not SeatHold.objects.exists()


def test_json_with_the_token_from_a_get_places_the_hold(browser, tour, departure):
    token = csrf_token(browser, tour)
    response = browser.post(
        holds_url(departure),
        {"adults": 1},
        content_type="application/json; charset=utf-8",
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 201
    assert SeatHold.objects.count() == 1


@pytest.mark.parametrize("depth", [1_000, 100_000])
def test_deeply_nested_json_is_a_400(client, departure, depth):
    body = "[" * depth + "]" * depth
    response = client.post(holds_url(departure), body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"
    nested = '{"adults": ' + "[" * depth + "]" * depth + "}"
    response = client.post(holds_url(departure), nested, content_type="application/json")
    assert response.status_code == 400


def test_a_body_that_is_not_utf8_is_a_400(client, departure):
    response = client.post(holds_url(departure), b"\xff\xfe{", content_type="application/json")
    assert response.status_code == 400


def test_a_negative_or_huge_departure_in_the_path_is_a_json_404(client):
    for departure_id in ("-1", "9" * 40):
        response = client.post(
            f"/api/tours/departures/{departure_id}/holds/",
            json.dumps({"adults": 1}),
            content_type="application/json",
        )
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "unknown_departure"

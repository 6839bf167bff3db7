"""The 500s of issue 13, item 7, each now a clear 4xx (the cart's ``next`` is the cart's)."""

import json
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from catalog.models import Product
from catalog.registry import services as registry
from catalog.registry.problems import SourceError
from catalog.registry.readers import open_source
from tests.factories import catalog_index, make_product
from tests.tours.builders import make_departure, make_tour
from tours import services as tours
from tours.models import Departure

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    """Answers as a visitor sees them: an exception is a 500, not a test error."""
    return Client(raise_request_exception=False, HTTP_HOST="localhost")


@pytest.fixture
def catalogue(home_page):
    index = catalog_index(home_page)
    index.save_revision().publish()
    return index


@pytest.mark.parametrize(
    "url",
    [
        "/san-pham/%00/",
        "/san-pham/?q=%00",
        "/san-pham/?province=%00&stars=4",
        "/san-pham/?q=abc%00def",
        "/truy-xuat/%00/",
        "/api/v2/pages/?search=%00",
        "/api/tours/departures/?tour=1%00",
    ],
)
def test_a_nul_byte_in_a_url_or_search_is_a_400(client, catalogue, url):
    assert client.get(url).status_code == 400


def test_a_nul_byte_in_a_posted_form_is_a_400(client):
    response = client.post("/ve-tour/tra-cuu/", {"code": "T-AB\x00", "email": "a@b.vn"})
    assert response.status_code == 400


def test_a_nul_byte_in_the_session_cookie_is_no_session(client, catalogue):
    client.cookies["sessionid"] = "abc\x00def"
    assert client.get("/san-pham/").status_code == 200
    client.cookies["sessionid"] = "abc\x00def"
    assert client.get("/gio-hang/").status_code == 200


@pytest.mark.parametrize("endpoint", ["pages", "products", "images", "documents"])
@pytest.mark.parametrize("offset", [str(2**63), str(2**63 - 1), str(2**31), "9" * 30])
def test_a_huge_offset_in_the_wagtail_api_is_a_400(client, catalogue, endpoint, offset):
    response = client.get(f"/api/v2/{endpoint}/", {"offset": offset})
    assert response.status_code == 400
    assert "offset" in response.json()["message"]


@pytest.fixture
def far_tour(home_page):
    tour = make_tour(home_page, slug="xa")
    make_departure(tour, capacity=5)
    far = timezone.now().replace(year=9999, month=12, day=1)
    Departure.objects.create(tour=tour, starts_at=far, capacity=5)  # stored before the cap
    return tour


@pytest.mark.parametrize("month", ["9999-12", "10000-1", "0-1", "2026-13", "9" * 5000 + "-1"])
def test_a_far_month_on_a_tour_with_a_far_departure_is_answered(client, far_tour, month):
    assert client.get(far_tour.url, {"thang": month}).status_code == 200


def test_departures_are_capped_a_few_years_ahead(far_tour):
    with pytest.raises(tours.DepartureTooFar):
        tours.save_departure(
            Departure(tour=far_tour, starts_at=timezone.now() + timedelta(days=4 * 365), capacity=5)
        )
    near = tours.save_departure(
        Departure(tour=far_tour, starts_at=timezone.now() + timedelta(days=2 * 365), capacity=5)
    )
    near.starts_at = timezone.now().replace(year=9999)
    with pytest.raises(tours.DepartureTooFar):
        tours.save_departure(near)


def test_a_series_past_the_horizon_is_refused(far_tour):
    today = timezone.localdate()
    with pytest.raises(tours.InvalidSeries):
        tours.generate_series(
            far_tour,
            first_day=today.replace(year=today.year + 4),
            last_day=today.replace(year=today.year + 4) + timedelta(days=7),
            weekdays=[0],
            times=[timezone.localtime().time().replace(hour=8, minute=0, second=0, microsecond=0)],
            capacity=5,
        )


def test_the_departure_admin_form_refuses_year_9999(far_tour):
    user = get_user_model().objects.create_superuser("qt", "qt@example.vn", "x")
    admin = Client(raise_request_exception=False)
    admin.force_login(user)
    response = admin.post(
        reverse("tour_departures:add"),
        {
            "tour": far_tour.pk,
            "starts_at": "9999-12-01 08:00",
            "capacity": "12",
            "price_adult_override": "",
            "price_child_override": "",
            "status": "scheduled",
        },
    )
    assert response.status_code == 200
    assert "trong vòng 3 năm" in response.content.decode()
    assert not Departure.objects.filter(capacity=12).exists()


@pytest.mark.parametrize("depth", [900, 5_000, 200_000])
def test_deeply_nested_json_in_a_registry_feed_is_a_source_error(tmp_path, depth):
    path = tmp_path / "feed.json"
    path.write_text('{"results": [' + "[" * depth + "]" * depth + "]}")
    try:
        opened = open_source(path)
        list(opened.records())
    except SourceError as error:
        assert error.problem.code in ("bad_json", "missing_columns")


def test_a_nested_registry_feed_fails_the_run_not_the_request(tmp_path):
    path = tmp_path / "feed.json"
    path.write_text(json.dumps({"results": []})[:-2] + "[" * 100_000 + "]" * 100_000 + "]}")
    run = registry.sync(path)
    assert run.status == "failed"
    assert run.problems.get().code == "bad_json"


@pytest.mark.parametrize("product", ["abc", "", "1e3", str(2**70), "-1", "1\x01"])
def test_a_non_numeric_product_on_the_review_form_is_a_404(product):
    waiting = make_product(name="Chờ xem")
    Product.objects.filter(pk=waiting.pk).update(from_registry=True, needs_review=True)
    user = get_user_model().objects.create_superuser("qt", "qt@example.vn", "x")
    admin = Client(raise_request_exception=False)
    admin.force_login(user)
    response = admin.post("/admin/registry/review/?p=1%0d%0aX-Injected:1", {"product": product})
    assert response.status_code == 404
    ok = admin.post("/admin/registry/review/?p=x", {"product": waiting.pk})
    assert (ok.status_code, ok["Location"]) == (302, "/admin/registry/review/?p=1")

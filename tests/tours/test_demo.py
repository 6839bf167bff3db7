"""The tours demo: real villages, tours, departures; linked to the registry's producers."""

import io
from datetime import timedelta

import pytest
from django.http import HttpRequest
from django.utils import timezone

from catalog.models import Producer
from cms import demo as cms_demo
from cms.i18n import originals
from tests.shared_data import data_for_the_module
from tours import demo
from tours.models import CraftVillagePage, Departure, TourPage

pytestmark = pytest.mark.django_db


def run_demos():
    cms_demo.load(stdout=io.StringIO())
    demo.load(stdout=io.StringIO())


@pytest.fixture(scope="module", autouse=True)
def demos_loaded(django_db_setup, django_db_blocker):
    """Every test here starts from the demo, loaded once for the module
    (tests/shared_data.py); the registry producer's case is in test_demo_registry.py."""
    with data_for_the_module(django_db_blocker, run_demos):
        yield


def test_demo_has_three_real_villages_with_tours_and_departures():
    villages = {village.slug: village for village in originals(CraftVillagePage.objects.live())}
    assert set(villages) == {"bat-trang", "van-phuc", "vi-khe"}
    assert villages["bat-trang"].ward_name == "Xã Bát Tràng"
    assert villages["vi-khe"].province_name == "Ninh Bình"
    assert "Nam Định" in villages["vi-khe"].original_address
    for village in villages.values():
        assert village.live_tours().exists()
    now, days = timezone.now(), timedelta(days=demo.DEPARTURE_DAYS + 1)
    for tour in originals(TourPage.objects.live()):
        starts = list(tour.departures.values_list("starts_at", flat=True))
        assert starts and all(now < start <= now + days for start in starts)


def test_demo_is_idempotent():
    counts = (TourPage.objects.count(), Departure.objects.count(), Producer.objects.count())
    run_demos()
    assert (TourPage.objects.count(), Departure.objects.count(), Producer.objects.count()) == counts


def test_demo_producer_user_manages_only_its_tour(client):
    assert client.login(
        request=HttpRequest(), username=demo.PRODUCER_USERNAME, password=cms_demo.ADMIN_PASSWORD
    )
    html = client.get("/admin/tours/departures/").content.decode()
    assert "Vị Khê mùa hoa" in html and "Bát Tràng" not in html


def test_demo_tours_and_villages_have_english_copies_with_english_content():
    run_demos()  # idempotent: still one English copy each
    english = TourPage.objects.filter(locale__language_code="en")
    assert english.count() == 3
    pottery = english.get(slug="half-day-pottery-in-bat-trang")
    assert pottery.title == "Half a day of pottery in Bát Tràng"
    assert next(iter(pottery.itinerary)).value["title"] == "Meet at the pottery market"
    assert pottery.original.slug == "mot-ngay-lam-gom-bat-trang"
    assert pottery.upcoming_departures().count() == pottery.original.departures.count() > 0
    villages = CraftVillagePage.objects.filter(locale__language_code="en")
    assert set(villages.values_list("title", flat=True)) == {
        "Bát Tràng pottery village",
        "Vạn Phúc silk village",
        "Vị Khê flower and bonsai village",
    }

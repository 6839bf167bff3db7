"""The tours demo: real villages, tours, departures; linked to the registry's producers."""

import io
from datetime import timedelta

import pytest
from django.http import HttpRequest
from django.template import Context, Template
from django.utils import timezone

from catalog.models import Producer
from cms import demo as cms_demo
from cms.i18n import originals
from tests.factories import make_product, make_product_page
from tours import demo
from tours.models import CraftVillagePage, Departure, TourPage

pytestmark = pytest.mark.django_db


def run_demos():
    cms_demo.load(stdout=io.StringIO())
    demo.load(stdout=io.StringIO())


def test_demo_has_three_real_villages_with_tours_and_departures():
    run_demos()
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
    run_demos()
    counts = (TourPage.objects.count(), Departure.objects.count(), Producer.objects.count())
    run_demos()
    assert (TourPage.objects.count(), Departure.objects.count(), Producer.objects.count()) == counts


def test_demo_reuses_the_registry_producer_and_links_its_products():
    cms_demo.load(stdout=io.StringIO())
    # What the catalogue demo makes from the registry sample: producer and product by name.
    registry_producer = Producer.objects.create(
        name="Hợp tác xã  sinh vật cảnh Vị Khê", province_code=37, from_registry=True
    )
    peach = make_product("Hoa đào Vị Khê", producer=registry_producer, product_set=23)
    page = make_product_page(originals(cms_demo.HomePage.objects).get(), peach)

    demo.load(stdout=io.StringIO())

    assert Producer.objects.filter(name_key=registry_producer.name_key).count() == 1
    registry_producer.refresh_from_db()
    assert registry_producer.ward_code == 13972  # blanks filled, name kept
    assert registry_producer.name == "Hợp tác xã  sinh vật cảnh Vị Khê"
    village = originals(CraftVillagePage.objects).get(slug="vi-khe")
    assert page in village.purchasable_product_pages()
    tour = TourPage.objects.get(slug="vi-khe-mua-hoa")
    assert [link.product for link in tour.highlighted_products.all()] == [peach]
    html = Template("{% load tours_tags %}{% tours_for_product page %}").render(
        Context({"page": page})
    )
    assert tour.title in html


def test_demo_producer_user_manages_only_its_tour(client):
    run_demos()
    assert client.login(
        request=HttpRequest(), username=demo.PRODUCER_USERNAME, password=cms_demo.ADMIN_PASSWORD
    )
    html = client.get("/admin/tours/departures/").content.decode()
    assert "Vị Khê mùa hoa" in html and "Bát Tràng" not in html


def test_demo_tours_and_villages_have_english_copies_with_english_content():
    run_demos()
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

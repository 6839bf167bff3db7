"""Pages in English (cms.i18n, docs/i18n.md): /en/ copies, the switcher, hreflang, and
English copies never counted twice."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone

from cms.demo import ensure_english
from search.documents import tour_documents, village_documents
from tests.factories import catalog_index, make_product_page
from tests.tours.builders import make_departure, make_tour, make_village, tour_index, village_index
from tours.models import Booking, TourPage

pytestmark = pytest.mark.django_db


def english(page, **fields):
    return ensure_english(page, io.StringIO(), **fields)


@pytest.fixture
def bilingual(home_page):
    """A tour and its village in Vietnamese, with English copies of them and their parents."""
    village = make_village(home_page, title="Làng gốm Bát Tràng", slug="bat-trang")
    tour = make_tour(
        home_page,
        villages=[village],
        title="Nửa ngày làm gốm",
        slug="lam-gom",
        summary="Tự tay vuốt gốm trên bàn xoay.",
        itinerary=[("step", {"time": "09:00", "title": "Thăm lò cổ", "description": "Lò bầu."})],
    )
    departure = make_departure(tour, starts_at=timezone.now() + timedelta(days=3), capacity=10)
    english(
        home_page,
        title="OCOP Market",
        body=[
            ("hero", {"title": "Genuine OCOP products", "text": "", "buttons": []}),
            ("featured_tours", {"heading": "Tours", "count": 3}),
        ],
    )
    english(village_index(home_page), slug="craft-villages", title="Craft villages")
    english(tour_index(home_page), slug="tours", title="Tours")
    english_village = english(village, title="Bát Tràng pottery village")
    english_tour = english(
        tour,
        slug="pottery",
        title="Half a day of pottery",
        summary="Throw a pot on the wheel yourself.",
        itinerary=[("step", {"time": "09:00", "title": "Old kiln", "description": "A wood kiln."})],
    )
    return {
        "tour": tour,
        "village": village,
        "departure": departure,
        "english_tour": english_tour,
        "english_village": english_village,
    }


def test_english_journey_home_tour_booking_shows_english_content(client, bilingual):
    home = client.get("/en/")
    assert home.status_code == 200
    html = home.content.decode()
    assert '<html lang="en">' in html and "Genuine OCOP products" in html
    assert 'href="/en/tours/pottery/"' in html  # featured tours, in English
    assert "Half a day of pottery" in html and "Nửa ngày làm gốm" not in html

    tours = client.get("/en/tours/").content.decode()
    assert 'href="/en/tours/pottery/"' in tours and "Half a day of pottery" in tours
    assert "Nửa ngày làm gốm" not in tours

    page = client.get("/en/tours/pottery/").content.decode()
    assert "Throw a pot on the wheel yourself." in page and "Old kiln" in page
    assert "Bát Tràng pottery village" in page  # the village, in English too
    assert "Thăm lò cổ" not in page and "Tự tay vuốt gốm" not in page
    assert "Hold seats" in page
    departure = bilingual["departure"]
    assert f'id="departure-{departure.pk}"' in page  # the Vietnamese tour's departures

    held = client.post(
        "/en/tours/pottery/dat-cho/", {"departure": departure.pk, "adults": 2, "children": 0}
    )
    assert held.status_code == 302 and held["Location"].startswith("/en/tours/pottery/dat-cho/")
    contact = client.get(held["Location"]).content.decode()
    assert '<html lang="en">' in contact and "Half a day of pottery" in contact
    confirmed = client.post(
        held["Location"],
        {"contact_name": "Jane Smith", "phone": "0987 654 321", "email": "jane@example.com"},
    )
    assert confirmed.status_code == 302
    booking = Booking.objects.get()
    assert booking.departure == departure and booking.contact_name == "Jane Smith"


def test_vietnamese_urls_are_unchanged(client, bilingual):
    html = client.get("/tour/lam-gom/").content.decode()
    assert '<html lang="vi">' in html and "Nửa ngày làm gốm" in html
    assert "Half a day of pottery" not in html


def test_pages_with_a_translation_link_their_languages(client, bilingual):
    html = client.get("/tour/lam-gom/").content.decode()
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/tours/pottery/">' in html
    assert '<link rel="alternate" hreflang="vi" href="http://testserver/tour/lam-gom/">' in html
    assert (
        '<link rel="alternate" hreflang="x-default" href="http://testserver/tour/lam-gom/">' in html
    )
    # A page with no English copy (yet) links no other language.
    product = make_product_page(catalog_index(bilingual["tour"].get_parent().get_parent()))
    assert "hreflang" not in client.get(product.url).content.decode()


def test_the_switcher_keeps_the_visitor_on_the_same_page(client, bilingual, home_page):
    to_english = client.post("/i18n/setlang/", {"language": "en", "next": "/tour/lam-gom/?x=1"})
    assert to_english["Location"] == "/en/tours/pottery/?x=1"
    back = client.post("/i18n/setlang/", {"language": "vi", "next": "/en/tours/pottery/"})
    assert back["Location"] == "/tour/lam-gom/"
    # A page with no English copy: the same page, its labels in English.
    product = make_product_page(home_page)
    stays = client.post("/i18n/setlang/", {"language": "en", "next": product.url})
    assert stays["Location"] == product.url
    html = client.get(product.url).content.decode()
    assert '<html lang="en">' in html and "Add to cart" in html
    # Not a page (the cart): the same URL.
    assert client.post("/i18n/setlang/", {"language": "en", "next": "/gio-hang/"})["Location"] == (
        "/gio-hang/"
    )


def test_a_vietnamese_only_page_under_en_goes_to_its_own_url(client, bilingual, home_page):
    product = make_product_page(home_page)
    english(catalog_index(home_page), slug="products", title="Products")
    response = client.get(f"/en/products/{product.slug}/")
    assert response.status_code == 302 and response["Location"] == product.url


def test_english_copies_are_not_counted_twice(client, bilingual):
    tour, village = bilingual["tour"], bilingual["village"]
    assert [d.page_id for d in tour_documents()] == [tour.pk]
    assert [d.page_id for d in village_documents()] == [village.pk]
    listing = client.get("/tour/").content.decode()
    assert listing.count('href="/tour/lam-gom/"') == 1 and "Half a day" not in listing
    on_village = client.get("/lang-nghe/bat-trang/").content.decode()
    assert on_village.count("Nửa ngày làm gốm") >= 1 and "Half a day" not in on_village
    english_village = client.get("/en/craft-villages/bat-trang/").content.decode()
    assert "Half a day of pottery" in english_village
    assert TourPage.objects.filter(villages=village).count() == 2  # both copies visit it
    assert bilingual["english_tour"].upcoming_departures().get() == bilingual["departure"]

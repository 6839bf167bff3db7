"""SEO of the storefront: sitemap.xml, product JSON-LD, canonical and Open Graph tags."""

import json
import re
from xml.etree import ElementTree

import pytest

from tests.catalog.conftest import add_gallery, revoke
from tests.factories import make_product, make_product_page
from tests.tours.builders import make_tour, make_village

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap_locations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    tree = ElementTree.fromstring(response.content)
    return {loc.text for loc in tree.iter(f"{SITEMAP}loc")}


def structured_data(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_sitemap_lists_live_products_villages_and_tours_not_drafts(
    client, today, catalogue, home_page
):
    product = make_product_page(home_page, make_product(name="Chè Tân Cương"))
    draft = make_product_page(home_page, make_product(name="Chè nháp"))
    draft.unpublish()
    village = make_village(home_page)
    tour = make_tour(home_page, villages=[village])
    hidden_tour = make_tour(home_page, villages=[village], slug="tour-an", title="Tour ẩn")
    hidden_tour.unpublish()

    locations = sitemap_locations(client)

    for page in (product, village, tour, home_page):
        assert "http://testserver" + page.url in locations
    assert "http://testserver" + draft.url not in locations
    assert not any(location.endswith("/tour-an/") for location in locations)


def test_sitemap_includes_the_pages_of_every_language_tree(client, home_page, settings):
    """Translated trees (the English home page and below) are listed once localisation is on."""
    from wagtail.models import Locale, Site

    from cms.models import StandardPage

    settings.WAGTAIL_I18N_ENABLED = True
    settings.WAGTAIL_CONTENT_LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
    about = home_page.add_child(instance=StandardPage(title="Giới thiệu", slug="gioi-thieu"))
    about.save_revision().publish()
    english, _ = Locale.objects.get_or_create(language_code="en")
    english_home = home_page.copy_for_translation(english)
    english_home.save_revision().publish()
    english_about = about.copy_for_translation(english)
    english_about.slug = "about"
    english_about.save_revision().publish()
    Site.clear_site_root_paths_cache()

    locations = sitemap_locations(client)

    assert "http://testserver/gioi-thieu/" in locations
    assert any(location.endswith("/about/") for location in locations)


@pytest.fixture
def product_page(today, catalogue, home_page):
    page = make_product_page(
        home_page,
        make_product(name="Nước mắm <cốt> cá cơm"),
        variants=((150_000, 12), (420_000, 0)),
        summary="Nước mắm cốt ủ chượp 12 tháng.",
        gtin="8934588012228",
    )
    add_gallery(page, 2)
    return page


def test_product_json_ld_has_product_offers_price_vnd_and_availability(client, product_page):
    html = client.get(product_page.url).content.decode()
    data = structured_data(html)

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Product"
    assert data["name"] == "Nước mắm <cốt> cá cơm"
    assert data["brand"] == {"@type": "Brand", "name": product_page.product.producer.name}
    assert data["url"] == "http://testserver" + product_page.url
    offers = data["offers"]
    assert [offer["@type"] for offer in offers] == ["Offer", "Offer"]
    assert [offer["price"] for offer in offers] == ["150000", "420000"]
    assert {offer["priceCurrency"] for offer in offers} == {"VND"}
    assert [offer["availability"] for offer in offers] == [
        "https://schema.org/InStock",
        "https://schema.org/OutOfStock",
    ]
    assert all(image.startswith("http://testserver/media/") for image in data["image"])
    assert "<cốt>" not in html.split("application/ld+json")[1].split("</script>")[0]


def test_a_product_that_may_not_be_sold_is_out_of_stock_in_json_ld(client, product_page):
    revoke(product_page.product)
    html = client.get(product_page.url).content.decode()
    offers = structured_data(html)["offers"]
    assert {offer["availability"] for offer in offers} == {"https://schema.org/OutOfStock"}


def test_product_page_has_canonical_description_and_open_graph(client, product_page):
    html = client.get(product_page.url + "?utm_source=zalo").content.decode()
    canonical = "http://testserver" + product_page.url
    assert f'<link rel="canonical" href="{canonical}">' in html
    assert '<meta name="description" content="Nước mắm cốt ủ chượp 12 tháng.">' in html
    assert f'<meta property="og:url" content="{canonical}">' in html
    assert '<meta property="og:type" content="product">' in html
    assert '<meta property="og:title" content="Nước mắm &lt;cốt&gt; cá cơm">' in html
    assert re.search(r'<meta property="og:image" content="http://testserver/media/[^"]+">', html)
    assert '<meta property="product:price:currency" content="VND">' in html
    assert "<title>Nước mắm &lt;cốt&gt; cá cơm · Chợ OCOP</title>" in html

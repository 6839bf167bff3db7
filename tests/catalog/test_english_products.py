"""English copies of product pages (docs/i18n.md): a translation of the Vietnamese page
that shows its original's product, variants, prices, stock and certificate, counted once."""

import io
import json
import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import TranslationSource

from catalog import sale_listing, services
from catalog.models import ProductPage, ProductVariant, SaleListing
from cms.demo import ensure_english
from marketplace.services import inventory
from tests.catalog.conftest import add_gallery
from tests.factories import make_product, make_product_page
from tests.storefront.test_seo import sitemap_locations

pytestmark = pytest.mark.django_db

ENGLISH_URL = "/en/products/mint-honey/"


def english(page, **fields):
    return ensure_english(page, io.StringIO(), **fields)


@pytest.fixture
def honey(today, catalogue, home_page):
    """A Vietnamese product page (one variant, 10 in stock) under an English catalogue."""
    page = make_product_page(
        home_page,
        make_product(name="Mật ong bạc hà", decision_date=date(2025, 1, 15)),
        variants=((150_000, 10),),
        slug="mat-ong-bac-ha",
        summary="Mật ong từ hoa bạc hà Mèo Vạc.",
        gtin="8930000000019",
    )
    add_gallery(page, 1)
    page.save_revision().publish()
    english(home_page, title="OCOP Market")
    english(catalogue, slug="products", title="OCOP products")
    return ProductPage.objects.get(pk=page.pk)


@pytest.fixture
def honey_in_english(honey):
    return english(
        honey, slug="mint-honey", title="Mint honey", summary="Honey from Mèo Vạc mint flowers."
    )


def structured_data(html):
    [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(block)


# --- Translating ----------------------------------------------------------------------


def test_wagtail_localize_translates_a_product_page_without_its_product_or_variants(
    admin_client, honey
):
    english_locale = Locale.objects.get(language_code="en")
    url = reverse("wagtail_localize:submit_page_translation", args=[honey.pk])
    assert admin_client.get(url).status_code == 200

    response = admin_client.post(url, {"locales": [english_locale.pk]})

    copy = ProductPage.objects.get(translation_key=honey.translation_key, locale=english_locale)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[copy.pk])
    assert copy.product_id is None and copy.catalogue_product == honey.product
    assert not copy.variants.exists() and not copy.gallery_images.exists()
    assert copy.gtin == honey.gtin  # synchronised, not translated
    assert [v.sku for v in copy.shop_variants.all()] == [f"SKU-{honey.product_id}-0"]
    assert ProductVariant.objects.count() == 1 and honey.variants.count() == 1
    # The edit-translation view of wagtail-localize opens on it.
    assert admin_client.get(response["Location"]).status_code == 200


def test_syncing_after_the_vietnamese_page_changes_keeps_the_copy_without_a_product(honey):
    english_locale = Locale.objects.get(language_code="en")
    source, _created = TranslationSource.get_or_create_from_instance(honey)
    copy, _created = source.create_or_update_translation(english_locale, fallback=True)
    honey.gtin = "8930000000026"
    honey.save_revision().publish()

    source.update_from_db()
    copy, created = source.create_or_update_translation(english_locale, fallback=True)

    assert not created and copy.gtin == "8930000000026"
    assert copy.product_id is None and not copy.variants.exists()
    assert ProductVariant.objects.count() == 1


def test_a_copy_cannot_have_a_product_of_its_own(honey_in_english):
    honey_in_english.product = make_product(name="Sản phẩm khác")
    with pytest.raises(ValidationError) as raised:
        honey_in_english.full_clean()
    assert "product" in raised.value.message_dict


def test_a_copy_cannot_have_variants_of_its_own(honey_in_english):
    ProductVariant.objects.create(page=honey_in_english, sku="EN-1", label="Jar", price=1_000)
    with pytest.raises(ValidationError):
        honey_in_english.full_clean()


def test_the_vietnamese_page_must_have_a_product(honey):
    honey.product = None
    with pytest.raises(ValidationError) as raised:
        honey.full_clean()
    assert "product" in raised.value.message_dict


# --- Reading --------------------------------------------------------------------------


def test_the_english_page_shows_english_text_with_the_originals_price_and_stock(
    client, honey, honey_in_english
):
    response = client.get(ENGLISH_URL)

    html = response.content.decode()
    assert response.status_code == 200 and '<html lang="en">' in html
    assert "<h1>Mint honey</h1>" in html and "Honey from Mèo Vạc mint flowers." in html
    assert "Mật ong từ hoa bạc hà" not in html
    [variant] = honey.variants.all()
    assert f'name="variant" value="{variant.pk}"' in html
    assert "150.000" in html and "10 left" in html and "Add to cart" in html
    assert f"/truy-xuat/{honey.product.trace_code}/" in html
    data = structured_data(html)
    assert data["name"] == "Mint honey" and data["url"] == "http://testserver" + ENGLISH_URL
    assert data["gtin"] == "8930000000019"
    assert data["offers"] == [
        {
            "@type": "Offer",
            "name": variant.label,
            "sku": variant.sku,
            "price": "150000",
            "priceCurrency": "VND",
            "availability": "https://schema.org/InStock",
            "url": "http://testserver" + ENGLISH_URL,
            "seller": {"@type": "Organization", "name": honey.product.producer.name},
        }
    ]
    assert f'<link rel="canonical" href="http://testserver{ENGLISH_URL}">' in html
    assert f'<meta property="og:url" content="http://testserver{ENGLISH_URL}">' in html
    assert '<meta property="og:title" content="Mint honey' in html
    assert '<meta property="product:price:amount" content="150000">' in html
    assert '<meta property="og:image"' in html  # the original's photo
    assert f'<link rel="alternate" hreflang="en" href="http://testserver{ENGLISH_URL}">' in html
    vietnamese = f"http://testserver{honey.url}"
    assert f'<link rel="alternate" hreflang="vi" href="{vietnamese}">' in html
    assert (
        f'hreflang="en" href="http://testserver{ENGLISH_URL}"'
        in client.get(honey.url).content.decode()
    )


def test_adding_to_the_cart_from_the_english_page_adds_the_originals_variant(
    client, honey, honey_in_english
):
    [variant] = honey.variants.all()
    added = client.post(
        reverse("marketplace:cart_add"), {"variant": variant.pk, "quantity": 2, "next": ENGLISH_URL}
    )
    assert added.status_code == 302 and added["Location"] == reverse("marketplace:cart")
    [line] = client.get("/api/cart/").json()["lines"]
    assert line["variant"] == variant.pk and line["quantity"] == 2
    assert line["unit_price"] == 150_000 and line["url"] == honey.url


def test_the_english_catalogue_shows_the_copy_and_counts_the_product_once(
    client, honey, honey_in_english
):
    listing = client.get("/en/products/").content.decode()
    assert 'href="/en/products/mint-honey/"' in listing and "Mint honey" in listing
    assert "Mật ong bạc hà" not in listing and "150.000" in listing and "In stock" in listing
    vietnamese = client.get("/san-pham/").content.decode()
    assert "Mật ong bạc hà" in vietnamese and "Mint honey" not in vietnamese

    assert list(ProductPage.objects.purchasable()) == [honey]
    assert list(SaleListing.objects.values_list("page_id", flat=True)) == [honey.pk]
    assert sale_listing.differences() == (set(), set()) and sale_listing.stale_rows() == []
    assert [item["id"] for item in client.get("/api/v2/products/").json()["items"]] == [honey.pk]
    english_api = client.get(f"/api/v2/pages/{honey_in_english.pk}/").json()
    assert english_api["min_price"] == 150_000 and english_api["in_stock"] is True
    assert english_api["producer_name"] == honey.product.producer.name


def test_an_english_copy_of_a_withdrawn_product_is_not_served(client, honey, honey_in_english):
    honey.unpublish()
    assert client.get(ENGLISH_URL).status_code == 404


# --- Sitemap and page cache ------------------------------------------------------------


def test_the_sitemap_lists_product_pages_in_both_languages_while_the_original_is_live(
    client, honey, honey_in_english
):
    locations = sitemap_locations(client)
    assert {"http://testserver" + honey.url, "http://testserver" + ENGLISH_URL} <= locations

    honey.unpublish()
    locations = sitemap_locations(client)
    assert "http://testserver" + honey.url not in locations
    assert "http://testserver" + ENGLISH_URL not in locations


def warm(client, url):
    client.get(url)
    assert client.get(url).headers.get("X-Page-Cache") == "hit"


def sell_three(honey, variant):
    inventory.adjust_stock(variant.sku, -3, note="Hỏng")


def sell_out(honey, variant):
    inventory.set_stock(variant.sku, 0, note="Kiểm kê")


def lower_the_price(honey, variant):
    variant.price = 99_000
    honey.variants = [variant]
    honey.save_revision().publish()


def revoke_the_certificate(honey, variant):
    services.revoke_certification(
        honey.product.current_certification,
        revoked_on=date(2026, 11, 20),
        decision="9/QĐ-UBND",
        reason="Vi phạm",
    )


def unpublish_the_original(honey, variant):
    honey.unpublish()


# (Each test makes one change: the cache's tag versions are clock readings, and the
# clock stands still in these tests.)
@pytest.mark.parametrize(
    "change, shows, hides",
    [
        (sell_three, "7 left", "10 left"),
        (sell_out, "This product is out of stock for now.", "Add to cart"),
        (lower_the_price, "99.000", "150.000"),
        (revoke_the_certificate, "Revoked", "Add to cart"),
        (unpublish_the_original, None, None),
    ],
)
def test_the_cached_english_page_follows_its_product(
    client,
    honey,
    honey_in_english,
    page_cache_on,
    django_capture_on_commit_callbacks,
    change,
    shows,
    hides,
):
    [variant] = honey.variants.all()
    warm(client, ENGLISH_URL)
    with django_capture_on_commit_callbacks(execute=True):
        change(honey, variant)
    response = client.get(ENGLISH_URL)
    if shows is None:  # the product is withdrawn
        assert response.status_code == 404
        return
    html = response.content.decode()
    assert shows in html and hides not in html

"""Prices at once: the live variant and the page's revisions change, logged with who."""

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry

from catalog import services
from catalog.models import ProductPage, ProductVariant
from marketplace.models import Inventory

from .pages import product_page_form

pytestmark = pytest.mark.django_db


def price_url(variant):
    return reverse("catalog_admin:set_price", args=[variant.pk])


def test_a_price_change_survives_approving_an_older_draft(client, market, users):
    rice = market["rice"]
    variant = rice.variants.order_by("sort_order").first()
    client.force_login(users["hai_toan"])
    edit = reverse("wagtailadmin_pages:edit", args=[rice.pk])
    form = product_page_form(rice, summary="Bản nháp đang chờ duyệt")
    assert client.post(edit, form | {"action-submit": "submit"}).status_code == 302
    stock_before = Inventory.objects.get(sku=variant.sku).quantity

    assert services.set_price(variant.pk, 175_000, user=users["hai_toan"], expected=150_000) == (
        150_000,
        175_000,
    )
    assert ProductVariant.objects.get(pk=variant.pk).price == 175_000
    page = ProductPage.objects.get(pk=rice.pk)
    page.get_latest_revision().publish(user=users["officer"])
    assert ProductVariant.objects.get(pk=variant.pk).price == 175_000
    assert ProductPage.objects.get(pk=rice.pk).summary == "Bản nháp đang chờ duyệt"
    assert Inventory.objects.get(sku=variant.sku).quantity == stock_before
    entry = PageLogEntry.objects.get(page=rice, action="catalog.set_price")
    assert entry.user == users["hai_toan"]
    assert entry.data == {
        "sku": variant.sku,
        "label": variant.label,
        "old": 150_000,
        "new": 175_000,
    }


def test_stale_or_bad_prices_are_refused(market, users):
    variant = market["rice"].variants.first()
    with pytest.raises(services.PriceChanged):
        services.set_price(variant.pk, 99_000, user=users["hai_toan"], expected=1)
    for bad in (0, -5, "abc", "1e9", 10**12):
        with pytest.raises(services.PriceError):
            services.set_price(variant.pk, bad, user=users["hai_toan"])
    assert ProductVariant.objects.get(pk=variant.pk).price == variant.price


def test_price_form_own_variants_only(client, market, users):
    own = market["rice"].variants.first()
    other = market["bonsai"].variants.first()
    client.force_login(users["hai_toan"])
    listing = client.get(reverse("catalog_admin:prices")).content.decode()
    assert own.sku in listing and other.sku not in listing
    assert client.get(price_url(own)).status_code == 200
    assert client.get(price_url(other)).status_code == 404
    assert client.post(price_url(other), {"price": 1, "expected": other.price}).status_code == 404
    response = client.post(price_url(own), {"price": "abc", "expected": own.price})
    assert response.status_code == 200 and ProductVariant.objects.get(pk=own.pk).price == own.price
    response = client.post(price_url(own), {"price": "160000", "expected": own.price})
    assert response.status_code == 302
    assert ProductVariant.objects.get(pk=own.pk).price == 160_000
    for role in ("editor",):
        client.force_login(users[role])
        assert client.get(price_url(own)).status_code == 404
    client.force_login(users["officer"])
    assert client.get(price_url(other)).status_code == 200

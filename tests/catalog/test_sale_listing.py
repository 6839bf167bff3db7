"""The sale listing (catalog.SaleListing) equals the sale rule after every kind of change.

``ProductPage.objects.purchasable()`` is the rule; the listing is what the catalogue's
lists read. Each test changes something the way the site does and checks, with the
same comparison ``manage.py check_sale_listing`` makes, that nothing differs.
"""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from catalog import sale_listing, services
from catalog.models import Producer, SaleListing
from tests.catalog.conftest import revoke
from tests.factories import make_product, make_product_page

pytestmark = pytest.mark.django_db


def assert_exact(on=None):
    assert sale_listing.differences(on) == (set(), set())
    assert sale_listing.stale_rows() == []


def test_every_certificate_status_is_listed_as_the_rule_says(pages_by_status, today):
    assert_exact()
    listed = set(sale_listing.on_sale().values_list("page_id", flat=True))
    assert listed == {pages_by_status["valid"].pk, pages_by_status["renewal"].pk}


def test_expiry_needs_no_write(pages_by_status, today):
    renewal = pages_by_status["renewal"]  # valid until 20/01/2027
    last_day = renewal.product.current_certification.valid_until
    assert renewal.pk in set(sale_listing.on_sale(last_day).values_list("page_id", flat=True))
    after = last_day + timedelta(days=1)
    assert renewal.pk not in set(sale_listing.on_sale(after).values_list("page_id", flat=True))
    for day in (last_day, after, date(2030, 1, 1)):
        assert_exact(day)


def test_a_revocation_takes_effect_on_its_day(today, catalogue, home_page):
    page = make_product_page(home_page, make_product())
    revoke(page.product, on=today + timedelta(days=3))
    for day in (today, today + timedelta(days=2), today + timedelta(days=3)):
        assert_exact(day)
    assert not sale_listing.on_sale(today + timedelta(days=3)).filter(page=page).exists()


def test_unpublishing_and_republishing(today, catalogue, home_page):
    page = make_product_page(home_page, make_product())
    page.unpublish()
    assert_exact()
    assert not sale_listing.on_sale().filter(page=page).exists()
    page.save_revision().publish()
    assert_exact()
    assert sale_listing.on_sale().filter(page=page).exists()


def test_a_new_price_and_a_deleted_variant(today, catalogue, home_page):
    page = make_product_page(home_page, make_product(), variants=((150_000, 1), (90_000, 1)))
    cheap = page.variants.get(price=90_000)
    cheap.delete()
    assert SaleListing.objects.get(page=page).min_price == 150_000
    variant = page.variants.get()
    variant.price = 120_000
    page.variants = [variant]
    page.save_revision().publish()
    assert SaleListing.objects.get(page=page).min_price == 120_000
    assert_exact()


def test_a_newer_certification_and_a_producer_moving(today, catalogue, home_page):
    page = make_product_page(home_page, make_product(stars=3, score="60"))
    services.record_certification(
        page.product,
        stars=5,
        score="92",
        certificate_number="GCN-NEW",
        decision_number="1/QĐ-BNN",
        decision_date=today,
        level="national",
    )
    assert SaleListing.objects.get(page=page).stars == 5
    producer = Producer.objects.get(pk=page.product.producer_id)
    producer.province_code = 79
    producer.save()
    assert SaleListing.objects.get(page=page).province_code == 79
    assert_exact()


def test_a_deleted_page_leaves_no_row(today, catalogue, home_page):
    page = make_product_page(home_page, make_product(), variants=((150_000, 1), (90_000, 1)))
    page.delete()
    assert not SaleListing.objects.exists()
    assert_exact()


def test_the_check_command_finds_a_tampered_row_and_fix_repairs_it(pages_by_status, today):
    call_command("check_sale_listing")
    SaleListing.objects.filter(page=pages_by_status["expired"]).update(
        on_sale_until=today + timedelta(days=30)
    )
    with pytest.raises(CommandError, match="1 listed but not purchasable"):
        call_command("check_sale_listing")
    call_command("check_sale_listing", "--fix")
    assert_exact()

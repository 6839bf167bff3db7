"""Smoke tests of the catalogue core the other apps build on."""

from datetime import date

import pytest
import time_machine

from catalog import services
from catalog.models import Product, ProductPage
from tests.factories import make_product, make_product_page

pytestmark = pytest.mark.django_db


@time_machine.travel(date(2026, 11, 23))
def test_certified_products_and_purchasable_pages(home_page):
    valid = make_product_page(home_page, make_product(decision_date=date(2025, 1, 15)))
    expired = make_product_page(home_page, make_product(decision_date=date(2021, 8, 30)))
    assert list(Product.objects.certified()) == [valid.product]
    assert list(ProductPage.objects.purchasable()) == [valid]
    assert valid.is_purchasable() and not expired.is_purchasable()


def test_newest_certification_becomes_current():
    product = make_product(decision_date=date(2022, 1, 1), stars=3, score="60")
    newer = services.record_certification(
        product,
        stars=4,
        score="80",
        decision_number="9/QĐ-UBND",
        decision_date=date(2025, 1, 1),
        level="province",
    )
    product.refresh_from_db()
    assert product.current_certification == newer
    assert product.certifications.count() == 2

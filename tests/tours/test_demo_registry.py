"""The tours demo reuses the producer the catalogue demo took from the registry."""

import io

import pytest
from django.template import Context, Template

from catalog.models import Producer
from cms import demo as cms_demo
from cms.i18n import originals
from tests.factories import make_product, make_product_page
from tours import demo
from tours.models import CraftVillagePage, TourPage

pytestmark = pytest.mark.django_db


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

"""Builders for test data shared by every app's tests. Plain functions, real models."""

import itertools
from datetime import date

from catalog import services
from catalog.models import (
    CatalogIndexPage,
    CertificationLevel,
    Producer,
    Product,
    ProductPage,
    ProductSet,
    ProductVariant,
)

_counter = itertools.count(1)

NINH_BINH = 37  # province code of today's Ninh Bình (absorbed Nam Định in 2025)


def make_producer(name=None, province_code=NINH_BINH, **fields):
    number = next(_counter)
    return Producer.objects.create(
        name=name or f"Hợp tác xã thử nghiệm {number}",
        province_code=province_code,
        legal_form=fields.pop("legal_form", "cooperative"),
        **fields,
    )


def make_product(
    name=None,
    producer=None,
    product_set=6,
    stars=4,
    score="75",
    decision_date=date(2025, 1, 15),
    certified=True,
    **certification_fields,
):
    """A product with one certification (unless ``certified=False``)."""
    number = next(_counter)
    product = Product.objects.create(
        name=name or f"Sản phẩm thử nghiệm {number}",
        producer=producer or make_producer(),
        product_set=ProductSet.objects.get(number=product_set),
    )
    if certified:
        services.record_certification(
            product,
            stars=stars,
            score=score,
            certificate_number=certification_fields.pop("certificate_number", f"GCN-{number}"),
            decision_number=certification_fields.pop("decision_number", f"{number}/QĐ-UBND"),
            decision_date=decision_date,
            level=certification_fields.pop("level", CertificationLevel.PROVINCE),
            **certification_fields,
        )
        product.refresh_from_db()
    return product


def catalog_index(home_page):
    index = CatalogIndexPage.objects.first()
    if index is None:
        index = home_page.add_child(instance=CatalogIndexPage(title="Sản phẩm", slug="san-pham"))
    return index


def make_product_page(home_page, product=None, variants=((150_000, 10),), **fields):
    """A published ProductPage; ``variants`` are (price, stock) pairs."""
    product = product or make_product()
    page = ProductPage(
        title=fields.pop("title", product.name),
        slug=fields.pop("slug", f"sp-{product.pk}"),
        product=product,
        **fields,
    )
    catalog_index(home_page).add_child(instance=page)
    for position, (price, stock) in enumerate(variants):
        variant = ProductVariant.objects.create(
            page=page,
            sku=f"SKU-{product.pk}-{position}",
            label=f"Hộp {position + 1}",
            price=price,
            sort_order=position,
        )
        set_stock(variant, stock)
    return page


def set_stock(variant, quantity):
    """Put ``quantity`` units of a variant on the shelf (through the inventory service)."""
    from marketplace.services import inventory

    inventory.set_stock(variant.sku, quantity, reason="initial")
    variant.__dict__.pop("stock_on_hand", None)
    return variant


def restore_reference_data():
    """Put back what migrations load, after a transactional test flushed the database.

    (The page tree's root and collection, the default locale, the OCOP taxonomy, and the
    admin roles' groups and moderation workflow.)
    """
    from importlib import import_module

    from django.apps import apps
    from django.conf import settings
    from django.contrib.auth.models import Group
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Collection, Locale, Page

    from catalog import roles

    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    Locale.objects.get_or_create(language_code="en")  # cms.0002: English page copies
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root"))
    if not ProductSet.objects.exists():
        import_module("catalog.migrations.0002_taxonomy").load(apps, schema_editor=None)
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    if not Group.objects.filter(name=roles.OFFICER_GROUP).exists():
        import_module("catalog.migrations.0007_roles").forwards(apps, schema_editor=None)
        import_module("catalog.migrations.0008_officers_search_reports").forwards(apps, None)

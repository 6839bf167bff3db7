"""Which change makes which cached catalogue page stale (ocop/page_cache.py keeps them).

Two kinds of tags:

* ``CONTENT``, which every cached page depends on: bumped by anything a listing,
  product, producer, province or trace page or the products API shows for more than
  one product — a page published, unpublished, moved, deleted or restricted (variant
  prices are page content), a certification recorded, revoked or crossing a date
  (``certification_changed``, also sent by the registry sync and the daily sweep), a
  product, producer, taxonomy or image edited, and a SKU's stock reaching 0 or coming
  back (a card's "in stock");
* ``product:<id>``, which a product page depends on: bumped by any stock movement of
  one of its SKUs (the page shows the units left).

Every bump happens after the change commits. Expiry needs no bump: the cache key holds
the local date (the daily sweep bumps too).
"""

from functools import partial

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page

from catalog.signals import certification_changed
from ocop import page_cache
from ocop.page_cache import CONTENT

# Models whose rows the cached pages show (pages themselves are matched by class).
SHOWN_MODELS = (
    "catalog.Certification",
    "catalog.Product",
    "catalog.Producer",
    "catalog.ProductVariant",
    "catalog.ProductImage",
    "catalog.ProductSet",
    "catalog.ProductCategory",
    "catalog.QualityStandard",
    "tours.TourProduct",
    "wagtailimages.Image",
    "wagtailcore.PageViewRestriction",
    "wagtailcore.Site",
    "wagtailcore.Locale",
    "cms.SiteSettings",
    "cms.NavigationSettings",
)


def product_tag(product_id):
    return f"product:{product_id}"


def bump_after_commit(*tags):
    """Bump ``tags`` once the current transaction commits (at once outside one)."""
    transaction.on_commit(partial(page_cache.bump, *tags))


def stock_moved(sku, *, sale_state_changed):
    """A stock movement of ``sku`` committed; ``sale_state_changed``: it reached 0 or
    left 0."""
    variant_model = apps.get_model("catalog", "ProductVariant")
    product_ids = variant_model.objects.filter(sku=sku).values_list("page__product_id", flat=True)
    tags = [product_tag(product_id) for product_id in product_ids]
    if sale_state_changed:
        tags.append(CONTENT)
    if tags:
        page_cache.bump(*tags)


def _shown_row_changed(sender, instance, **kwargs):
    if isinstance(instance, Page) or sender._meta.label in SHOWN_MODELS:
        bump_after_commit(CONTENT)


def _certification_changed(sender, product_ids=(), **kwargs):
    bump_after_commit(CONTENT)


def connect():
    """Called from CatalogConfig.ready()."""
    post_save.connect(_shown_row_changed, dispatch_uid="page-cache-save")
    post_delete.connect(_shown_row_changed, dispatch_uid="page-cache-delete")
    certification_changed.connect(_certification_changed, dispatch_uid="page-cache-cert")

"""The sale listing (catalog.SaleListing): kept exact, queried for the catalogue's lists.

``ProductPage.objects.purchasable()`` (live, under a ≥ 3★ certificate valid that day)
stays the rule. The listing copies, per product page, what that rule and the
catalogue's filters and sorts read, so that a list and its count read one narrow table
instead of joining four. It is refreshed in the same transaction as each change:

* a product page saved (created, published, unpublished, retitled) or a variant saved
  or deleted (the lowest price): model signals, which run inside the saving transaction;
* a certification, product, producer or product set saved: model signals;
* the writes that bypass signals (``refresh_current_certification``, the registry sync,
  the bulk loader) call ``refresh_products`` themselves.

Expiry needs no write: the row holds the days on sale (``rules.sale_window``), and the
query compares them with today. ``manage.py check_sale_listing`` (and the tests) compare
the listing with the rule.
"""

from functools import reduce
from operator import or_

from django.db.models import F, Q
from django.db.models.signals import post_delete, post_save

from catalog import rules
from catalog.models import (
    Certification,
    Producer,
    Product,
    ProductPage,
    ProductSet,
    ProductVariant,
    SaleListing,
)
from catalog.models.products import today
from catalog.text import match_key
from cms import i18n
from ocop import page_cache

BATCH = 2000
COPIED_FIELDS = [
    "product",
    "producer",
    "live",
    "on_sale_from",
    "on_sale_until",
    "first_published_at",
    "title",
    "min_price",
    "stars",
    "province_code",
    "category_slug",
    "product_set_number",
]
SORTS = {
    "newest": (F("first_published_at").desc(nulls_last=True), F("page").desc()),
    "price": (F("min_price").asc(nulls_last=True), "page"),
    "-price": (F("min_price").desc(nulls_last=True), "page"),
    "stars": ("-stars", "title", "page"),
    "name": ("title", "page"),
}


# --- Reading ----------------------------------------------------------------------


def on_sale(on=None):
    """The listing rows of the purchasable pages on ``on`` (default today)."""
    on = on or today()
    return SaleListing.objects.filter(live=True, on_sale_from__lte=on, on_sale_until__gte=on)


def filtered(rows, filters):
    """Narrow listing ``rows`` by the catalogue's cleaned ``filters`` and sort them stably."""
    if category := filters.get("category"):
        rows = rows.filter(category_slug=category)
    if product_set := filters.get("product_set"):
        rows = rows.filter(product_set_number=product_set)
    if stars := filters.get("stars"):
        rows = rows.filter(stars=stars)
    if province := filters.get("province"):
        rows = rows.filter(province_code=province)
    if producer := filters.get("producer", "").strip():
        rows = rows.filter(
            Q(producer__name_key__contains=match_key(producer)) | Q(producer__slug=producer)
        )
    return rows.order_by(*SORTS[filters.get("sort") or "newest"])


def all_under(roots):
    """Whether every page of the listing lies in the subtree of one of the pages ``roots``
    (any page that is listed, on sale or not). Kept with the site data until the content
    changes: a page saved, moved or deleted, or a Site edited, bumps it."""
    paths = sorted(root.path for root in roots)
    if not paths:
        return False

    def compute():
        inside = reduce(or_, (Q(page__path__startswith=path) for path in paths))
        return not SaleListing.objects.exclude(inside).exists()

    return page_cache.shared(f"sale-listing-under:{','.join(paths)}", compute)


# --- Writing ----------------------------------------------------------------------


def _row(values):
    window = None
    if values["stars"] is not None:
        window = rules.sale_window(
            stars=values["stars"],
            decision_date=values["decision_date"],
            valid_until=values["valid_until"],
            revoked_on=values["revoked_on"],
        )
    return SaleListing(
        page_id=values["pk"],
        product_id=values["product_id"],
        producer_id=values["producer_id"],
        live=values["live"],
        on_sale_from=window[0] if window else None,
        on_sale_until=window[1] if window else None,
        first_published_at=values["first_published_at"],
        title=values["title"],
        min_price=values["min_price"],
        stars=values["stars"],
        province_code=values["province_code"],
        category_slug=values["category_slug"] or "",
        product_set_number=values["product_set_number"],
    )


def refresh_pages(pages):
    """Rewrite the listing rows of the ProductPage queryset ``pages`` (set-based)."""
    rows = _fresh_rows(pages)
    for start in range(0, len(rows), BATCH):
        SaleListing.objects.bulk_create(
            rows[start : start + BATCH],
            update_conflicts=True,
            unique_fields=["page"],
            update_fields=COPIED_FIELDS,
        )
    return len(rows)


def refresh_products(product_ids):
    return refresh_pages(ProductPage.objects.filter(product_id__in=list(product_ids)))


def refresh_all():
    return refresh_pages(ProductPage.objects.all())


# --- Checking ---------------------------------------------------------------------


def differences(on=None):
    """Pages the listing and the rule disagree on, on ``on``: (listed, purchasable) sets
    of primary keys, each holding what the other lacks; both empty when exact. Also
    every copied field of every row against a fresh copy."""
    on = on or today()
    listed = set(on_sale(on).values_list("page_id", flat=True))
    purchasable = set(ProductPage.objects.purchasable(on).values_list("pk", flat=True))
    return listed - purchasable, purchasable - listed


def _copied(row):
    return tuple(
        getattr(row, f"{name}_id" if name in ("product", "producer") else name)
        for name in COPIED_FIELDS
    )


def stale_rows():
    """Primary keys of the pages whose row differs from a fresh copy, is missing, or
    outlived its page."""
    stored = {row.page_id: _copied(row) for row in SaleListing.objects.all()}
    fresh = {row.page_id: _copied(row) for row in _fresh_rows(ProductPage.objects.all())}
    return sorted(pk for pk in stored.keys() | fresh.keys() if stored.get(pk) != fresh.get(pk))


def _fresh_rows(pages):
    """Rows of the Vietnamese pages among ``pages``: an English copy is its original's
    translation, listed once through it (cms.i18n)."""
    certification = "product__current_certification__"
    source = (
        i18n.originals(pages)
        .order_by()
        .with_min_price()
        .values(
            "pk",
            "product_id",
            "live",
            "first_published_at",
            "title",
            "min_price",
            producer_id=F("product__producer_id"),
            province_code=F("product__producer__province_code"),
            category_slug=F("product__product_set__category__slug"),
            product_set_number=F("product__product_set__number"),
            stars=F(f"{certification}stars"),
            decision_date=F(f"{certification}decision_date"),
            valid_until=F(f"{certification}valid_until"),
            revoked_on=F(f"{certification}revoked_on"),
        )
    )
    return [_row(values) for values in source]


# --- Signals (in the saving transaction) ------------------------------------------


def _page_saved(sender, instance, raw=False, **kwargs):
    # raw: a fixture or the bulk loader, which refreshes once at the end. An English
    # copy has no row (its original's counts).
    if not raw and i18n.is_original(instance):
        refresh_pages(ProductPage.objects.filter(pk=instance.pk))


def _variant_changed(sender, instance, **kwargs):
    # Pages with a row only: while a page is deleted, its row may already be gone.
    refresh_pages(ProductPage.objects.filter(pk=instance.page_id, sale_listing__isnull=False))


def _certification_saved(sender, instance, **kwargs):
    refresh_products([instance.product_id])


def _product_saved(sender, instance, **kwargs):
    refresh_products([instance.pk])


def _producer_saved(sender, instance, **kwargs):
    refresh_pages(ProductPage.objects.filter(product__producer=instance))


def _product_set_saved(sender, instance, **kwargs):
    refresh_pages(ProductPage.objects.filter(product__product_set=instance))


def connect():
    """Called from CatalogConfig.ready()."""
    post_save.connect(_page_saved, sender=ProductPage, dispatch_uid="sale-listing-page")
    post_save.connect(_variant_changed, sender=ProductVariant, dispatch_uid="sale-listing-var")
    post_delete.connect(_variant_changed, sender=ProductVariant, dispatch_uid="sale-listing-vdel")
    post_save.connect(_certification_saved, sender=Certification, dispatch_uid="sale-listing-cert")
    post_save.connect(_product_saved, sender=Product, dispatch_uid="sale-listing-product")
    post_save.connect(_producer_saved, sender=Producer, dispatch_uid="sale-listing-producer")
    post_save.connect(_product_set_saved, sender=ProductSet, dispatch_uid="sale-listing-set")

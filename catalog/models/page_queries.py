"""The product pages' querysets and the lookups their hot queries share: stock on hand
and product sets from the cache (catalog.models.pages holds the page models)."""

from django.apps import apps
from django.db import models
from django.db.models import Exists, Min, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.db.models.query import ModelIterable
from wagtail.query import PageQuerySet

from cms import i18n
from ocop import page_cache

from .products import certified_q, today


def _variants():
    return apps.get_model("catalog", "ProductVariant")


def _inventory():
    # Stock belongs to the marketplace app (it is not page content); looked up lazily
    # so the catalogue's models load on their own.
    return apps.get_model("marketplace", "Inventory")


def skus_in_stock():
    """The SKUs with at least one unit on hand, as a subquery."""
    return _inventory().objects.filter(quantity__gt=0).values("sku")


def stock_of_skus(skus):
    """{sku: units on hand} for ``skus``; a SKU without an inventory row has none."""
    rows = _inventory().objects.filter(sku__in=list(skus)).values_list("sku", "quantity")
    return dict(rows)


def with_stock(variants):
    """``variants`` as a list, each with ``stock_on_hand`` set: in the same query for a
    queryset, in one more for the unsaved variants of a page being previewed."""
    if isinstance(variants, models.QuerySet):
        on_hand = _inventory().objects.filter(sku=OuterRef("sku")).values("quantity")[:1]
        return list(variants.annotate(stock_on_hand=Coalesce(Subquery(on_hand), 0)))
    variants = list(variants)
    levels = stock_of_skus(variant.sku for variant in variants)
    for variant in variants:
        variant.stock_on_hand = levels.get(variant.sku, 0)
    return variants


def product_sets_by_id():
    """{id: ProductSet with its category}: the 26 sets, kept with the site data until the
    content changes (a set or category saved bumps it)."""
    from catalog.models import ProductSet

    return page_cache.shared(
        "product-sets", lambda: ProductSet.objects.select_related("category").in_bulk()
    )


def attach_product_set(product, product_sets):
    if product is not None and product.product_set_id in product_sets:
        product.product_set = product_sets[product.product_set_id]


class WithProductSets(ModelIterable):
    """Product pages whose (joined) product gets its product set and category from
    ``product_sets_by_id()``: two fewer joins in the hot queries, whose planning time
    grew with each join (PostgreSQL took 8-15 ms to plan the product page's 7-table
    join under load, 2 ms without the set and category)."""

    def __iter__(self):
        product_sets = product_sets_by_id()
        for page in super().__iter__():
            attach_product_set(page.product, product_sets)
            yield page


class ProductPageQuerySet(PageQuerySet):
    def purchasable(self, on=None):
        """Live product pages whose product holds a valid ≥ 3★ certificate on ``on``.

        Vietnamese pages only (cms.i18n): a product is listed, searched and sold once.
        """
        return i18n.originals(self.live()).filter(
            certified_q(on or today(), prefix="product__current_certification__")
        )

    def with_min_price(self):
        """``min_price``: the lowest active variant price (a correlated subquery, no GROUP BY)."""
        lowest = (
            _variants()
            .objects.filter(page=OuterRef("pk"), is_active=True)
            .order_by()
            .values("page")
            .annotate(lowest=Min("price"))
            .values("lowest")[:1]
        )
        return self.annotate(min_price=Subquery(lowest))

    def with_shop_data(self):
        """Joins and annotations the listing, API and cards need, in constant queries.

        ``min_price`` and ``in_stock`` are correlated subqueries rather than a join +
        GROUP BY, so counting and paginating stay cheap.
        """
        in_stock = _variants().objects.filter(
            page=OuterRef("pk"), is_active=True, sku__in=skus_in_stock()
        )
        pages = (
            self.select_related(
                # The locale: a page's URL names its language (Wagtail i18n), per page.
                "locale",
                "product__producer",
                "product__current_certification",
            )
            .with_min_price()
            .annotate(in_stock=Exists(in_stock))
        )
        return pages.with_product_sets()

    def with_product_sets(self):
        """Each page's product gets its product set (and category) from the cache; the
        product must be joined (``select_related("product")``)."""
        pages = self._chain()
        pages._iterable_class = WithProductSets
        return pages

    def for_api(self):
        """What the API fields read (the pages endpoint calls it for each page of results)."""
        return self.with_shop_data()

"""Products shown on fair and livestream pages, with their price now (the one pricing
rule, ``marketplace.services.pricing``) and their stock, in a constant number of queries."""

from dataclasses import dataclass, field

from catalog.models import ProductPage, ProductVariant
from catalog.models.page_queries import stock_of_skus
from marketplace.services import pricing
from ocop.pages import public


@dataclass
class ShownVariant:
    variant: ProductVariant
    price: pricing.Price
    stock: int

    @property
    def struck_price(self):
        """The list price, to strike through, when an offer gives a lower one."""
        return self.price.list_amount if self.price.is_offer else None


@dataclass
class ShownProduct:
    page: ProductPage
    variants: list = field(default_factory=list)

    @property
    def buyable_variants(self):
        return [shown for shown in self.variants if shown.stock > 0]


def purchasable_pages(page_ids):
    pages = ProductPage.objects.purchasable().filter(pk__in=list(page_ids))
    return public(pages).select_related("product__producer")


def shown_products(pages, at, *, with_offers=True):
    """[ShownProduct] for ``pages`` (in their order), each active variant priced at ``at``."""
    pages = list(pages)
    variants = list(
        ProductVariant.objects.filter(page__in=pages, is_active=True).order_by("sort_order", "pk")
    )
    stock = stock_of_skus(variant.sku for variant in variants)
    if with_offers:
        prices = pricing.variant_prices(variants, at)
    else:
        prices = {v.pk: pricing.Price(v.price, list_amount=v.price) for v in variants}
    by_page = {page.pk: ShownProduct(page) for page in pages}
    for variant in variants:
        shown = ShownVariant(variant, prices[variant.pk], stock.get(variant.sku, 0))
        by_page[variant.page_id].variants.append(shown)
    return [by_page[page.pk] for page in pages]

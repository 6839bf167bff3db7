"""Read side of the home page blocks: what each one shows, in a fixed number of queries.

Catalogue and tours models are imported inside the functions: their page models use
``cms.blocks``, which must load first.
"""

from django.db.models import Count

from cms.images import CARD_PICTURE, renditions_prefetch
from ocop.pages import public


def catalogue():
    from catalog.models import CatalogIndexPage

    return CatalogIndexPage.objects.live().first()


def village_index():
    from tours.models import CraftVillageIndexPage

    return CraftVillageIndexPage.objects.live().first()


def in_order(items, keys):
    by_key = {item.pk: item for item in items}
    return [by_key[key] for key in keys if key in by_key]


def product_cards(picked, count, locale_id):
    """The picked product pages still on sale, in the editor's order; or the newest ones.
    Read in ``locale_id``: English copies where there are some (one more query)."""
    from catalog.listing import cards_in, with_card_data
    from catalog.models import ProductPage

    pages = with_card_data(ProductPage.objects.purchasable())
    if picked:
        # Vietnamese pages: an English copy picked is left out, like a page not on sale.
        cards = in_order(pages.filter(pk__in=picked), picked)[:count]
    else:
        cards = list(pages.order_by("-first_published_at", "-pk")[:count])
    return cards_in(cards, locale_id)


def village_cards(picked, count):
    from tours.models import CraftVillagePage

    villages = public(
        CraftVillagePage.objects.live()
        .select_related("hero_image")
        .prefetch_related(renditions_prefetch("hero_image__renditions", CARD_PICTURE))
    )
    if picked:
        return in_order(villages.filter(pk__in=picked), picked)[:count]
    return list(villages.order_by("title")[:count])


def product_sets_on_sale():
    """[(product set, number of products on sale)] for the sets that have any, by number."""
    from catalog.models import ProductPage, ProductSet

    counts = dict(
        ProductPage.objects.purchasable()
        .order_by()
        .values_list("product__product_set")
        .annotate(total=Count("pk"))
    )
    sets = ProductSet.objects.filter(pk__in=[key for key in counts if key]).order_by("number")
    return [(product_set, counts[product_set.pk]) for product_set in sets]


def provinces_on_sale(index, request=None):
    """[(province, its landing page URL, number on sale)] in Vietnamese alphabetical order."""
    from catalog import places

    counts = dict(
        index.purchasable_pages()
        .order_by()
        .values_list("product__producer__province_code")
        .annotate(total=Count("pk"))
    )
    return [
        (province, index.province_url(province, request), counts[province.code.value])
        for province in places.provinces()
        if counts.get(province.code.value)
    ]

"""Links between the catalogue and the tours.

{% load tours_tags %}
{% tours_for_product page %}        on a ProductPage: "Visit where it is made"
{% village_for_producer producer %} on a producer's page: a link to its village
{{ tour.duration_minutes|duration }} → "3 giờ 30 phút"
"""

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cms.i18n import localized_index, originals, reading_locale_id, shown_in
from ocop.pages import public
from tours.links import may_have_tours, may_have_villages
from tours.models import CraftVillageIndexPage, CraftVillagePage, TourPage
from tours.models.pages import card_renditions

register = template.Library()


def live_tours_for_product(product):
    """In two steps: the tours linked to the product, then those pages by key. In one
    query PostgreSQL started from the page table and probed every live page of the
    site for a tour (62 ms at 10,000 products); most products have no tour, and then
    the pages are not queried at all."""
    keys = TourPage.objects.keys_for_product(product) if may_have_tours(product) else []
    if not keys:
        return []  # (an empty queryset still compiles its query: a millisecond)
    return public(
        originals(TourPage.objects.filter(pk__in=keys))
        .live()
        .select_related("operator", "hero_image")
        .prefetch_related(card_renditions())
        .order_by("title")
    )


def live_villages_for_producer(producer):
    if not may_have_villages(producer):
        return []
    return public(
        originals(CraftVillagePage.objects.for_producer(producer)).live().order_by("title")
    )


@register.inclusion_tag("tours/includes/visit_where_made.html")
def tours_for_product(page_or_product, heading="h2"):
    """Tours visiting the village of a product's producer (or run by it, or showing it),
    in the page's language where translated (an English product page reads its original's
    product)."""
    product = getattr(page_or_product, "catalogue_product", page_or_product)
    if product is None:
        return {"tours": []}
    tours = list(live_tours_for_product(product))
    locale_id = getattr(page_or_product, "locale_id", None)
    if tours and locale_id is not None:
        tours = shown_in(
            tours,
            locale_id,
            TourPage.objects.select_related("operator", "hero_image").prefetch_related(
                card_renditions()
            ),
        )
    return {"tours": tours, "heading": heading}


@register.inclusion_tag("tours/includes/village_link.html")
def village_for_producer(producer):
    if producer is None:
        return {"villages": []}
    return {"villages": list(live_villages_for_producer(producer))}


@register.filter
def duration(minutes):
    """90 → '1 giờ 30 phút'; 2880 → '2 ngày'."""
    if not minutes:
        return ""
    days, rest = divmod(int(minutes), 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = []
    if days:
        parts.append(ngettext("%(count)s ngày", "%(count)s ngày", days) % {"count": days})
    if hours:
        parts.append(ngettext("%(count)s giờ", "%(count)s giờ", hours) % {"count": hours})
    if minutes:
        parts.append(_("%(count)s phút") % {"count": minutes})
    return " ".join(parts)


@register.inclusion_tag("tours/includes/featured_tours.html", takes_context=True)
def featured_tours(context, count=3, heading=""):
    """Live tours with their villages index, for the home page."""
    tours = public(
        originals(TourPage.objects.live())
        .select_related("operator", "hero_image")
        .prefetch_related(card_renditions())
    )
    return {
        "request": context.get("request"),
        "heading": heading,
        "tours": shown_in(
            tours.order_by("title")[:count],
            reading_locale_id(context),
            TourPage.objects.select_related("operator", "hero_image").prefetch_related(
                card_renditions()
            ),
        ),
        "villages": localized_index(CraftVillageIndexPage),
    }

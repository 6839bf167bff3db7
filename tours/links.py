"""Which producers and products could be linked to a village or a tour at all.

A product page shows the tours where the product is made and its producer's village
(tours.templatetags.tours_tags): three queries, and most of the catalogue has neither.
These sets, of every village and tour whatever its state, are kept with the site data
until the content changes (a page, producer or tour product saved bumps it): a product
outside them has no village and no tour, and its page skips the queries. One inside
them still gets the exact answer from the queries (``for_producer``, ``for_product``).
"""

from ocop import page_cache


def _link_sets():
    from tours.models import CraftVillagePage, TourPage, TourProduct

    picked = CraftVillagePage.producers.through.objects.values_list("producer_id", flat=True)
    whole_wards = CraftVillagePage.objects.filter(include_ward_producers=True)
    return {
        "picked_producers": set(picked),
        "village_wards": set(whole_wards.values_list("ward_code", flat=True)),
        "operators": set(TourPage.objects.values_list("operator_id", flat=True)),
        "tour_products": set(TourProduct.objects.values_list("product_id", flat=True)),
    }


def link_sets():
    return page_cache.shared("tour-link-sets", _link_sets)


def may_have_villages(producer):
    """False when no village can list ``producer`` (CraftVillagePage's ``for_producer``)."""
    links = link_sets()
    return producer.pk in links["picked_producers"] or bool(
        producer.ward_code and producer.ward_code in links["village_wards"]
    )


def may_have_tours(product):
    """False when no tour can show ``product`` (TourPage's ``for_product``): none run by
    its producer, visiting its producer's village or showing the product."""
    links = link_sets()
    return (
        product.pk in links["tour_products"]
        or product.producer_id in links["operators"]
        or may_have_villages(product.producer)
    )

"""Delivery fees: each producer's flat fee and free-delivery threshold, or the site's."""

from dataclasses import dataclass

from marketplace.models import DeliverySettings, ProducerDelivery


@dataclass(frozen=True)
class DeliveryTerms:
    fee: int
    free_threshold: int | None  # None: never free


def site_terms():
    settings = DeliverySettings.load()
    return DeliveryTerms(settings.default_fee, settings.default_free_threshold)


def terms_for(producers):
    """{producer id: DeliveryTerms} for ``producers``, in two queries whatever their number."""
    default = site_terms()
    own = {row.producer_id: row for row in ProducerDelivery.objects.filter(producer__in=producers)}
    terms = {}
    for producer in producers:
        row = own.get(producer.pk)
        terms[producer.pk] = DeliveryTerms(
            fee=default.fee if row is None or row.fee is None else row.fee,
            free_threshold=(
                default.free_threshold
                if row is None or row.free_threshold is None
                else row.free_threshold
            ),
        )
    return terms


def delivery_fee(terms, goods_subtotal):
    """The fee one producer charges for goods worth ``goods_subtotal`` (0 for no goods)."""
    if goods_subtotal <= 0:
        return 0
    if terms.free_threshold is not None and goods_subtotal >= terms.free_threshold:
        return 0
    return terms.fee

"""The one pricing rule: what a line costs at a given moment, and where that price comes from.

Cart, checkout and order lines all call these functions. A variant's price at a
moment is its list price, or the best offer applying then: a fair's campaign
price or a livestream's live-only price (``fairs.services.offers``), inside the
fair's or livestream's window with both boundaries included, and with enough of
the offer's limit left for the quantity. The lowest such price wins; an offer
never raises a price. Checkout passes the offers it has locked, so the price it
records is the one the locked ``sold`` counts allow.
"""

from dataclasses import dataclass

from django.utils import timezone

LIST_PRICE = "list"
OFFER_PRICE = "offer"


@dataclass(frozen=True)
class Price:
    amount: int  # whole đồng
    source: str = LIST_PRICE  # "list" or "offer"
    offer: object = None  # the fairs.Offer the price came from
    list_amount: int | None = None  # the variant's list price (struck through beside an offer)

    @property
    def is_offer(self):
        return self.offer is not None


def _offers_module():
    from fairs.services import offers

    return offers


def _price(variant, offers, quantity):
    offer = _offers_module().best_offer(offers, variant.price, quantity)
    if offer is None:
        return Price(amount=variant.price, list_amount=variant.price)
    return Price(offer.amount_for(variant.price), OFFER_PRICE, offer, variant.price)


def variant_price(variant, at=None, *, quantity=1, offers=None):
    """The unit price of ``variant`` at the moment ``at`` (default now) for ``quantity`` units.

    ``offers``: the offers on the variant's SKU applying at ``at``, when the caller
    has them (locked, at checkout); otherwise they are looked up (one query).
    """
    if offers is None:
        at = at or timezone.now()
        offers = _offers_module().active_offers([variant.sku], at).get(variant.sku, [])
    return _price(variant, offers, quantity)


def variant_prices(variants, at=None, quantities=None):
    """{variant pk: Price} for many variants in one query; ``quantities`` by variant pk."""
    variants = list(variants)
    at = at or timezone.now()
    offers = _offers_module().active_offers((variant.sku for variant in variants), at)
    quantities = quantities or {}
    return {
        variant.pk: _price(variant, offers.get(variant.sku, []), quantities.get(variant.pk, 1))
        for variant in variants
    }


def seats_price(departure, adults, children, at=None):
    """(adult price, child price, amount) of ``adults`` + ``children`` seats on a departure."""
    adult, child = departure.price_adult, departure.price_child
    return adult, child, adult * adults + child * children

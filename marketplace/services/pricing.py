"""The one pricing rule: what a line costs at a given moment, and where that price comes from.

Cart, checkout and order lines all call these functions. Today a price is the
variant's (or departure's) list price; fair campaigns and livestream offers will
add "the best active offer inside its window" here, and nowhere else.
"""

from dataclasses import dataclass

LIST_PRICE = "list"


@dataclass(frozen=True)
class Price:
    amount: int  # whole đồng
    source: str = LIST_PRICE  # "list", or the offer it came from


def variant_price(variant, at=None):
    """The unit price of ``variant`` at the moment ``at`` (default now)."""
    return Price(amount=variant.price)


def seats_price(departure, adults, children, at=None):
    """(adult price, child price, amount) of ``adults`` + ``children`` seats on a departure."""
    adult, child = departure.price_adult, departure.price_child
    return adult, child, adult * adults + child * children

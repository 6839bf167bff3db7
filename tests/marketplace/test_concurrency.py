"""Nothing oversold, nothing overbooked: concurrent checkouts, one connection each, PostgreSQL."""

import pytest
from django.db import connection

from marketplace.models import Inventory, Order, StockMovement
from tests.factories import set_stock
from tours.models import Booking, Departure

from .builders import fill_cart, first_variant, new_session
from .races import market_after_flush, race

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks (select_for_update) need PostgreSQL; SQLite serialises all writers",
    ),
]

SHOPPERS = 50


@pytest.fixture
def market(transactional_db):
    return market_after_flush("home-race")[1]


def test_fifty_checkouts_for_the_last_ten_units(market):
    rice = first_variant(market["rice"])
    set_stock(rice, 10)
    sessions = [
        fill_cart(new_session(), market, rice=1, bonsai=0, adults=0) for _ in range(SHOPPERS)
    ]

    assert race(sessions) == {"ordered": 10, "refused": 40}
    assert Inventory.objects.get(sku=rice.sku).quantity == 0
    assert Order.objects.count() == 10
    sold = StockMovement.objects.filter(inventory__sku=rice.sku, reason="sale")
    assert sold.count() == 10 and sum(m.change for m in sold) == -10


def test_last_seats_with_products_in_the_same_carts(market):
    """6 seats, 20 carts each with 2 seats and products: 3 orders, and the refused take nothing."""
    rice, bonsai = first_variant(market["rice"]), first_variant(market["bonsai"])
    set_stock(rice, 1000)
    set_stock(bonsai, 1000)
    sessions = [fill_cart(new_session(), market, rice=2, bonsai=1, adults=2) for _ in range(20)]

    assert race(sessions) == {"ordered": 3, "refused": 17}
    departure = Departure.objects.with_seats().get(pk=market["departure"].pk)
    assert departure.seats_left == 0 and departure.seats_booked == 6
    assert Booking.objects.count() == 3
    # Only the three orders took stock.
    assert Inventory.objects.get(sku=rice.sku).quantity == 1000 - 3 * 2
    assert Inventory.objects.get(sku=bonsai.sku).quantity == 1000 - 3

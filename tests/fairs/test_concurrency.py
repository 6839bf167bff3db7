"""An offer never oversells: concurrent checkouts against its limit, one connection each,
on PostgreSQL. Buyers past the limit are refused (nothing taken, the new price named);
placing again buys at the regular price."""

import pytest
from django.db import connection

from fairs.models import Offer
from marketplace.models import Inventory, OrderLine, SubOrder
from marketplace.services import cart, cart_view, checkout, orders
from tests.factories import set_stock
from tests.marketplace import races
from tests.marketplace.builders import details, first_variant, new_session
from tests.marketplace.races import market_after_flush

from .builders import approve, around_now, make_fair, make_offer

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks (select_for_update) need PostgreSQL; SQLite serialises all writers",
    ),
]

SHOPPERS = 30
LIMIT = 10


@pytest.fixture
def fair_market(transactional_db):
    home, market = market_after_flush("home-fair")
    fair = make_fair(home, *around_now())
    approve(fair, market["hai_toan"], market["rice"])
    rice = first_variant(market["rice"])
    set_stock(rice, 1000)
    offer = make_offer(rice, campaign=fair, price=120_000, limit=LIMIT)
    return {**market, "rice_variant": rice, "offer": offer}


def shopper_session(rice):
    """A shopper who put one unit in the cart and saw it at the fair price."""
    session = new_session()
    cart.add_to_cart(session, rice.pk, 1)
    assert cart_view.view_cart(session).lines[0].unit_price == 120_000
    session.save()
    return session


def race(sessions):
    """Buyers past the limit are refused because the price they saw is gone."""
    return races.race(sessions, lambda refusal: "refused" if refusal.repriced else repr(refusal))


def test_thirty_checkouts_for_an_offer_of_ten(fair_market):
    rice, offer = fair_market["rice_variant"], fair_market["offer"]
    sessions = [shopper_session(rice) for _ in range(SHOPPERS)]

    assert race(sessions) == {"ordered": LIMIT, "refused": SHOPPERS - LIMIT}
    offer.refresh_from_db()
    assert offer.sold == LIMIT
    at_offer = OrderLine.objects.filter(offer=offer)
    assert at_offer.count() == LIMIT and all(line.unit_price == 120_000 for line in at_offer)
    # The refused took nothing: only the ten sold units left the shelf.
    assert Inventory.objects.get(sku=rice.sku).quantity == 1000 - LIMIT

    # A refused shopper was told the new price; placing again buys at the regular price.
    refused = [session for session in sessions if cart.read_cart(session)]
    assert len(refused) == SHOPPERS - LIMIT
    order = checkout.place_order(refused[0], details(email="late@example.vn"))
    line = order.sub_orders.get().lines.get()
    assert (line.unit_price, line.offer, line.price_source) == (150_000, None, "list")


def test_cancelling_gives_the_offer_back(fair_market):
    rice, offer = fair_market["rice_variant"], fair_market["offer"]
    session = new_session()
    cart.add_to_cart(session, rice.pk, 3)
    order = checkout.place_order(session, details())
    offer.refresh_from_db()
    assert offer.sold == 3
    officer = _officer()
    orders.cancel(SubOrder.objects.get(order=order), user=officer, reason="Khách đổi ý")
    offer.refresh_from_db()
    assert offer.sold == 0
    assert Offer.objects.get(pk=offer.pk).remaining == LIMIT


def test_the_database_refuses_selling_past_the_limit(fair_market):
    """The last line of defence: a CHECK constraint, whatever the code does."""
    from django.db import IntegrityError, transaction

    offer = fair_market["offer"]
    with pytest.raises(IntegrityError), transaction.atomic():
        Offer.objects.filter(pk=offer.pk).update(sold=LIMIT + 1)


def _officer():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.create_user("canbo", "canbo@example.vn", "x")
    user.user_permissions.add(Permission.objects.get(codename="change_suborder"))
    return get_user_model().objects.get(pk=user.pk)

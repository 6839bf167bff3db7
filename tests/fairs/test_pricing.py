"""The one pricing rule with offers: inside the window (boundaries included, Vietnamese
time), the best offer, limits, approval; the cart and the order line use it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from fairs.models import Offer, ParticipantStatus
from marketplace.services import cart_view, checkout, pricing
from ocop import page_cache
from tests.marketplace.builders import details, first_variant, new_session

from .builders import approve, around_now, make_fair, make_livestream, make_offer, vn

pytestmark = pytest.mark.django_db

SECOND = timedelta(seconds=1)
# The fair runs from 08:00 on 10 December to 21:00 on 16 December 2026, Vietnamese time.
STARTS, ENDS = vn(2026, 12, 10, 8, 0, 0), vn(2026, 12, 16, 21, 0, 0)


@pytest.fixture
def rice(market):
    return first_variant(market["rice"])  # 150.000 ₫, Hải Toàn


@pytest.fixture
def fair(home_page, market):
    fair = make_fair(home_page, STARTS, ENDS)
    approve(fair, market["hai_toan"], market["rice"])
    return fair


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (STARTS - SECOND, 150_000),  # 07:59:59 on the 10th: not yet
        (STARTS, 120_000),  # 08:00:00: the fair price
        (STARTS + SECOND, 120_000),
        (ENDS - SECOND, 120_000),
        (ENDS, 120_000),  # 21:00:00 on the 16th: still the fair price
        (ENDS + SECOND, 150_000),  # 21:00:01: over
    ],
)
def test_fair_price_applies_inside_the_window_boundaries_included(fair, rice, moment, expected):
    make_offer(rice, campaign=fair, price=120_000)
    price = pricing.variant_price(rice, moment)
    assert price.amount == expected
    assert price.is_offer == (expected == 120_000)


def test_the_window_is_vietnamese_time_not_utc(fair, rice):
    """08:00 in Hà Nội is 01:00 UTC: at 00:59:59 UTC the fair has not started."""
    make_offer(rice, campaign=fair, price=120_000)
    assert STARTS.utcoffset() == timedelta(hours=7)
    utc_start = STARTS.astimezone(vn(2026, 1, 1).tzinfo.__class__("UTC"))
    assert (utc_start.hour, utc_start.minute) == (1, 0)
    assert pricing.variant_price(rice, utc_start - SECOND).amount == 150_000
    assert pricing.variant_price(rice, utc_start).amount == 120_000


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (vn(2026, 12, 12, 19, 59, 59), 120_000),  # the fair price before the live
        (vn(2026, 12, 12, 20, 0, 0), 99_000),  # the live-only price is lower
        (vn(2026, 12, 12, 21, 0, 0), 99_000),
        (vn(2026, 12, 12, 21, 0, 1), 120_000),
    ],
)
def test_live_only_price_inside_the_live_window_and_the_best_offer_wins(
    home_page, market, fair, rice, moment, expected
):
    make_offer(rice, campaign=fair, price=120_000)
    live = make_livestream(
        home_page, vn(2026, 12, 12, 20, 0, 0), vn(2026, 12, 12, 21, 0, 0), pinned=[market["rice"]]
    )
    make_offer(rice, livestream=live, price=99_000)
    assert pricing.variant_price(rice, moment).amount == expected


def test_percentage_off_is_rounded_to_whole_dong(fair, rice):
    make_offer(rice, campaign=fair, percent_off=15)  # 150.000 − 22.500
    assert pricing.variant_price(rice, STARTS).amount == 127_500


def test_an_offer_never_raises_the_price(fair, rice):
    make_offer(rice, campaign=fair, price=200_000)
    price = pricing.variant_price(rice, STARTS)
    assert (price.amount, price.offer) == (150_000, None)


def test_an_offer_sold_out_or_too_small_for_the_quantity_gives_the_list_price(fair, rice):
    offer = make_offer(rice, campaign=fair, price=120_000, limit=5)
    assert pricing.variant_price(rice, STARTS, quantity=5).amount == 120_000
    assert pricing.variant_price(rice, STARTS, quantity=6).amount == 150_000
    Offer.objects.filter(pk=offer.pk).update(sold=5)
    assert pricing.variant_price(rice, STARTS).amount == 150_000


def test_only_approved_participants_and_live_fairs_give_offers(market, fair, rice):
    make_offer(rice, campaign=fair, price=120_000)
    fair.participants.update(status=ParticipantStatus.PENDING)
    assert pricing.variant_price(rice, STARTS).amount == 150_000
    fair.participants.update(status=ParticipantStatus.APPROVED)
    fair.unpublish()
    assert pricing.variant_price(rice, STARTS).amount == 150_000


def test_cart_and_order_line_use_the_rule_and_the_line_records_the_offer(home_page, market, rice):
    starts, ends = around_now()
    fair = make_fair(home_page, starts, ends, slug="dang-dien-ra")
    approve(fair, market["hai_toan"], market["rice"])
    offer = make_offer(rice, campaign=fair, price=120_000, limit=10)
    session = new_session()
    checkout.carts.add_to_cart(session, rice.pk, 2)

    shown = cart_view.view_cart(session)
    line = shown.lines[0]
    assert (line.unit_price, line.list_price, line.offer) == (120_000, 150_000, offer)

    order = checkout.place_order(session, details())
    recorded = order.sub_orders.get().lines.get()
    assert (recorded.unit_price, recorded.total, recorded.price_source) == (
        120_000,
        240_000,
        "offer",
    )
    assert recorded.offer == offer and recorded.offer_label == offer.display_label
    assert recorded.offer.fair == fair  # how reports reach the campaign
    offer.refresh_from_db()
    assert offer.sold == 2


def test_checkout_at_a_moment_after_the_window_charges_the_list_price(home_page, market, rice):
    fair = make_fair(home_page, STARTS, ENDS)
    approve(fair, market["hai_toan"], market["rice"])
    make_offer(rice, campaign=fair, price=120_000)
    session = new_session()
    checkout.carts.add_to_cart(session, rice.pk, 1)
    order = checkout.place_order(session, details(), now=ENDS + SECOND)
    line = order.sub_orders.get().lines.get()
    assert (line.unit_price, line.offer, line.price_source) == (150_000, None, "list")


def test_a_line_shown_at_an_offer_price_is_refused_once_the_offer_is_gone(home_page, market, rice):
    """The shopper saw 120.000 ₫; the window closed before checkout: refused, the new
    price named, nothing taken; placing again buys at the list price."""
    starts, ends = around_now(after=timedelta(hours=1))
    fair = make_fair(home_page, starts, ends, slug="sap-het")
    approve(fair, market["hai_toan"], market["rice"])
    make_offer(rice, campaign=fair, price=120_000)
    session = new_session()
    checkout.carts.add_to_cart(session, rice.pk, 1)
    assert cart_view.view_cart(session).lines[0].unit_price == 120_000

    with pytest.raises(checkout.CheckoutRefused) as refused:
        checkout.place_order(session, details(), now=ends + SECOND)
    assert refused.value.repriced == [f"v{rice.pk}"]
    assert "150.000" in refused.value.failures[0][2]
    assert not market["rice"].variants.first().page.product.producer.sub_orders.exists()

    order = checkout.place_order(session, details(), now=ends + SECOND)
    line = order.sub_orders.get().lines.get()
    assert (line.unit_price, line.offer) == (150_000, None)


def test_no_page_is_cached_past_the_next_window_edge(home_page, settings):
    settings.OCOP_PAGE_CACHE_SECONDS = 86_400
    now = timezone.now()
    assert page_cache.timeout(now) == 86_400  # no fair, no livestream: the setting
    soon = make_fair(home_page, now + timedelta(seconds=90), now + timedelta(hours=2))
    assert page_cache.timeout(now) == 90  # the fair opens
    assert page_cache.timeout(now + timedelta(minutes=30)) == 5401  # the second after its end
    make_livestream(home_page, now + timedelta(seconds=30), now + timedelta(hours=1))
    assert page_cache.timeout(now) == 30
    soon.unpublish()
    assert page_cache.timeout(now + timedelta(minutes=90)) == 86_400

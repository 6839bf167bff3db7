"""Unpaid card orders give back their stock and seats; a payment after that is refunded."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse

from marketplace import tasks
from marketplace.models import Inventory, Order, StockMovement
from marketplace.services import expiry
from tests.marketplace.builders import first_variant
from tours.models import Booking, Departure

from .conftest import WEBHOOK_SECRET
from .localstripe import DEAD_URL, deliver
from .orders import card_order, payment_of

pytestmark = pytest.mark.usefixtures("producer_admin_urls")


def stock(market, name):
    return Inventory.objects.get(sku=first_variant(market[name]).sku).quantity


def seats_left(market):
    return Departure.objects.with_seats().get(pk=market["departure"].pk).seats_left


def test_unpaid_order_past_its_time_gives_back_stock_and_seats(market, stripe_server, settings):
    settings.CHECKOUT_PAYMENT_MINUTES = 30
    order = card_order(market)
    assert (stock(market, "rice"), stock(market, "bonsai"), seats_left(market)) == (8, 2, 4)
    assert order.payment_due_at - order.created_at == pytest.approx(
        timedelta(minutes=30), abs=timedelta(seconds=5)
    )

    with time_machine.travel(order.payment_due_at - timedelta(minutes=1)):
        assert tasks.expire_unpaid_orders() == 0  # not yet
    with time_machine.travel(order.payment_due_at + timedelta(seconds=1)):
        assert tasks.expire_unpaid_orders() == 1

    order.refresh_from_db()
    assert (order.status, order.payment_status) == ("cancelled", "expired")
    assert (stock(market, "rice"), stock(market, "bonsai"), seats_left(market)) == (10, 3, 6)
    given_back = StockMovement.objects.filter(reason="expiry")
    assert sorted(m.change for m in given_back) == [1, 2]
    assert Booking.objects.get().status == "cancelled"
    assert set(order.sub_orders.values_list("status", flat=True)) == {"cancelled"}
    # Nobody can pay it any more: Stripe's intent is canceled, the page says so.
    assert stripe_server.intent(payment_of(order).intent_id).status == "canceled"
    page = Client().get(reverse("marketplace:payment", kwargs={"token": order.token}), follow=True)
    assert "hết hạn thanh toán" in page.content.decode()
    assert tasks.expire_unpaid_orders() == 0  # once only


def test_paid_at_stripe_with_the_webhook_late_is_paid_not_expired(
    market, stripe_server, django_capture_on_commit_callbacks
):
    order = card_order(market)
    stripe_server.pay(payment_of(order).intent_id)  # its webhook has not come

    with django_capture_on_commit_callbacks(execute=True):
        assert expiry.expire_unpaid_orders(now=order.payment_due_at + timedelta(minutes=1)) == 0

    order.refresh_from_db()
    assert (order.status, order.payment_status) == ("placed", "paid")
    assert stock(market, "rice") == 8
    assert "lan@example.vn" in {address for m in mail.outbox for address in m.to}


def test_a_payment_after_expiry_is_refunded_and_flagged(
    market, stripe_server, settings, django_capture_on_commit_callbacks
):
    order = card_order(market)
    payment = payment_of(order)
    # Stripe cannot be reached while the order expires: it expires all the same...
    settings.STRIPE_API_BASE = DEAD_URL
    assert expiry.expire_unpaid_orders(now=order.payment_due_at + timedelta(minutes=1)) == 1
    settings.STRIPE_API_BASE = stripe_server.url
    assert stock(market, "rice") == 10

    # ...and the shopper, whose page was still open, pays.
    stripe_server.pay(payment.intent_id)
    event = stripe_server.event("payment_intent.succeeded", payment.intent_id)
    with django_capture_on_commit_callbacks(execute=True):
        answer = deliver(event, WEBHOOK_SECRET)

    assert answer.json()["outcome"] == "late_refunded"
    order = Order.objects.get(pk=order.pk)
    assert (order.status, order.payment_status) == ("cancelled", "refunded")
    assert order.payment_problem == "late" and order.refunded_total == order.total
    assert [r.amount for r in stripe_server.refunds(payment.intent_id)] == [order.total]
    refund = order.refunds.get()
    assert (refund.reason, refund.state, refund.amount) == (
        "late_payment",
        "succeeded",
        order.total,
    )
    assert refund.stripe_id.startswith("re_")
    assert stock(market, "rice") == 10  # the stock stays with the shelf
    assert not [m for m in mail.outbox if "lan@example.vn" in m.to and "đã được đặt" in m.subject]


def test_the_payment_page_of_an_overdue_order_expires_it_at_once(market, stripe_server):
    order = card_order(market)
    url = reverse("marketplace:payment", kwargs={"token": order.token})

    with time_machine.travel(order.payment_due_at + timedelta(seconds=5)):
        answer = Client().get(url)

    assert answer.status_code == 302
    order.refresh_from_db()
    assert order.payment_status == "expired" and stock(market, "rice") == 10
    assert order.payments.count() == 1  # no new attempt

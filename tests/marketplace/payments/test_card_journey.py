"""The card journey end to end, with localstripe delivering its own signed webhook to the
live server; and card checkouts racing for the last units on PostgreSQL."""

import json
import threading
import time
from collections import Counter

import pytest
from django.core import mail
from django.db import connection, connections
from django.test import Client
from wagtail.models import Page, Site

from cms.models import HomePage
from marketplace.models import Inventory, Order, Payment, WebhookEvent
from marketplace.services import checkout
from tests.factories import restore_reference_data, set_stock
from tests.marketplace.builders import build_market, details, fill_cart, first_variant, new_session

from .conftest import WEBHOOK_SECRET
from .localstripe import signed
from .orders import payment_of


@pytest.fixture
def live_market(transactional_db):
    """The market, built even when an earlier transactional test flushed the page tree."""
    restore_reference_data()
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Chợ OCOP", slug="home-card"))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Chợ"},
    )
    return build_market(home)


def wait_for(condition, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_card_journey_end_to_end(live_market, live_server, stripe_server, producer_admin_urls):
    market = live_market
    stripe_server.send_webhooks_to(f"{live_server.url}/stripe/webhook/")
    shopper = Client(enforce_csrf_checks=True)
    shopper.get("/gio-hang/")
    csrf = {"HTTP_X_CSRFTOKEN": shopper.cookies["csrftoken"].value}

    def send(url, body):
        return shopper.post(url, json.dumps(body), content_type="application/json", **csrf)

    send("/api/cart/lines/", {"variant": first_variant(market["rice"]).pk, "quantity": 2})
    send("/api/cart/lines/", {"variant": first_variant(market["bonsai"]).pk, "quantity": 1})
    send("/api/cart/lines/", {"departure": market["departure"].pk, "adults": 2})
    placed = send(
        "/api/checkout/",
        {
            "name": "Nguyễn Thị Lan",
            "phone": "0912 345 678",
            "email": "lan@example.vn",
            "address": {"province": 37, "ward": 14464, "street": "12 Trần Hưng Đạo"},
            "payment": "card",
        },
    )
    assert placed.status_code == 201, placed.content
    data = placed.json()
    order = Order.objects.get(number=data["number"])
    assert data["payment_status"] == "pending" and mail.outbox == []

    # The payment page: Stripe.js and the Payment Element for this intent.
    page = shopper.get(data["payment_url"].removeprefix("http://testserver"))
    assert page.status_code == 200
    assert "https://js.stripe.com/v3/" in page.content.decode()
    assert data["payment"]["client_secret"] in page.content.decode()

    # The PaymentIntent localstripe holds: the order total in đồng, in VND.
    payment = payment_of(order)
    intent = stripe_server.intent(payment.intent_id)
    assert (intent.amount, intent.currency) == (order.total, "vnd")
    assert intent.metadata["order"] == order.number

    # The shopper pays (what stripe.confirmPayment does); localstripe then signs
    # payment_intent.succeeded and POSTs it to the live server.
    confirmed = stripe_server.pay(payment.intent_id)
    assert confirmed.status == "succeeded"

    assert wait_for(lambda: Order.objects.get(pk=order.pk).payment_status == "paid")
    assert wait_for(lambda: len(mail.outbox) >= 3)
    order.refresh_from_db()
    assert order.paid_at and not order.payment_problem
    # (Events of earlier tests' intents, still queued in localstripe, may arrive too.)
    event = WebhookEvent.objects.get(intent_id=payment.intent_id)
    assert (event.type, event.outcome) == ("payment_intent.succeeded", "paid")
    recipients = {address for message in mail.outbox for address in message.to}
    assert {"lan@example.vn", "vikhe@example.vn", "haitoan@example.vn"} <= recipients
    charge = stripe_server.intent(intent.id).latest_charge  # localstripe expands it
    assert (charge.amount, charge.currency, charge.paid) == (order.total, "vnd", True)

    # Back from Stripe, the shopper sees the order paid.
    back = shopper.get(f"/don-hang/{order.token}/thanh-toan/ket-qua/", follow=True)
    assert "Thanh toán thành công" in back.content.decode()


# --- PostgreSQL: 30 card checkouts for the last 5 units ------------------------------------


def checkout_from_own_connection(session, start, outcomes, email):
    try:
        start.wait(timeout=60)
        checkout.place_order(session, details(email=email, payment="card"))
        outcomes.append("reserved")
    except checkout.CheckoutRefused:
        outcomes.append("refused")
    except Exception as error:  # recorded, so the assertion shows it
        outcomes.append(repr(error))
    finally:
        connections.close_all()


@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks (select_for_update) need PostgreSQL; SQLite serialises all writers",
)
def test_thirty_card_checkouts_for_the_last_five_units(live_market, stripe_server):
    rice = first_variant(live_market["rice"])
    set_stock(rice, 5)
    sessions = [
        fill_cart(new_session(), live_market, rice=1, bonsai=0, adults=0) for _ in range(30)
    ]
    start = threading.Barrier(len(sessions))
    outcomes = []
    threads = [
        threading.Thread(
            target=checkout_from_own_connection,
            args=(session, start, outcomes, f"shopper{number}@example.vn"),
        )
        for number, session in enumerate(sessions)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert Counter(outcomes) == {"reserved": 5, "refused": 25}
    assert Inventory.objects.get(sku=rice.sku).quantity == 0
    orders = Order.objects.all()
    assert orders.count() == 5 and {o.payment_status for o in orders} == {"pending"}
    # The refused never reached Stripe: one PaymentIntent per reserved order.
    payments = Payment.objects.all()
    assert payments.count() == 5 and all(p.intent_id for p in payments)
    intents = stripe_server.intents()
    assert sorted(i.id for i in intents) == sorted(p.intent_id for p in payments)
    assert {(i.amount, i.currency) for i in intents} == {(orders[0].total, "vnd")}


@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="concurrent transactions need PostgreSQL; SQLite serialises all writers",
)
def test_the_same_event_delivered_eight_times_at_once_is_processed_once(
    live_market, stripe_server, producer_admin_urls
):
    session = fill_cart(new_session(), live_market)
    order = checkout.place_order(session, details(payment="card"))
    payment = payment_of(order)
    stripe_server.pay(payment.intent_id)
    payload, header = signed(
        stripe_server.event("payment_intent.succeeded", payment.intent_id), WEBHOOK_SECRET
    )
    start = threading.Barrier(8)
    outcomes = []

    def deliver_from_own_connection():
        try:
            start.wait(timeout=60)
            answer = Client().post(
                "/stripe/webhook/",
                payload,
                content_type="application/json",
                HTTP_STRIPE_SIGNATURE=header,
            )
            outcomes.append((answer.status_code, answer.json()["outcome"]))
        except Exception as error:
            outcomes.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=deliver_from_own_connection) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert Counter(outcomes) == {(200, "paid"): 1, (200, "duplicate"): 7}
    assert WebhookEvent.objects.filter(intent_id=payment.intent_id).count() == 1
    confirmations = [
        m for m in mail.outbox if m.to == ["lan@example.vn"] and order.number in m.subject
    ]
    assert len(confirmations) == 1

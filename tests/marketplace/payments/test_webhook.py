"""POST /stripe/webhook/: only genuine events, each once; anything else a 4xx, nothing changed."""

import json
import time

import pytest
from django.test import Client

from marketplace.models import Order, WebhookEvent

from .conftest import WEBHOOK_SECRET
from .localstripe import deliver, signed
from .orders import card_order, payment_of

URL = "/stripe/webhook/"


@pytest.fixture
def paid_event(market, stripe_server):
    """A genuine payment_intent.succeeded event from localstripe for a fresh card order."""
    order = card_order(market)
    payment = payment_of(order)
    stripe_server.pay(payment.intent_id)
    return order, stripe_server.event("payment_intent.succeeded", payment.intent_id)


def post(body, signature=None):
    headers = {"HTTP_STRIPE_SIGNATURE": signature} if signature is not None else {}
    return Client(enforce_csrf_checks=True).post(
        URL, body, content_type="application/json", **headers
    )


def assert_nothing_changed(order):
    order.refresh_from_db()
    assert order.payment_status == "pending" and not order.payment_problem
    assert not WebhookEvent.objects.exists()
    assert payment_of(order).state == "open"


def test_forged_signature_is_refused(paid_event):
    order, event = paid_event
    payload, _header = signed(event, WEBHOOK_SECRET)
    _payload, forged = signed(event, "whsec_somebody_else")
    answer = post(payload, forged)
    assert answer.status_code == 400 and "signature" in answer.json()["error"]
    assert_nothing_changed(order)


def test_tampered_body_is_refused(paid_event):
    order, event = paid_event
    _payload, header = signed(event, WEBHOOK_SECRET)
    event["data"]["object"]["amount"] = 1
    assert post(json.dumps(event), header).status_code == 400
    assert_nothing_changed(order)


@pytest.mark.parametrize(
    "signature", [None, "", "t=abc", "v1=deadbeef", "t=1,v1=", "garbage,,==", "t=1,v0=00"]
)
def test_missing_or_malformed_signature_is_refused(paid_event, signature):
    order, event = paid_event
    assert post(json.dumps(event), signature).status_code == 400
    assert_nothing_changed(order)


def test_replayed_old_signature_is_refused(paid_event):
    order, event = paid_event
    payload, header = signed(event, WEBHOOK_SECRET, timestamp=int(time.time()) - 3600)
    assert post(payload, header).status_code == 400
    assert_nothing_changed(order)


def test_without_a_webhook_secret_nothing_is_accepted(paid_event, settings):
    order, event = paid_event
    settings.STRIPE_WEBHOOK_SECRET = ""
    assert deliver(event, WEBHOOK_SECRET).status_code == 400
    assert_nothing_changed(order)


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"\xff\xfe",
        b"[]",
        b"{}",
        b'{"id": 1, "type": "payment_intent.succeeded"}',
        b'{"id": "evt_1", "type": "payment_intent.succeeded", "data": []}',
        b'{"id": "evt_1", "type": "payment_intent.succeeded", "data": {"object": {}}}',
        b'{"id": "evt_1", "type": "x", "n": NaN}',
        b"[" * 100_000 + b"]" * 100_000,
    ],
)
def test_signed_but_malformed_bodies_are_400_never_500(paid_event, body):
    order, _event = paid_event
    import stripe

    header = stripe.WebhookSignature.generate_signature_header(
        body.decode("utf-8", errors="replace"), WEBHOOK_SECRET
    )
    assert post(body, header).status_code == 400
    assert_nothing_changed(order)


def test_only_post(paid_event):
    assert Client().get(URL).status_code == 405


def test_oversized_body_is_refused(paid_event):
    order, _event = paid_event
    assert post(b" " * (600 * 1024), "t=1,v1=00").status_code == 413
    assert_nothing_changed(order)


def test_other_events_are_stored_and_ignored(paid_event):
    order, event = paid_event
    event.update(id="evt_other", type="customer.created")
    answer = deliver(event, WEBHOOK_SECRET)
    assert answer.status_code == 200 and answer.json()["outcome"] == "ignored"
    assert WebhookEvent.objects.get().event_id == "evt_other"
    assert Order.objects.get(pk=order.pk).payment_status == "pending"


def test_events_for_intents_we_did_not_make_change_nothing(paid_event):
    order, event = paid_event
    event["data"]["object"].update(id="pi_someone_elses", metadata={})
    answer = deliver(event, WEBHOOK_SECRET)
    assert answer.status_code == 200 and answer.json()["outcome"] == "unknown_intent"
    assert Order.objects.get(pk=order.pk).payment_status == "pending"

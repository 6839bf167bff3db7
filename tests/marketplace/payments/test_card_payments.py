"""Card checkout → PaymentIntent in VND on localstripe → paid through the signed webhook."""

import json

import pytest
import stripe
from django.core import mail
from django.test import Client
from django.urls import reverse

from marketplace.models import Inventory, Payment, WebhookEvent
from tests.marketplace.builders import first_variant
from tours.models import Booking

from .conftest import PUBLISHABLE_KEY, WEBHOOK_SECRET
from .localstripe import DEAD_URL, DECLINED_CARD, deliver
from .orders import card_order, payment_of

pytestmark = pytest.mark.usefixtures("producer_admin_urls")


def recipients():
    return sorted({address for message in mail.outbox for address in message.to})


def test_card_order_reserves_and_makes_a_vnd_payment_intent(market, stripe_server):
    order = card_order(market)

    assert order.payment_status == "pending" and order.payment_due_at > order.created_at
    # Stock and seats are kept for the shopper while they pay.
    assert Inventory.objects.get(sku=first_variant(market["rice"]).sku).quantity == 10 - 2
    assert Booking.objects.get().status == "confirmed"
    payment = payment_of(order)
    intent = stripe_server.intent(payment.intent_id)
    assert intent.amount == order.total == payment.amount == 1_380_000  # đồng, never ×100
    assert intent.currency == "vnd"
    assert intent.metadata["order"] == order.number
    assert intent.client_secret == payment.client_secret
    assert [i.id for i in stripe_server.intents()] == [payment.intent_id]
    assert mail.outbox == []  # the confirmation waits for the payment


def test_each_attempt_sends_its_own_idempotency_key(market, stripe_server, monkeypatch):
    sent = []
    original = stripe.RequestsClient.request

    def recording(self, method, url, headers, post_data=None):
        sent.append((method, url, dict(headers or {})))
        return original(self, method, url, headers, post_data)

    monkeypatch.setattr(stripe.RequestsClient, "request", recording)
    order = card_order(market)
    first = payment_of(order)
    creations = [h for m, u, h in sent if m == "post" and u.endswith("/v1/payment_intents")]
    assert [h["Idempotency-Key"] for h in creations] == [f"ocop-pi-{first.idempotency_key}"]

    stripe_server.pay(first.intent_id, card=DECLINED_CARD)
    deliver(stripe_server.event("payment_intent.payment_failed", first.intent_id), WEBHOOK_SECRET)
    Client().get(reverse("marketplace:payment", kwargs={"token": order.token}))
    second = payment_of(order)
    creations = [h for m, u, h in sent if m == "post" and u.endswith("/v1/payment_intents")]
    assert second.attempt == 2 and second.idempotency_key != first.idempotency_key
    assert creations[-1]["Idempotency-Key"] == f"ocop-pi-{second.idempotency_key}"


def test_succeeded_event_pays_the_order_and_sends_the_emails_once(
    market, stripe_server, django_capture_on_commit_callbacks
):
    order = card_order(market)
    payment = payment_of(order)
    stripe_server.pay(payment.intent_id)
    event = stripe_server.event("payment_intent.succeeded", payment.intent_id)

    with django_capture_on_commit_callbacks(execute=True):
        first = deliver(event, WEBHOOK_SECRET)
    assert first.status_code == 200 and first.json()["outcome"] == "paid"
    order.refresh_from_db()
    assert order.payment_status == "paid" and order.paid_at
    assert {"lan@example.vn", "vikhe@example.vn", "haitoan@example.vn"} <= set(recipients())
    emails = len(mail.outbox)

    with django_capture_on_commit_callbacks(execute=True):
        again = deliver(event, WEBHOOK_SECRET)
    assert again.status_code == 200 and again.json()["outcome"] == "duplicate"
    assert len(mail.outbox) == emails
    assert WebhookEvent.objects.get().outcome == "paid"


def test_a_failure_reported_after_success_does_not_unpay(market, stripe_server):
    order = card_order(market)
    payment = payment_of(order)
    stripe_server.pay(payment.intent_id)
    succeeded = stripe_server.event("payment_intent.succeeded", payment.intent_id)
    assert deliver(succeeded, WEBHOOK_SECRET).json()["outcome"] == "paid"

    # An earlier failure of the same intent, delivered late (Stripe does not keep order).
    failed = json.loads(json.dumps(succeeded))
    failed.update(id="evt_earlier_failure", type="payment_intent.payment_failed")
    failed["data"]["object"].update(
        status="requires_payment_method", last_payment_error={"message": "Declined"}
    )
    answer = deliver(failed, WEBHOOK_SECRET)

    assert answer.status_code == 200 and answer.json()["outcome"] == "already_succeeded"
    order.refresh_from_db()
    assert order.payment_status == "paid"
    assert Payment.objects.get().state == "succeeded"


def test_declined_card_lets_the_shopper_try_again_with_a_new_attempt(
    market, stripe_server, django_capture_on_commit_callbacks
):
    order = card_order(market)
    first = payment_of(order)
    stripe_server.pay(first.intent_id, card=DECLINED_CARD)
    failed = stripe_server.event("payment_intent.payment_failed", first.intent_id)
    assert deliver(failed, WEBHOOK_SECRET).json()["outcome"] == "failed"
    order.refresh_from_db()
    assert order.payment_status == "pending"

    page = Client().get(reverse("marketplace:payment", kwargs={"token": order.token}))
    assert page.status_code == 200
    assert "Lần thanh toán trước không thành công" in page.content.decode()
    second = payment_of(order)
    assert second.attempt == 2 and second.intent_id != first.intent_id
    assert second.client_secret in page.content.decode()
    assert stripe_server.intent(first.intent_id).status == "canceled"  # no paying it later

    stripe_server.pay(second.intent_id)
    with django_capture_on_commit_callbacks(execute=True):
        paid = deliver(
            stripe_server.event("payment_intent.succeeded", second.intent_id), WEBHOOK_SECRET
        )
    assert paid.json()["outcome"] == "paid"
    order.refresh_from_db()
    assert order.payment_status == "paid"


def test_amount_changed_at_stripe_flags_the_order_and_does_not_pay(market, stripe_server):
    order = card_order(market)
    payment = payment_of(order)
    stripe_server.client.v1.payment_intents.update(
        payment.intent_id, params={"amount": order.total - 100_000}
    )
    stripe_server.pay(payment.intent_id)
    event = stripe_server.event("payment_intent.succeeded", payment.intent_id)

    assert deliver(event, WEBHOOK_SECRET).json()["outcome"] == "mismatch"
    order.refresh_from_db()
    assert order.payment_status == "pending" and order.payment_problem == "mismatch"
    assert mail.outbox == []


def test_other_currency_flags_the_order_and_does_not_pay(market, stripe_server):
    order = card_order(market)
    payment = payment_of(order)
    stripe_server.pay(payment.intent_id)
    event = stripe_server.event("payment_intent.succeeded", payment.intent_id)
    event["data"]["object"]["currency"] = "usd"

    assert deliver(event, WEBHOOK_SECRET).json()["outcome"] == "mismatch"
    order.refresh_from_db()
    assert order.payment_status == "pending" and order.payment_problem == "mismatch"


def test_return_page_asks_stripe_when_the_webhook_is_late(
    market, stripe_server, django_capture_on_commit_callbacks
):
    order = card_order(market)
    payment = payment_of(order)
    stripe_server.pay(payment.intent_id)

    with django_capture_on_commit_callbacks(execute=True):
        answer = Client().get(
            reverse("marketplace:payment_return", kwargs={"token": order.token}),
            {"payment_intent": "pi_not_ours", "redirect_status": "failed"},  # not trusted
            follow=True,
        )
    assert "Thanh toán thành công" in answer.content.decode()
    order.refresh_from_db()
    assert order.payment_status == "paid"
    emails = len(mail.outbox)
    assert emails

    late = stripe_server.event("payment_intent.succeeded", payment.intent_id)
    with django_capture_on_commit_callbacks(execute=True):
        assert deliver(late, WEBHOOK_SECRET).json()["outcome"] == "already_succeeded"
    assert len(mail.outbox) == emails


def test_return_page_after_a_decline_goes_back_to_the_payment_page(market, stripe_server):
    order = card_order(market)
    stripe_server.pay(payment_of(order).intent_id, card=DECLINED_CARD)

    answer = Client().get(reverse("marketplace:payment_return", kwargs={"token": order.token}))

    assert answer.status_code == 302
    assert answer["Location"] == reverse("marketplace:payment", kwargs={"token": order.token})
    assert payment_of(order).state == "failed"


def test_payment_page_loads_stripe_js_with_the_publishable_key(market, stripe_server):
    order = card_order(market)
    payment = payment_of(order)

    page = Client().get(reverse("marketplace:payment", kwargs={"token": order.token}))

    html = page.content.decode()
    assert page.status_code == 200 and page["Cache-Control"] == "private, no-store"
    assert '<script src="https://js.stripe.com/v3/"></script>' in html
    assert f'data-publishable-key="{PUBLISHABLE_KEY}"' in html
    assert f'data-client-secret="{payment.client_secret}"' in html
    assert "/thanh-toan/ket-qua/" in html
    assert payment_of(order).pk == payment.pk  # reloading the page makes no new attempt


def test_order_page_offers_the_payment_until_paid(market, stripe_server):
    order = card_order(market)
    page = Client().get(reverse("marketplace:order", kwargs={"token": order.token}))
    assert reverse("marketplace:payment", kwargs={"token": order.token}) in page.content.decode()


def test_cash_orders_have_no_payment_page(market, stripe_server):
    from marketplace.services import checkout
    from tests.marketplace.builders import details, fill_cart, new_session

    order = checkout.place_order(fill_cart(new_session(), market), details(payment="cod"))
    answer = Client().get(reverse("marketplace:payment", kwargs={"token": order.token}))
    assert answer.status_code == 302
    assert not Payment.objects.exists() and stripe_server.intents() == []


def test_stripe_unreachable_at_checkout_then_the_page_retries_with_the_same_key(
    market, stripe_server, settings
):
    settings.STRIPE_API_BASE = DEAD_URL
    order = card_order(market)
    payment = payment_of(order)
    assert order.payment_status == "pending" and payment.intent_id is None and payment.error
    url = reverse("marketplace:payment", kwargs={"token": order.token})
    down = Client().get(url)
    assert down.status_code == 503 and "Thử lại" in down.content.decode()

    settings.STRIPE_API_BASE = stripe_server.url
    page = Client().get(url)

    assert page.status_code == 200
    again = payment_of(order)
    assert (again.pk, again.idempotency_key) == (payment.pk, payment.idempotency_key)
    assert stripe_server.intent(again.intent_id).amount == order.total


def test_json_checkout_returns_what_a_client_needs_to_pay(market, stripe_server):
    client = Client(enforce_csrf_checks=True)
    client.get("/gio-hang/")
    token = {"HTTP_X_CSRFTOKEN": client.cookies["csrftoken"].value}
    variant = first_variant(market["rice"])
    client.post(
        "/api/cart/lines/",
        json.dumps({"variant": variant.pk, "quantity": 2}),
        content_type="application/json",
        **token,
    )
    body = {
        "name": "Nguyễn Thị Lan",
        "phone": "0912345678",
        "email": "lan@example.vn",
        "address": {"province": 37, "ward": 14464, "street": "12 Trần Hưng Đạo"},
        "payment": "card",
    }
    answer = client.post(
        "/api/checkout/", json.dumps(body), content_type="application/json", **token
    )

    assert answer.status_code == 201
    data = answer.json()
    payment = Payment.objects.get()
    assert data["payment_status"] == "pending"
    assert data["payment_url"].endswith(
        reverse("marketplace:payment", kwargs={"token": payment.order.token})
    )
    assert data["payment"]["client_secret"] == payment.client_secret
    assert data["payment"]["publishable_key"] == PUBLISHABLE_KEY
    assert data["payment"]["amount"] == payment.amount == data["total"]
    assert data["payment"]["currency"] == "vnd"


def test_checkout_page_offers_the_card_and_leads_to_the_payment_page(market, stripe_server):
    client = Client()
    client.post("/gio-hang/them/", {"variant": first_variant(market["rice"]).pk, "quantity": 1})
    form = client.get("/gio-hang/thanh-toan/").content.decode()
    assert 'value="card"' in form

    response = client.post(
        "/gio-hang/thanh-toan/",
        {
            "name": "Lê Văn Nam",
            "phone": "0903 123 456",
            "email": "nam@example.vn",
            "province": 37,
            "ward": 14464,
            "street": "3 Lê Lợi",
            "payment": "card",
        },
    )

    payment = Payment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "marketplace:payment", kwargs={"token": payment.order.token}
    )
    assert stripe_server.intent(payment.intent_id).amount == payment.order.total
    assert mail.outbox == []


def test_without_a_secret_key_there_is_no_card(market, settings):
    from marketplace.services import checkout
    from tests.marketplace.builders import details, fill_cart, new_session

    settings.STRIPE_SECRET_KEY = ""
    with pytest.raises(checkout.CheckoutError) as refused:
        checkout.place_order(fill_cart(new_session(), market), details(payment="card"))
    assert "payment" in refused.value.errors
    assert not Payment.objects.exists()


def test_a_processing_payment_is_recorded_and_then_succeeds(market, stripe_server):
    order = card_order(market)
    payment = payment_of(order)
    processing = {
        "id": "evt_processing",
        "type": "payment_intent.processing",
        "data": {
            "object": {
                "id": payment.intent_id,
                "object": "payment_intent",
                "status": "processing",
                "amount": order.total,
                "currency": "vnd",
                "metadata": {"order": order.number},
            }
        },
    }
    assert deliver(processing, WEBHOOK_SECRET).json()["outcome"] == "processing"
    assert payment_of(order).state == "processing"
    order.refresh_from_db()
    assert order.payment_status == "pending"

    stripe_server.pay(payment.intent_id)
    succeeded = stripe_server.event("payment_intent.succeeded", payment.intent_id)
    assert deliver(succeeded, WEBHOOK_SECRET).json()["outcome"] == "paid"


def test_attempts_per_order_are_limited(market, stripe_server, monkeypatch):
    from marketplace.services import stripe_payments

    monkeypatch.setattr(stripe_payments, "MAX_ATTEMPTS", 1)
    order = card_order(market)
    first = payment_of(order)
    stripe_server.pay(first.intent_id, card=DECLINED_CARD)
    deliver(stripe_server.event("payment_intent.payment_failed", first.intent_id), WEBHOOK_SECRET)

    page = Client().get(reverse("marketplace:payment", kwargs={"token": order.token}))

    assert page.status_code == 503 and "quá nhiều lần" in page.content.decode()
    assert order.payments.count() == 1 and len(stripe_server.intents()) == 1

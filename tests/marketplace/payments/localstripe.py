"""Talking to localstripe as a test: what it holds, paying an intent, signed events."""

import json

import requests
import stripe
from django.test import Client

DEAD_URL = "http://127.0.0.1:9"  # the discard port: nothing listens, connections are refused
GOOD_CARD = "4242424242424242"
DECLINED_CARD = "4000000000000341"  # localstripe declines this one when charging


class LocalStripe:
    def __init__(self, url, secret_key, webhook_secret):
        self.url = url
        self.webhook_secret = webhook_secret
        self.client = stripe.StripeClient(
            secret_key, base_addresses={"api": url}, max_network_retries=0
        )

    def reset(self):
        requests.delete(f"{self.url}/_config/data", timeout=5).raise_for_status()

    def send_webhooks_to(self, url):
        """Where localstripe delivers its signed events (None: nowhere that answers)."""
        answer = requests.post(
            f"{self.url}/_config/webhooks/ocop",
            json={"url": url or f"{DEAD_URL}/", "secret": self.webhook_secret},
            timeout=5,
        )
        answer.raise_for_status()

    # --- what localstripe holds

    def intent(self, intent_id):
        return self.client.v1.payment_intents.retrieve(intent_id)

    def intents(self):
        return self.client.v1.payment_intents.list(params={"limit": 100}).data

    def refunds(self, intent_id):
        return self.client.v1.refunds.list(params={"payment_intent": intent_id}).data

    def events(self, event_type, intent_id=None):
        events = [e.to_dict() for e in self.client.v1.events.list(params={"type": event_type})]
        return [e for e in events if intent_id is None or e["data"]["object"]["id"] == intent_id]

    def event(self, event_type, intent_id):
        (event,) = self.events(event_type, intent_id)
        return event

    # --- the shopper's side (what Stripe.js and the Payment Element do in a browser)

    def pay(self, intent_id, card=GOOD_CARD):
        method = self.client.v1.payment_methods.create(
            params={
                "type": "card",
                "card": {"number": card, "exp_month": 12, "exp_year": 2034, "cvc": "123"},
            }
        )
        self.client.v1.payment_intents.update(intent_id, params={"payment_method": method.id})
        try:
            return self.client.v1.payment_intents.confirm(intent_id)
        except stripe.CardError:
            return self.intent(intent_id)


def signed(event, secret, timestamp=None):
    payload = json.dumps(event)
    header = stripe.WebhookSignature.generate_signature_header(payload, secret, timestamp)
    return payload, header


def deliver(event, secret, client=None):
    """POST an event to the webhook as Stripe does: raw JSON body, Stripe-Signature header."""
    payload, header = signed(event, secret)
    client = client or Client(enforce_csrf_checks=True)
    return client.post(
        "/stripe/webhook/", payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=header
    )

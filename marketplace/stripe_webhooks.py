"""``POST /stripe/webhook/``: Stripe's events, signature-verified, each processed once.

- The ``Stripe-Signature`` header is checked against ``STRIPE_WEBHOOK_SECRET`` over
  the raw body (and its timestamp must be recent). Anything forged, missing,
  stale or malformed gets a 400 and changes nothing.
- Every event is stored by its id (``WebhookEvent.event_id`` is unique) in the same
  transaction that acts on it. A second delivery of the same event finds the row
  (or, when both arrive at once, waits on the unique index and then finds it)
  and gets 200 without acting again. If acting fails, the row goes with the
  rollback and Stripe's retry processes the event afresh.
- PaymentIntent events go to ``stripe_payments.apply_intent``, which never
  un-pays an order, whatever order the events come in.
"""

import json
import logging

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from marketplace.models import WebhookEvent
from marketplace.services import stripe_payments

log = logging.getLogger(__name__)

MAX_BODY = 512 * 1024  # Stripe's events are a few kilobytes
TOLERANCE_SECONDS = 300  # Stripe's own default: older signatures are replays
INTENT_EVENTS = {
    "payment_intent.succeeded",
    "payment_intent.payment_failed",
    "payment_intent.canceled",
    "payment_intent.processing",
}


class BadEvent(Exception):
    """Not a genuine, well-formed Stripe event; ``str(error)`` says why."""


def _no_constants(name):
    raise ValueError(f"{name} is not JSON")


def verified_event(body, signature):
    """The event (a dict) when ``body`` is signed with our secret; else BadEvent."""
    secret = settings.STRIPE_WEBHOOK_SECRET
    if not secret:
        raise BadEvent("STRIPE_WEBHOOK_SECRET is not set: no event can be verified")
    try:
        payload = body.decode("utf-8")
    except UnicodeDecodeError:
        raise BadEvent("the body is not UTF-8") from None
    try:
        stripe.WebhookSignature.verify_header(payload, signature, secret, TOLERANCE_SECONDS)
    except stripe.SignatureVerificationError as error:
        raise BadEvent(f"bad signature: {error.user_message or error}") from None
    try:
        event = json.loads(payload, parse_constant=_no_constants)
    except (ValueError, RecursionError):
        raise BadEvent("the body is not JSON") from None
    if not isinstance(event, dict):
        raise BadEvent("the event is not a JSON object")
    event_id, event_type = event.get("id"), event.get("type")
    if not isinstance(event_id, str) or not 0 < len(event_id) <= 255:
        raise BadEvent("the event has no id")
    if not isinstance(event_type, str) or not 0 < len(event_type) <= 100:
        raise BadEvent("the event has no type")
    if event_type in INTENT_EVENTS:
        data = event.get("data")
        obj = data.get("object") if isinstance(data, dict) else None
        if not isinstance(obj, dict) or not isinstance(obj.get("id"), str):
            raise BadEvent("the event has no PaymentIntent")
    return event


def process(event):
    """Store the event and act on it, once. Returns the outcome in a word."""
    intent = event["data"]["object"] if event["type"] in INTENT_EVENTS else None
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = WebhookEvent.objects.create(
                    event_id=event["id"],
                    type=event["type"],
                    intent_id=intent["id"][:255] if intent else "",
                    payload=event,
                )
        except IntegrityError:
            return "duplicate"
        outcome = stripe_payments.apply_intent(intent) if intent else "ignored"
        record.outcome = outcome[:100]
        record.save(update_fields=["outcome"])
    return outcome


@csrf_exempt
@require_POST
def stripe_webhook(request):
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_BODY:
        return JsonResponse({"error": "too large"}, status=413)
    try:
        event = verified_event(request.body, request.headers.get("Stripe-Signature"))
    except BadEvent as error:
        log.warning("Stripe webhook refused: %s", error)
        return JsonResponse({"error": str(error)}, status=400)
    outcome = process(event)
    log.info("Stripe event %s (%s): %s", event["id"], event["type"], outcome)
    return JsonResponse({"received": True, "outcome": outcome})

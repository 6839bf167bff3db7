"""Card payments through Stripe: PaymentIntents in VND, what Stripe reports, refunds.

- A card order gets one ``Payment`` per attempt. Each attempt is one PaymentIntent,
  created with the attempt's own idempotency key (so a retried request never makes
  a second intent) and the order number in its metadata. VND is zero-decimal: the
  amount sent is the order total in đồng, as it is.
- Stripe is never called while stock, seats or order rows are locked. What Stripe
  reports (webhook events, the return page, the expiry sweep) goes through
  ``apply_intent``, under the order's row lock, so it happens once whichever
  reports first, and a late or out-of-order report never undoes a payment.
- Refunds are written down first (a ``Refund`` row, with its idempotency key) in the
  transaction that decides them, then sent to Stripe after the commit by a Celery
  task that retries while Stripe cannot be reached.
"""

import logging
from datetime import timedelta

import stripe
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.models import (
    CURRENCY,
    Order,
    OrderStatus,
    Payment,
    PaymentMethod,
    PaymentProblem,
    PaymentState,
    PaymentStatus,
    Refund,
    RefundReason,
    RefundState,
    SubOrderStatus,
)

from . import payouts

log = logging.getLogger(__name__)

OPEN_STATES = (PaymentState.NEW, PaymentState.OPEN, PaymentState.PROCESSING)
MAX_ATTEMPTS = 10  # failed card payments per order before the shopper must place a new order
TIMEOUT_SECONDS = 20
# Stripe could not be reached or failed on its side: worth trying again later.
TRANSIENT_ERRORS = (stripe.APIConnectionError, stripe.APIError, stripe.RateLimitError)


class PaymentUnavailable(Exception):
    """No PaymentIntent could be made now; ``str(error)`` is the message for the shopper."""


def client():
    """A Stripe client for the configured account (and server: localstripe in tests)."""
    options = {
        "max_network_retries": 2,
        "http_client": stripe.RequestsClient(timeout=TIMEOUT_SECONDS),
    }
    if settings.STRIPE_API_BASE:
        options["base_addresses"] = {"api": settings.STRIPE_API_BASE}
    return stripe.StripeClient(settings.STRIPE_SECRET_KEY, **options)


def payment_due(now=None):
    return (now or timezone.now()) + timedelta(minutes=settings.CHECKOUT_PAYMENT_MINUTES)


def awaiting_payment(order):
    return (
        order.payment_method == PaymentMethod.CARD
        and order.payment_status == PaymentStatus.PENDING
        and order.status == OrderStatus.PLACED
        and not order.payment_problem
    )


# --- Attempts and PaymentIntents ---------------------------------------------------------


def start(order):
    """Right after checkout: the first attempt's PaymentIntent. Never raises.

    When Stripe cannot be reached the order keeps its reservation and the payment
    page tries again (with the same idempotency key).
    """
    try:
        return ensure_attempt(order)
    except PaymentUnavailable:
        return None


def ensure_attempt(order):
    """The attempt the shopper can pay now, with its PaymentIntent (made if needed).

    Returns None when the order is not waiting for a card payment. Raises
    PaymentUnavailable when Stripe cannot make the intent.
    """
    payment, stale = _open_or_new_attempt(order)
    if payment is None:
        return None
    for old in stale:
        cancel_intent(old)
    if payment.intent_id is None:
        _create_intent(payment, order)
    return payment


def _open_or_new_attempt(order):
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if not awaiting_payment(locked):
            return None, []
        latest = locked.payments.order_by("-attempt").first()
        if latest is not None and latest.state in OPEN_STATES:
            return latest, []
        if latest is not None and latest.attempt >= MAX_ATTEMPTS:
            raise PaymentUnavailable(
                _("Đã thử thanh toán quá nhiều lần cho đơn này. Vui lòng đặt đơn mới.")
            )
        payment = Payment.objects.create(
            order=locked,
            attempt=latest.attempt + 1 if latest else 1,
            amount=locked.total,
            currency=CURRENCY,
        )
        # Earlier attempts that failed stay payable at Stripe: close them.
        stale = list(
            locked.payments.filter(state=PaymentState.FAILED, intent_id__isnull=False).exclude(
                pk=payment.pk
            )
        )
        return payment, stale


def _create_intent(payment, order):
    try:
        intent = client().v1.payment_intents.create(
            params={
                "amount": payment.amount,  # đồng: VND has no minor unit
                "currency": payment.currency,
                "payment_method_types": ["card"],
                "metadata": {
                    "order": order.number,
                    "payment": str(payment.pk),
                    "attempt": str(payment.attempt),
                },
            },
            options={"idempotency_key": f"ocop-pi-{payment.idempotency_key}"},
        )
    except stripe.StripeError as error:
        log.warning("PaymentIntent for %s not created: %s", order.number, error)
        Payment.objects.filter(pk=payment.pk).update(error=str(error)[:255])
        raise PaymentUnavailable(
            _("Chưa kết nối được cổng thanh toán thẻ. Vui lòng thử lại sau ít phút.")
        ) from error
    Payment.objects.filter(pk=payment.pk, intent_id__isnull=True).update(
        intent_id=intent.id,
        client_secret=intent.client_secret or "",
        state=PaymentState.OPEN,
        error="",
    )
    payment.refresh_from_db()


def cancel_intent(payment):
    """Cancel an attempt's PaymentIntent at Stripe; True when Stripe says it is canceled."""
    try:
        intent = client().v1.payment_intents.cancel(payment.intent_id)
    except stripe.StripeError as error:
        log.info("PaymentIntent %s not canceled: %s", payment.intent_id, error)
        return False
    if intent.status == "canceled":
        Payment.objects.filter(pk=payment.pk).exclude(state=PaymentState.SUCCEEDED).update(
            state=PaymentState.CANCELED
        )
        return True
    return False


def retrieve_intent(intent_id):
    """The PaymentIntent as Stripe has it now (a dict), or None when Stripe cannot say."""
    try:
        return client().v1.payment_intents.retrieve(intent_id).to_dict()
    except stripe.StripeError as error:
        log.info("PaymentIntent %s not retrieved: %s", intent_id, error)
        return None


def refresh_from_stripe(order):
    """The return page: ask Stripe about the order's open attempts (a webhook may be late)."""
    payments = order.payments.filter(state__in=OPEN_STATES + (PaymentState.FAILED,))
    for payment in payments.exclude(intent_id__isnull=True).order_by("-attempt")[:3]:
        intent = retrieve_intent(payment.intent_id)
        if intent is not None:
            apply_intent(intent)


# --- What Stripe reports -----------------------------------------------------------------


def _whole(value):
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _payment_for(intent):
    intent_id = intent.get("id")
    payment = Payment.objects.filter(intent_id=intent_id).first()
    if payment is not None:
        return payment
    # Reported before we stored the intent's id (the create call timed out on our side).
    metadata = intent.get("metadata") if isinstance(intent.get("metadata"), dict) else {}
    payment_id = str(metadata.get("payment", ""))
    if not payment_id.isdigit():
        return None
    return Payment.objects.filter(
        pk=int(payment_id), intent_id__isnull=True, order__number=metadata.get("order")
    ).first()


def apply_intent(intent):
    """Bring our records in line with a PaymentIntent (a dict, as Stripe sends it).

    Returns what happened, in a word (stored with the webhook event).
    """
    if not isinstance(intent, dict) or not isinstance(intent.get("id"), str):
        return "malformed"
    found = _payment_for(intent)
    if found is None:
        return "unknown_intent"
    status = intent.get("status")
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=found.order_id)
        payment = Payment.objects.select_for_update().get(pk=found.pk)
        if payment.intent_id is None:
            payment.intent_id = intent["id"]
            payment.save(update_fields=["intent_id", "updated_at"])
        if status == "succeeded":
            return _succeeded(order, payment, intent)
        if payment.state == PaymentState.SUCCEEDED:
            return "already_succeeded"  # an older report arriving late changes nothing
        if status == "processing":
            return _set_state(payment, PaymentState.PROCESSING)
        if status == "canceled":
            return _set_state(payment, PaymentState.CANCELED)
        if status == "requires_payment_method" and intent.get("last_payment_error"):
            error = intent["last_payment_error"]
            message = error.get("message", "") if isinstance(error, dict) else ""
            payment.error = str(message or "")[:255]
            return _set_state(payment, PaymentState.FAILED)
        return "no_change"


def _set_state(payment, state):
    if payment.state == state:
        return "no_change"
    payment.state = state
    payment.save(update_fields=["state", "error", "updated_at"])
    return state


def _succeeded(order, payment, intent):
    if payment.state == PaymentState.SUCCEEDED:
        return "already_succeeded"
    amount = _whole(intent.get("amount_received", intent.get("amount")))
    currency = str(intent.get("currency") or "").lower()
    payment.state = PaymentState.SUCCEEDED
    payment.amount_received = amount if amount and amount > 0 else 0
    payment.error = ""
    payment.save(update_fields=["state", "amount_received", "error", "updated_at"])
    if currency != payment.currency or amount != payment.amount or payment.amount != order.total:
        log.error(
            "Order %s: PaymentIntent %s is %s %s, the order is %s %s",
            order.number,
            payment.intent_id,
            amount,
            currency,
            order.total,
            CURRENCY,
        )
        _flag(order, PaymentProblem.MISMATCH)
        return "mismatch"
    if awaiting_payment(order):
        order.payment_status = PaymentStatus.PAID
        order.paid_at = timezone.now()
        order.save(update_fields=["payment_status", "paid_at"])
        payouts.card_payment_captured(order)  # same transaction: the ledger is owed
        _refund_cancelled_sub_orders(order)
        transaction.on_commit(lambda: _send_later("send_order_placed", order.pk), robust=True)
        return "paid"
    if order.payment_status == PaymentStatus.PENDING and order.payment_problem:
        return "flagged"  # a person is already looking at this order's money
    if order.paid_at is not None:
        # Already paid by another attempt: this second payment goes back whole.
        _record_refund(order, payment, payment.amount_received, RefundReason.DUPLICATE)
        _flag(order, PaymentProblem.DUPLICATE)
        return "duplicate_refunded"
    # Paid after the order expired (its stock and seats are gone): never kept.
    _record_refund(order, payment, payment.amount_received, RefundReason.LATE_PAYMENT)
    order.refunded_total = payment.amount_received
    order.payment_status = PaymentStatus.REFUNDED
    order.payment_problem = PaymentProblem.LATE
    order.save(update_fields=["refunded_total", "payment_status", "payment_problem"])
    return "late_refunded"


def _refund_cancelled_sub_orders(order):
    """Sub-orders cancelled while the payment was on its way: their share goes back."""
    cancelled = order.sub_orders.select_for_update().filter(status=SubOrderStatus.CANCELLED)
    for sub_order in cancelled.order_by("pk"):
        refund_sub_order(order, sub_order)


def _flag(order, problem):
    order.payment_problem = problem
    order.save(update_fields=["payment_problem"])


# --- Refunds -----------------------------------------------------------------------------


def paying_payment(order):
    """The attempt whose money the order keeps (not one already sent back whole)."""
    whole = Refund.objects.filter(
        order=order, reason__in=[RefundReason.DUPLICATE, RefundReason.LATE_PAYMENT]
    ).values("payment_id")
    return (
        order.payments.filter(state=PaymentState.SUCCEEDED)
        .exclude(pk__in=whole)
        .order_by("updated_at", "pk")
        .first()
    )


def refund_sub_order(order, sub_order, *, user=None, amount=None):
    """Under the order's and sub-order's locks: send back what this sub-order was paid
    (``amount``: part of it; default all that is not refunded yet).

    Records the Refund, the amounts on the sub-order and order, and the producer's
    ledger entry; Stripe is asked after the commit. Returns the Refund, or None when
    nothing was paid by card.
    """
    payment = paying_payment(order)
    remaining = sub_order.total - sub_order.refunded_amount
    amount = remaining if amount is None else min(amount, remaining)
    if payment is None or amount <= 0:
        return None
    refund = _record_refund(order, payment, amount, RefundReason.SUB_ORDER, sub_order, user)
    sub_order.refunded_amount += amount
    sub_order.save(update_fields=["refunded_amount"])
    payouts.sub_order_refunded(sub_order, refund)
    order.refunded_total += amount
    order.payment_status = (
        PaymentStatus.REFUNDED
        if order.refunded_total >= order.total
        else PaymentStatus.PARTLY_REFUNDED
    )
    order.save(update_fields=["refunded_total", "payment_status"])
    return refund


def _record_refund(order, payment, amount, reason, sub_order=None, user=None):
    refund = Refund.objects.create(
        order=order,
        sub_order=sub_order,
        payment=payment,
        amount=amount,
        reason=reason,
        user=user if user is not None and user.is_authenticated else None,
    )
    transaction.on_commit(lambda: _send_later("send_refund", refund.pk), robust=True)
    return refund


def send_refund(refund_id):
    """Ask Stripe to send a recorded refund (a partial refund of the PaymentIntent).

    Safe to run again: the refund's idempotency key makes Stripe do it once. Raises
    the transient Stripe errors (so the task retries); a refusal marks the refund
    failed and flags the order.
    """
    refund = Refund.objects.select_related("order", "payment", "sub_order").get(pk=refund_id)
    if refund.state != RefundState.PENDING:
        return refund
    metadata = {"order": refund.order.number, "refund": str(refund.pk), "reason": refund.reason}
    if refund.sub_order_id:
        metadata["sub_order"] = str(refund.sub_order_id)
    try:
        sent = client().v1.refunds.create(
            params={
                "payment_intent": refund.payment.intent_id,
                "amount": refund.amount,  # đồng, as it is
                "metadata": metadata,
            },
            options={"idempotency_key": f"ocop-re-{refund.idempotency_key}"},
        )
    except TRANSIENT_ERRORS:
        raise
    except stripe.StripeError as error:
        log.error("Refund %s for %s refused by Stripe: %s", refund.pk, refund.order, error)
        Refund.objects.filter(pk=refund.pk).update(state=RefundState.FAILED, error=str(error)[:255])
        Order.objects.filter(pk=refund.order_id).update(
            payment_problem=PaymentProblem.REFUND_FAILED
        )
        return refund
    state = RefundState.FAILED if sent.status in ("failed", "canceled") else RefundState.SUCCEEDED
    Refund.objects.filter(pk=refund.pk, state=RefundState.PENDING).update(
        state=state, stripe_id=sent.id
    )
    refund.refresh_from_db()
    return refund


def pending_refunds(older_than_minutes=5):
    cutoff = timezone.now() - timedelta(minutes=older_than_minutes)
    return Refund.objects.filter(state=RefundState.PENDING, created_at__lt=cutoff)


def _send_later(task_name, object_id):
    from marketplace import tasks

    getattr(tasks, task_name).delay(object_id)

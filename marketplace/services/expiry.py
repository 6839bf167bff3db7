"""Unpaid card orders expire: after ``CHECKOUT_PAYMENT_MINUTES`` their stock and seats go back.

Run every minute by Celery beat (``marketplace.tasks.expire_unpaid_orders``).
Before giving anything back, the order's open PaymentIntents are canceled at
Stripe; when Stripe says one has already succeeded (its webhook is late), the
order is paid instead of expired. If Stripe cannot be reached the order expires
all the same: a payment that still arrives later is refunded automatically
(``stripe_payments.apply_intent``).
"""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.models import (
    MovementReason,
    Order,
    OrderStatus,
    Payment,
    PaymentMethod,
    PaymentState,
    PaymentStatus,
    SubOrderStatus,
)

from . import orders, stripe_payments

log = logging.getLogger(__name__)

BATCH = 200


def overdue_orders(now):
    return Order.objects.filter(
        payment_method=PaymentMethod.CARD,
        payment_status=PaymentStatus.PENDING,
        status=OrderStatus.PLACED,
        payment_problem="",
        payment_due_at__lt=now,
    ).order_by("payment_due_at", "pk")


def expire_unpaid_orders(now=None):
    """Expire the overdue unpaid card orders; returns how many expired."""
    now = now or timezone.now()
    overdue = list(overdue_orders(now).values_list("pk", flat=True)[:BATCH])
    return sum(expire_if_due(order_id, now=now) for order_id in overdue)


def expire_if_due(order_id, *, now=None):
    """Expire one order now if it is overdue and Stripe has no payment for it; True if so."""
    now = now or timezone.now()
    if not overdue_orders(now).filter(pk=order_id).exists() or _paid_after_all(order_id):
        return False
    return expire_order(order_id, now=now)


def _paid_after_all(order_id):
    """Cancel the order's open intents at Stripe; True when Stripe says money came or is coming."""
    payments = Payment.objects.filter(
        order_id=order_id, state__in=stripe_payments.OPEN_STATES, intent_id__isnull=False
    )
    for payment in payments:
        if stripe_payments.cancel_intent(payment):
            continue
        intent = stripe_payments.retrieve_intent(payment.intent_id)
        if intent is None:
            continue  # Stripe unreachable: expire anyway, a late payment is refunded
        if intent.get("status") in ("succeeded", "processing"):
            stripe_payments.apply_intent(intent)
            return True
    return False


def expire_order(order_id, *, now=None):
    """Give back an overdue unpaid order's stock and seats; False when it is no longer due."""
    now = now or timezone.now()
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        due = order.payment_due_at
        if not stripe_payments.awaiting_payment(order) or due is None or due >= now:
            return False
        sub_orders = list(order.sub_orders.select_for_update().order_by("pk"))
        orders.lock_stock_and_seats(sub_orders)
        reason = _("Hết hạn thanh toán")
        for sub_order in sub_orders:
            if sub_order.status in (SubOrderStatus.CANCELLED, SubOrderStatus.REFUNDED):
                continue
            orders.give_back(sub_order, MovementReason.EXPIRY, note=reason)
            sub_order.status = SubOrderStatus.CANCELLED
            sub_order.cancel_reason = reason
            sub_order.cancelled_at = now
            sub_order.save(update_fields=["status", "cancel_reason", "cancelled_at"])
        order.payment_status = PaymentStatus.EXPIRED
        order.status = OrderStatus.CANCELLED
        order.save(update_fields=["payment_status", "status"])
        order.payments.filter(state__in=stripe_payments.OPEN_STATES).update(
            state=PaymentState.CANCELED
        )
    log.info("Order %s expired unpaid", order.number)
    return True

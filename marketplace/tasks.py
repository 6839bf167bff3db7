import logging
from smtplib import SMTPException

from celery import shared_task

from marketplace import emails
from marketplace.models import LineKind, Order, SubOrder
from marketplace.services import stripe_payments

log = logging.getLogger(__name__)

MAIL_RETRIES = {
    "autoretry_for": (SMTPException, ConnectionError),
    "retry_backoff": True,
    "max_retries": 5,
}


@shared_task(**MAIL_RETRIES)
def send_order_placed(order_id):
    """After checkout: the shopper's confirmation, then one task per producer and ticket."""
    order = Order.objects.prefetch_related("sub_orders__lines", "sub_orders__producer").get(
        pk=order_id
    )
    emails.send_order_confirmation(order)
    for sub_order in order.sub_orders.all():
        send_new_sub_order.delay(sub_order.pk)
        for line in sub_order.lines.all():
            if line.kind == LineKind.TOUR and line.booking_id:
                from tours.tasks import send_booking_confirmation

                send_booking_confirmation.delay(line.booking_id)


def _sub_order(sub_order_id):
    return (
        SubOrder.objects.select_related("order", "producer")
        .prefetch_related("lines", "producer__users")
        .get(pk=sub_order_id)
    )


@shared_task(**MAIL_RETRIES)
def send_new_sub_order(sub_order_id):
    emails.send_new_sub_order(_sub_order(sub_order_id))


@shared_task(**MAIL_RETRIES)
def send_sub_order_shipped(sub_order_id):
    emails.send_sub_order_shipped(_sub_order(sub_order_id))


@shared_task(**MAIL_RETRIES)
def send_sub_order_cancelled(sub_order_id):
    emails.send_sub_order_cancelled(_sub_order(sub_order_id))


# --- Card payments ---------------------------------------------------------------------


@shared_task(
    autoretry_for=stripe_payments.TRANSIENT_ERRORS,
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=10,
)
def send_refund(refund_id):
    """Send a recorded refund to Stripe (its idempotency key makes repeats harmless)."""
    stripe_payments.send_refund(refund_id)


@shared_task
def expire_unpaid_orders():
    """Every minute (beat): overdue unpaid card orders give back their stock and seats.

    Also sends again the refunds Stripe could not be reached for.
    """
    from marketplace.services import expiry

    expired = expiry.expire_unpaid_orders()
    for refund_id in stripe_payments.pending_refunds().values_list("pk", flat=True)[:100]:
        try:
            send_refund.delay(refund_id)
        except Exception:  # eager mode runs it here; the next sweep tries again
            log.exception("Refund %s not sent", refund_id)
    return expired

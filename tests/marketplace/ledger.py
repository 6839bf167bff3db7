"""Orders that bring money in, for the payout ledger and report tests.

Card payments are applied as Stripe would report them (``apply_intent`` with a
succeeded intent) without a Stripe server: nothing here reaches the network, since
the after-commit callbacks (e-mails, sending refunds to Stripe) never run inside a
test's transaction.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import transaction

from marketplace.models import Order, Payment, SubOrder, SubOrderStatus
from marketplace.services import checkout, orders, stripe_payments
from tests.marketplace.builders import details, fill_cart, new_session


def make_officer(username="ledger-officer"):
    User = get_user_model()
    user = User.objects.create_user(username, f"{username}@example.vn", "x")
    user.user_permissions.add(Permission.objects.get(codename="change_suborder"))
    return User.objects.get(pk=user.pk)


def place(market, payment="cod", **cart):
    order = checkout.place_order(fill_cart(new_session(), market, **cart), details(payment=payment))
    return Order.objects.get(pk=order.pk)


def pay_by_card(order):
    """The order's card payment succeeds, reported as Stripe reports it."""
    attempt = order.payments.count() + 1
    intent_id = f"pi_test_{order.pk}_{attempt}"
    Payment.objects.create(
        order=order, attempt=attempt, amount=order.total, intent_id=intent_id, state="open"
    )
    outcome = stripe_payments.apply_intent(
        {"id": intent_id, "status": "succeeded", "amount_received": order.total, "currency": "vnd"}
    )
    return outcome


def deliver(sub_order, user):
    """Confirm, ship (goods) and deliver: for cash on delivery, the cash is collected."""
    sub_order = SubOrder.objects.get(pk=sub_order.pk)
    if sub_order.status == SubOrderStatus.PLACED:
        sub_order = orders.confirm(sub_order, user=user)
    if sub_order.status == SubOrderStatus.CONFIRMED and sub_order.has_goods:
        sub_order = orders.ship(sub_order, user=user, carrier="VNPost", tracking_number="VN1")
    return orders.deliver(sub_order, user=user)


def refund_part(sub_order, amount, user):
    """An officer sends back part of a paid card sub-order."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=sub_order.order_id)
        locked = SubOrder.objects.select_for_update().get(pk=sub_order.pk)
        return stripe_payments.refund_sub_order(order, locked, user=user, amount=amount)

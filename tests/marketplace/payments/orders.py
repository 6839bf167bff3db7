"""Card orders for the payment tests."""

from marketplace.models import Order
from marketplace.services import checkout
from tests.marketplace.builders import details, fill_cart, new_session


def card_order(market, **cart):
    """A two-producer order (rice from Hải Toàn; bonsai and tour seats from Vĩ Khê), by card."""
    session = fill_cart(new_session(), market, **cart)
    order = checkout.place_order(session, details(payment="card"))
    return Order.objects.get(pk=order.pk)


def payment_of(order):
    return order.payments.order_by("-attempt").first()


def paid_card_order(market, stripe_server, secret, capture, **cart):
    """A card order paid on localstripe, its succeeded event delivered to the webhook."""
    from .localstripe import deliver

    order = card_order(market, **cart)
    payment = payment_of(order)
    stripe_server.pay(payment.intent_id)
    with capture(execute=True):
        answer = deliver(stripe_server.event("payment_intent.succeeded", payment.intent_id), secret)
    assert answer.json()["outcome"] == "paid"
    return Order.objects.get(pk=order.pk)

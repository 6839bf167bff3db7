"""Which payment methods the site offers. Card payments (Stripe) come when configured."""

from django.conf import settings

from marketplace.models import PaymentMethod


def card_enabled():
    return bool(getattr(settings, "STRIPE_SECRET_KEY", ""))


def available_methods():
    methods = [PaymentMethod.COD]
    if card_enabled():
        methods.append(PaymentMethod.CARD)
    return methods

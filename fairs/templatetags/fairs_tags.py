from django import template
from django.utils import timezone

from fairs.services import livestreams

register = template.Library()


@register.simple_tag
def livestream_status(livestream):
    return str(livestream.status(timezone.now()))


@register.simple_tag
def livestream_status_label(livestream):
    return livestream.status(timezone.now()).label


@register.filter
def offer_amount(offer, list_price):
    """{{ offer|offer_amount:variant.price }}: the unit price under the offer."""
    return offer.amount_for(list_price)


@register.inclusion_tag("fairs/includes/next_livestream.html")
def next_livestream(product_page):
    """The product's next livestream, if any (one query)."""
    return {"livestream": livestreams.next_livestream(product_page)}

"""A fair's page: its participants' products with the fair's prices, a countdown, its
livestreams and venue; after the end, an archive without offers."""

from datetime import timedelta

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from fairs.embeds import safe_link
from fairs.models import FairParticipant, LivestreamEventPage, Offer, ParticipantStatus
from fairs.windows import WindowStatus
from ocop.pages import public

from . import products as shown


def approved_participants(campaign):
    return (
        FairParticipant.objects.filter(campaign=campaign, status=ParticipantStatus.APPROVED)
        .select_related("producer")
        .order_by("booth", "producer__name")
    )


def countdown_text(delta):
    """'3 ngày 4 giờ 5 phút' (whole minutes, rounded down)."""
    delta = max(delta, timedelta(0))
    minutes = int(delta.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = []
    if days:
        parts.append(ngettext("%(n)s ngày", "%(n)s ngày", days) % {"n": days})
    if days or hours:
        parts.append(ngettext("%(n)s giờ", "%(n)s giờ", hours) % {"n": hours})
    parts.append(ngettext("%(n)s phút", "%(n)s phút", minutes) % {"n": minutes})
    return " ".join(parts)


def countdown(starts_at, ends_at, status, now):
    """(label, text, target) for the page's countdown; None once it has ended."""
    if status == WindowStatus.UPCOMING:
        return _("Bắt đầu sau"), countdown_text(starts_at - now), starts_at
    if status == WindowStatus.LIVE:
        return _("Kết thúc sau"), countdown_text(ends_at - now), ends_at
    return None


def campaign_livestreams(campaign):
    pages = LivestreamEventPage.objects.live().filter(campaign=campaign).order_by("starts_at")
    return list(public(pages))


def page_context(campaign, now):
    status = campaign.status(now)
    participants = list(approved_participants(campaign).prefetch_related("products"))
    page_ids = {
        product.pk for participant in participants for product in participant.products.all()
    }
    ended = status == WindowStatus.ENDED
    pages = shown.purchasable_pages(page_ids).order_by("title")
    products = shown.shown_products(pages, now, with_offers=not ended)
    fair_offers = {}
    if not ended:
        fair_offers = {
            offer.sku: offer for offer in Offer.objects.filter(campaign=campaign, is_active=True)
        }
        for product in products:
            for variant in product.variants:
                variant.fair_offer = fair_offers.get(variant.variant.sku)
    return {
        "status": status,
        "ended": ended,
        "countdown": countdown(campaign.starts_at, campaign.ends_at, status, now),
        "participants": participants,
        "products": products,
        "livestreams": campaign_livestreams(campaign),
        "map_link": safe_link(campaign.map_url),
        "now": now,
    }

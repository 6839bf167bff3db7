"""A fair with an approved participant and its offer, and livestreams, on the order
tests' market (tests/marketplace/builders.py: Hải Toàn's rice, Vĩ Khê's bonsai)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from fairs.models import (
    FairCampaignPage,
    FairParticipant,
    LivestreamEventPage,
    LivestreamIndexPage,
    LivestreamProduct,
    Offer,
    ParticipantStatus,
)

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def vn(*parts):
    """A moment in Vietnamese time: vn(2026, 12, 10, 8, 0, 0)."""
    return datetime(*parts, tzinfo=VIETNAM)


def around_now(before=timedelta(days=1), after=timedelta(days=1)):
    now = timezone.now()
    return now - before, now + after


def make_fair(home, starts_at, ends_at, slug="hoi-cho-ocop", **fields):
    return home.add_child(
        instance=FairCampaignPage(
            title=fields.pop("title", "Hội chợ OCOP Ninh Bình 2026"),
            slug=slug,
            starts_at=starts_at,
            ends_at=ends_at,
            venue_name="Quảng trường Đinh Tiên Hoàng Đế",
            map_url="https://www.openstreetmap.org/#map=17/20.25/105.97",
            opening_hours="8:00–21:00",
            **fields,
        )
    )


def approve(fair, producer, *pages, booth="A-01"):
    participant = FairParticipant.objects.create(
        campaign=fair, producer=producer, status=ParticipantStatus.APPROVED, booth=booth
    )
    participant.products.add(*pages)
    return participant


def make_offer(variant, *, campaign=None, livestream=None, **terms):
    if "price" not in terms and "percent_off" not in terms:
        terms["price"] = variant.price - 30_000
    return Offer.objects.create(
        campaign=campaign, livestream=livestream, product=variant.page, sku=variant.sku, **terms
    )


def livestream_index(home):
    index = LivestreamIndexPage.objects.first()
    if index is None:
        index = home.add_child(
            instance=LivestreamIndexPage(title="Lịch livestream", slug="livestream")
        )
    return index


def make_livestream(home, starts_at, ends_at, *, pinned=(), slug="live", **fields):
    page = livestream_index(home).add_child(
        instance=LivestreamEventPage(
            title=fields.pop("title", "Gạo tám vụ mới"),
            slug=slug,
            starts_at=starts_at,
            ends_at=ends_at,
            stream_url=fields.pop("stream_url", "https://www.youtube.com/watch?v=abcdefghijk"),
            **fields,
        )
    )
    for position, product_page in enumerate(pinned):
        LivestreamProduct.objects.create(page=page, product=product_page, sort_order=position)
    return page

"""Livestreams: the event page, its state (polled by the page), "now showing", the
schedule and a product's next livestream."""

from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.permissions import is_officer, producers_of
from fairs.embeds import embed_for, safe_link
from fairs.models import LivestreamEventPage, LivestreamProduct, LivestreamState
from fairs.windows import WindowStatus
from ocop.pages import public

from . import products as shown


class LivestreamError(Exception):
    """A refused change; ``str(error)`` is the message for the user."""


def public_livestreams():
    return public(LivestreamEventPage.objects.live())


def pinned_page_ids(livestream):
    rows = LivestreamProduct.objects.filter(page=livestream).order_by("sort_order", "pk")
    return list(rows.values_list("product_id", flat=True))


def pinned_products(livestream, at):
    """[ShownProduct] of the pinned products still for sale, in the pinned order."""
    ids = pinned_page_ids(livestream)
    pages = {page.pk: page for page in shown.purchasable_pages(ids)}
    return shown.shown_products([pages[pk] for pk in ids if pk in pages], at)


def now_showing_id(livestream):
    state = LivestreamState.objects.filter(livestream=livestream).first()
    return state.now_showing_id if state else None


def player(livestream, status):
    """(embed or None, link) for the page: the stream until the end, then the replay."""
    url = livestream.replay_url if status == WindowStatus.ENDED else livestream.stream_url
    if not url:
        return None, ""
    return embed_for(url), safe_link(url)


def page_context(livestream, request, now):
    status = livestream.status(now)
    embed, link = player(livestream, status)
    products = pinned_products(livestream, now)
    showing = now_showing_id(livestream) if status == WindowStatus.LIVE else None
    return {
        "status": status,
        "embed": embed,
        "stream_link": link,
        "products": products,
        "now_showing": next((p for p in products if p.page.pk == showing), None),
        "now": now,
    }


def state(livestream, now):
    """What the page polls: status, the product shown now, the pinned products' prices."""
    status = livestream.status(now)
    products = pinned_products(livestream, now)
    showing = now_showing_id(livestream) if status == WindowStatus.LIVE else None
    return {
        "id": livestream.pk,
        "status": str(status),
        "starts_at": timezone.localtime(livestream.starts_at).isoformat(),
        "ends_at": timezone.localtime(livestream.ends_at).isoformat(),
        "now_showing": showing if any(p.page.pk == showing for p in products) else None,
        "products": [product_json(product) for product in products],
    }


def product_json(product):
    return {
        "id": product.page.pk,
        "title": product.page.title,
        "url": product.page.url,
        "variants": [
            {
                "id": shown_variant.variant.pk,
                "label": shown_variant.variant.label,
                "price": shown_variant.price.amount,
                "regular_price": shown_variant.variant.price,
                "offer": shown_variant.price.offer.pk if shown_variant.price.is_offer else None,
                "stock": shown_variant.stock,
            }
            for shown_variant in product.variants
        ],
    }


def may_host(user, livestream):
    """Officers, and the users of the producer hosting the livestream."""
    if is_officer(user):
        return True
    return bool(livestream.host_producer_id) and livestream.host_producer_id in producers_of(user)


def hosted_by(user):
    """The livestreams a user may switch "now showing" on."""
    pages = LivestreamEventPage.objects.all()
    if is_officer(user):
        return pages
    return pages.filter(host_producer__in=producers_of(user))


def set_now_showing(livestream, product_id, *, user):
    """The host shows a pinned product now (None: nothing in particular)."""
    if not may_host(user, livestream):
        raise LivestreamError(_("Chỉ người dẫn livestream hoặc cán bộ tỉnh được đổi sản phẩm."))
    if product_id is not None and product_id not in pinned_page_ids(livestream):
        raise LivestreamError(_("Sản phẩm này không được ghim vào livestream."))
    with transaction.atomic():
        LivestreamState.objects.update_or_create(
            livestream=livestream,
            defaults={"now_showing_id": product_id, "changed_by": user},
        )


def schedule(index, now):
    pages = public_livestreams().child_of(index).select_related("host_producer")
    return {
        "upcoming": list(pages.filter(ends_at__gte=now).order_by("starts_at")),
        "past": list(pages.filter(ends_at__lt=now).order_by("-starts_at")[:50]),
        "now": now,
    }


# Product pages show their next livestream from one cached schedule: no query on a warm
# page. Saving or deleting a livestream page or a pin drops it (fairs.signals); it is
# rebuilt (two queries) at most every SCHEDULE_SECONDS otherwise.
SCHEDULE_CACHE_KEY = "fairs:pinned-schedule"
SCHEDULE_SECONDS = 300


@dataclass(frozen=True)
class ScheduledLivestream:
    pk: int
    title: str
    url: str
    starts_at: datetime
    ends_at: datetime


def pinned_schedule(now):
    """{product page id: [ScheduledLivestream]} of the public livestreams not ended at
    ``now`` (cached)."""
    schedule = cache.get(SCHEDULE_CACHE_KEY)
    if schedule is None:
        pages = {
            page.pk: ScheduledLivestream(
                page.pk, page.title, page.url, page.starts_at, page.ends_at
            )
            for page in public_livestreams().filter(ends_at__gte=now)
        }
        schedule = {}
        pins = LivestreamProduct.objects.filter(page__in=list(pages)).values_list("product", "page")
        for product_id, page_id in pins:
            schedule.setdefault(product_id, []).append(pages[page_id])
        cache.set(SCHEDULE_CACHE_KEY, schedule, SCHEDULE_SECONDS)
    return schedule


def forget_schedule():
    cache.delete(SCHEDULE_CACHE_KEY)


def next_livestream(product_page, now=None):
    """The product's next (or current) livestream, or None: no query once cached."""
    now = now or timezone.now()
    coming = [
        livestream
        for livestream in pinned_schedule(now).get(product_page.pk, [])
        if livestream.ends_at >= now
    ]
    return min(coming, key=lambda livestream: (livestream.starts_at, livestream.pk), default=None)

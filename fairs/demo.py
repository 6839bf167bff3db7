"""Demo: "Hội chợ OCOP Ninh Bình 2026" with two participants and their offers, and two
livestreams (one upcoming with pinned products and a live-only price, one ended with
a replay), under a "Lịch livestream" page.

Runs after the catalogue demo (INSTALLED_APPS order). Idempotent: each page is found
by its slug, each participant and offer by its keys, and made only once. The times
are set when the demo is first loaded: the fair is running then.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from catalog.models import ProductPage
from catalog.text import match_key
from cms.models import HomePage

from .models import (
    FairCampaignPage,
    FairParticipant,
    LivestreamEventPage,
    LivestreamIndexPage,
    LivestreamProduct,
    Offer,
    ParticipantStatus,
    Platform,
)

FAIR_SLUG = "hoi-cho-ocop-ninh-binh-2026"
PEACH = "Hoa đào Vị Khê"
CAKE = "Bánh gai Hương Cúc"
# product name → (booth, offer on the first variant: percent off or price, limit)
PARTICIPANTS = {
    PEACH: ("A-01", {"percent_off": 15, "limit": 20}),
    CAKE: ("A-02", {"price": 55_000, "limit": 50}),
}


def local(day, hour, minute=0):
    return datetime.combine(day, time(hour, minute), tzinfo=timezone.get_current_timezone())


def product_page(name):
    return ProductPage.objects.live().filter(product__name_key=match_key(name)).first()


def ensure_child(parent, page_class, slug, **fields):
    page = page_class.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = parent.add_child(instance=page_class(slug=slug, **fields))
        page.save_revision().publish()
    return page, page is not None


def load(stdout, products=0):
    home = HomePage.objects.first()
    pages = {name: product_page(name) for name in PARTICIPANTS}
    if home is None or not all(pages.values()):
        stdout.write("Fairs demo skipped: run the cms and catalogue demos first.")
        return
    today = timezone.localdate()
    fair, _ = ensure_child(
        home,
        FairCampaignPage,
        FAIR_SLUG,
        title="Hội chợ OCOP Ninh Bình 2026",
        introduction=(
            "Sản phẩm OCOP 3–5 sao của Ninh Bình, giá hội chợ tại gian hàng và trực tuyến."
        ),
        starts_at=local(today - timedelta(days=1), 8),
        ends_at=local(today + timedelta(days=6), 21),
        venue_name="Quảng trường Đinh Tiên Hoàng Đế",
        venue_address="Phường Hoa Lư, tỉnh Ninh Bình",
        map_url="https://www.openstreetmap.org/?mlat=20.2539&mlon=105.9745#map=17/20.2539/105.9745",
        opening_hours="8:00–21:00 hằng ngày",
        online_description=(
            "Mua online trong suốt hội chợ với cùng giá hội chợ; xem livestream bên dưới."
        ),
    )
    for name, (booth, offer) in PARTICIPANTS.items():
        ensure_participant(fair, pages[name], booth)
        ensure_offer(pages[name], {"campaign": fair}, offer)
    index, _ = ensure_child(
        home,
        LivestreamIndexPage,
        "livestream",
        title="Lịch livestream",
        introduction="Livestream bán hàng của các chủ thể OCOP và của tỉnh.",
    )
    upcoming, _ = ensure_child(
        index,
        LivestreamEventPage,
        "dao-vi-khe-don-tet",
        title="Đào Vị Khê đón Tết – livestream cùng nhà vườn",
        host_producer=pages[PEACH].product.producer,
        host_name="Nghệ nhân Nguyễn Văn Hùng",
        campaign=fair,
        starts_at=local(today + timedelta(days=2), 20),
        ends_at=local(today + timedelta(days=2), 21, 30),
        platform=Platform.YOUTUBE,
        stream_url="https://www.youtube.com/live/OCOPNB2026a",
        description=(
            "Chọn đào thế, đào cành và bánh gai cho Tết; giá bánh gai chỉ trong giờ livestream."
        ),
    )
    pin(upcoming, [pages[PEACH], pages[CAKE]])
    ensure_offer(pages[CAKE], {"livestream": upcoming}, {"price": 52_000, "limit": 30})
    ended, _ = ensure_child(
        index,
        LivestreamEventPage,
        "banh-gai-huong-cuc",
        title="Bánh gai Hương Cúc – gói bánh cùng nghệ nhân",
        host_name="Cán bộ OCOP tỉnh Ninh Bình",
        campaign=fair,
        starts_at=local(today - timedelta(days=7), 19),
        ends_at=local(today - timedelta(days=7), 20),
        platform=Platform.FACEBOOK,
        stream_url="https://www.facebook.com/ocopninhbinh/videos/1234567890123456/",
        replay_url="https://www.youtube.com/watch?v=OCOPNB2025r",
    )
    pin(ended, [pages[CAKE]])
    stdout.write("Fairs demo: Hội chợ OCOP Ninh Bình 2026 and two livestreams are in place.")


def ensure_participant(fair, page, booth):
    FairParticipant.objects.get_or_create(
        campaign=fair,
        producer=page.product.producer,
        defaults={
            "status": ParticipantStatus.APPROVED,
            "booth": booth,
            "decided_at": timezone.now(),
        },
    )[0].products.add(page)


def ensure_offer(page, owner, terms):
    variant = page.variants.order_by("sort_order").first()
    Offer.objects.get_or_create(sku=variant.sku, **owner, defaults={"product": page, **terms})


def pin(livestream, pages):
    """Pin the products in a published revision (so a later publish keeps them)."""
    if livestream.pinned_products.exists():
        return
    livestream.pinned_products = [
        LivestreamProduct(product=page, sort_order=position) for position, page in enumerate(pages)
    ]
    livestream.save_revision().publish()

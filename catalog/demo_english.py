"""English copies of the demo's product pages (docs/i18n.md), keyed by product name.

Real English text for what the page says in words (title, summary, specifications);
the description is written from the entry like the Vietnamese one. Each copy shows its
Vietnamese page's product, variants, prices, stock, photos and certificate. Variant
labels ("Hộp 10 chiếc") are the Vietnamese page's and stay in Vietnamese.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.utils import timezone
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backends

from catalog.models import ProductPage

PRODUCTS = {
    "Bánh gai Hương Cúc": {
        "slug": "huong-cuc-gai-leaf-cakes",
        "title": "Hương Cúc gai leaf cakes",
        "summary": (
            "Cakes of fresh gai leaves filled with mung bean, coconut and pork fat, "
            "wrapped in dried banana leaves."
        ),
        "shelf_life": "5 days at room temperature",
        "net_quantity": "60 g per cake",
    },
    "Dầu lạc dinh dưỡng": {
        "slug": "cold-pressed-peanut-oil",
        "title": "Cold-pressed peanut oil",
        "summary": "Cold-pressed from peanuts grown on the banks of the Đáy River.",
    },
    "Dầu vừng dinh dưỡng": {
        "slug": "cold-pressed-sesame-oil",
        "title": "Cold-pressed sesame oil",
        "summary": "Fragrant cold-pressed black sesame oil, for dressings and dipping sauces.",
    },
    "Dầu đậu tương dinh dưỡng": {"slug": "soybean-oil", "title": "Soybean cooking oil"},
    "Dầu gấc dinh dưỡng": {"slug": "gac-fruit-oil", "title": "Gac fruit oil"},
    "Gạo tám thơm Hải Hậu": {
        "slug": "hai-hau-fragrant-tam-rice",
        "title": "Hải Hậu fragrant tám rice",
        "summary": "Tám xoan rice from Hải Hậu: small, soft and fragrant grains.",
        "geographical_indication": "Hải Hậu tám xoan rice",
    },
    "Nước mắm cốt cá cơm": {
        "slug": "first-press-anchovy-fish-sauce",
        "title": "First-press anchovy fish sauce",
    },
    "Muối biển sạch Bạch Long": {"slug": "bach-long-sea-salt", "title": "Bạch Long sea salt"},
    "Nem chua Nghĩa Hưng": {
        "slug": "nghia-hung-fermented-pork-rolls",
        "title": "Nghĩa Hưng fermented pork rolls",
    },
    "Chè lam Phú Thứ": {
        "slug": "phu-thu-rice-and-ginger-sweets",
        "title": "Phú Thứ chè lam sweets",
    },
    "Hoa đào Vị Khê": {
        "slug": "vi-khe-peach-blossom",
        "title": "Vị Khê peach blossom",
        "summary": (
            "Shaped peach trees and cut branches from the Vị Khê flower village, "
            "delivered before Tết."
        ),
    },
    "Tương Bần ớt": {
        "slug": "ban-soybean-paste-with-chilli",
        "title": "Bần soybean paste with chilli",
        "summary": (
            "Bần soybean paste, naturally fermented from glutinous rice and soybeans, "
            "with fresh chilli."
        ),
    },
    "Mây tre đan Hải Minh": {
        "slug": "hai-minh-rattan-and-bamboo-baskets",
        "title": "Hải Minh rattan and bamboo baskets",
    },
    "Cà phê Arabica Cầu Đất": {
        "slug": "cau-dat-arabica-coffee",
        "title": "Cầu Đất Arabica coffee",
        "summary": "Arabica grown at 1,500 m, wet-processed and medium roasted.",
        "shelf_life": "12 months",
    },
    "Chè Tân Cương đặc biệt": {
        "slug": "tan-cuong-special-green-tea",
        "title": "Tân Cương special green tea",
        "summary": "Young shoots, one bud and two leaves, pan-fired by hand.",
        "geographical_indication": "Tân Cương tea of Thái Nguyên",
    },
    "Gốm men lam Bát Tràng": {
        "slug": "bat-trang-blue-glaze-pottery",
        "title": "Bát Tràng blue-glaze pottery",
        "summary": "Hand-painted blue-glaze pottery, fired with wood.",
    },
    "Tinh dầu quế Văn Yên": {
        "slug": "van-yen-cinnamon-essential-oil",
        "title": "Văn Yên cinnamon essential oil",
        "summary": (
            "Distilled from the bark and leaves of Văn Yên cinnamon; its certificate is "
            "being re-evaluated."
        ),
    },
    "Rượu sim Phú Quốc": {
        "slug": "phu-quoc-rose-myrtle-wine",
        "title": "Phú Quốc rose myrtle wine",
        "summary": "Wine fermented from ripe wild rose myrtle berries.",
    },
    "Mật ong bạc hà Mèo Vạc": {
        "slug": "meo-vac-mint-honey",
        "title": "Mèo Vạc mint honey",
        "geographical_indication": "Mèo Vạc mint honey",
    },
    "Du lịch cộng đồng bản Lác": {
        "slug": "lac-village-community-tourism",
        "title": "Community tourism in Lác village",
        "summary": "Stay in a stilt house, weave brocade and cycle around the Mai Châu valley.",
    },
}


def english_description(entry, title):
    return (
        f"<p>{title} is made by {entry.producer} and certified as a {entry.stars}-star "
        f"OCOP product by decision no. {entry.decision}.</p>"
        "<p>Every batch carries a trace label: scan the QR code on the pack to see the "
        "certificate's current status.</p>"
    )


def ensure_english_products(index, pages, stdout):
    """Live English copies of the demo product ``pages`` ([(entry, Vietnamese page)]) under
    the catalogue ``index``'s English copy, made once; returns how many were made.

    Made in bulk like ``catalog.bulk`` makes the benchmark pages (one add_child per page
    costs about 0.3 s here, six seconds for twenty at every fresh load): the page rows
    with their tree paths, the same translation key as their Vietnamese page, their
    English text, and no product, variants or photos (read from the original). Like
    those pages they have no revision until an editor saves them.
    """
    english_index = index.get_translation_or_none(Locale.objects.get(language_code="en"))
    if english_index is None:
        return 0
    done = set(
        ProductPage.objects.filter(
            locale_id=english_index.locale_id,
            translation_key__in=[page.translation_key for _entry, page in pages],
        ).values_list("translation_key", flat=True)
    )
    missing = [
        (entry, page)
        for entry, page in pages
        if entry.name in PRODUCTS and page.translation_key not in done
    ]
    if not missing:
        return 0
    copies = _add_children(english_index, [_copy(entry, page) for entry, page in missing])
    for backend in get_search_backends():
        backend.add_bulk(ProductPage, copies)
    stdout.write(f"Translated {len(copies)} demo product pages into English.")
    return len(copies)


def _copy(entry, page):
    fields = PRODUCTS[entry.name]
    return ProductPage(
        title=fields["title"],
        draft_title=fields["title"],
        slug=fields["slug"],
        translation_key=page.translation_key,
        live=True,
        has_unpublished_changes=False,
        product=None,
        gtin=page.gtin,  # synchronised, not translated (ProductPage.override_translatable_fields)
        description=english_description(entry, fields["title"]),
        **{name: value for name, value in fields.items() if name not in ("slug", "title")},
    )


def _add_children(index, copies):
    """``copies`` saved as the last children of ``index`` (treebeard paths computed here)."""
    index = type(index).objects.select_for_update().get(pk=index.pk)
    last_child = index.get_last_child()
    next_step = Page._str2int(last_child.path[-Page.steplen :]) + 1 if last_child else 1
    content_type = ContentType.objects.get_for_model(ProductPage)
    now = timezone.now()
    for offset, copy in enumerate(copies):
        copy.path = Page._get_path(index.path, index.depth + 1, next_step + offset)
        copy.depth = index.depth + 1
        copy.numchild = 0
        copy.url_path = f"{index.url_path}{copy.slug}/"
        copy.content_type = content_type
        copy.locale_id = index.locale_id
        copy.first_published_at = copy.last_published_at = now
    base_fields = [field.attname for field in Page._meta.concrete_fields if field.attname != "id"]
    rows = Page.objects.bulk_create(
        [Page(**{name: getattr(copy, name) for name in base_fields}) for copy in copies]
    )
    for copy, row in zip(copies, rows, strict=True):
        copy.id = copy.page_ptr_id = row.pk
        copy.save_base(raw=True, force_insert=True)
    Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + len(copies))
    return copies

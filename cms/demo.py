"""Demo content of the site shell: admin user, home page, standard pages, settings.

Idempotent: running it again finds what it made before and changes nothing.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Locale, Page, Site

from . import artwork
from .demo_images import ensure_picture
from .demo_pages import CONTACT, STANDARD_PAGES
from .models import ContactPage, HomePage, NavigationSettings, SiteSettings, StandardPage
from .services import configured_host_and_port, sync_default_site

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "ocop-demo-2026"  # stated in README; demo only


# English copies (docs/i18n.md), by Vietnamese slug.
ENGLISH_HOME = {"title": "OCOP Market"}  # its blocks: cms.demo_english_home
ENGLISH_STANDARD_PAGES = {
    "gioi-thieu": {
        "slug": "about",
        "title": "About us",
        "introduction": (
            "OCOP Market brings products certified under the One Commune One Product "
            "programme to buyers, and brings travellers to the craft villages that make them."
        ),
    },
    "lien-he": {
        "slug": "contact",
        "title": "Contact",
        "introduction": "Call the hotline or send an e-mail: we answer the same day.",
    },
    "chinh-sach-doi-tra": {
        "slug": "returns",
        "title": "Returns policy",
        "introduction": ("Returns within 7 days for products damaged by the maker or in delivery."),
    },
}


def load(stdout, products=0):
    with transaction.atomic():
        ensure_admin(stdout)
        home = ensure_home_page(stdout)
        site = ensure_site(home)
        pages = {spec["slug"]: ensure_standard_page(home, spec, stdout) for spec in STANDARD_PAGES}
        pages[CONTACT["slug"]] = ensure_contact_page(home, stdout)
        ensure_settings(site, pages)
        ensure_english(home, stdout, **ENGLISH_HOME)
        for slug, fields in ENGLISH_STANDARD_PAGES.items():
            ensure_english(pages[slug], stdout, **fields)


def ensure_english(page, stdout, **fields):
    """``page``'s published English copy, made once with ``fields`` (English text).

    Its parent must have an English copy already (the home page first). Made with
    Wagtail's copy for translation; editors keep it up to date with wagtail-localize.
    """
    english, _ = Locale.objects.get_or_create(language_code="en")
    existing = page.get_translation_or_none(english)
    if existing is not None:
        return existing.specific
    copy = page.specific.copy_for_translation(english)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    stdout.write(f"Translated {page.title!r} into English: {copy.title!r}.")
    return copy


def finish(stdout):
    """After every app's demo: the home page's blocks, which show their content."""
    from .demo_english_home import arrange_english_home

    with transaction.atomic():
        home = HomePage.objects.filter(locale__language_code="vi").first()
        if home is not None:
            arrange_home(home, stdout)
            arrange_english_home(HomePage.objects.get(pk=home.pk), stdout)


def ensure_admin(stdout):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=ADMIN_USERNAME,
        defaults={"email": "admin@ocop.local", "is_staff": True, "is_superuser": True},
    )
    if created:
        user.set_password(ADMIN_PASSWORD)
        user.save()
        stdout.write(f"Created admin user {ADMIN_USERNAME!r}.")
    return user


def ensure_home_page(stdout):
    home = HomePage.objects.first()
    if home:
        return home
    root = Page.get_first_root_node()
    # Wagtail's install creates a placeholder "Welcome" page; the home page replaces it.
    for placeholder in root.get_children().filter(content_type__model="page", numchild=0):
        placeholder.delete()
    home = HomePage(
        title="Chợ OCOP",
        slug="home",
        seo_title="Chợ OCOP: đặc sản được chứng nhận OCOP 3–5 sao và tour làng nghề",
        search_description=HERO_TEXT,
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    stdout.write("Created the home page.")
    return home


def ensure_site(home):
    site = Site.objects.filter(is_default_site=True).first()
    hostname, port = configured_host_and_port()
    if site is None:
        return Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=home,
            is_default_site=True,
            site_name="Chợ OCOP",
        )
    sync_default_site()
    site.refresh_from_db()
    if site.root_page_id != home.pk or site.site_name != "Chợ OCOP":
        site.root_page = home
        site.site_name = "Chợ OCOP"
        site.save()
    return site


def ensure_standard_page(home, spec, stdout):
    """The page of that slug; one left empty by an older demo gets its text."""
    existing = StandardPage.objects.child_of(home).filter(slug=spec["slug"]).first()
    if existing:
        if not existing.body:
            fill(existing.get_latest_revision_as_object(), spec).save_revision().publish()
        return existing
    page = StandardPage(**spec)
    home.add_child(instance=page)
    page.save_revision().publish()
    stdout.write(f"Created page {spec['title']!r}.")
    return page


def fill(page, spec):
    for name, value in spec.items():
        if name != "slug":
            setattr(page, name, value)
    return page


def ensure_contact_page(home, stdout):
    """The contact page (with its form). An older demo's plain page of that slug is
    replaced: it held one sentence and no form."""
    existing = home.get_children().filter(slug=CONTACT["slug"]).first()
    if existing is not None and existing.specific_class is ContactPage:
        return existing.specific
    if existing is not None:
        existing.delete()
    page = ContactPage(**CONTACT)
    home.add_child(instance=page)
    page.save_revision().publish()
    stdout.write("Created the contact page.")
    return page


def ensure_settings(site, pages):
    contact = SiteSettings.for_site(site)
    if not contact.hotline:
        contact.organisation = "Chương trình OCOP tỉnh (dữ liệu minh hoạ)"
        contact.address = "Số 1 Quảng trường, phường Hoa Lư, tỉnh Ninh Bình"
        contact.contact_email = "hotro@ocop.local"
        contact.hotline = "1900 0000"
        contact.facebook_url = "https://www.facebook.com/"
        contact.zalo_url = "https://zalo.me/"
        contact.save()
    navigation = NavigationSettings.for_site(site)
    links_to = {link.value["page"].pk for link in navigation.footer_links if link.value["page"]}
    if links_to != {page.pk for page in pages.values()}:
        navigation.footer_links = [
            ("link", {"label": page.title, "page": page, "url": ""}) for page in pages.values()
        ]
        navigation.save()


HERO_TEXT = (
    "Mua đặc sản được chứng nhận 3 đến 5 sao OCOP, xem trạng thái chứng nhận trực tiếp "
    "và đặt tour thăm làng nghề nơi sản phẩm ra đời."
)


def hero_image():
    return ensure_picture(
        "Ruộng bậc thang và nhà sàn",
        artwork.hero_picture,
        "Minh hoạ ruộng lúa bậc thang và nếp nhà sàn lúc bình minh",
    )


def arrange_home(home, stdout):
    """The demo layout of the home page, unless an editor has arranged it already
    (anything beyond the hero block that migration 0002 made from the old fields)."""
    if any(block.block_type != "hero" for block in home.body):
        return
    from catalog.models import CatalogIndexPage
    from tours.models import CraftVillageIndexPage, TourIndexPage

    catalogue = CatalogIndexPage.objects.first()
    villages = CraftVillageIndexPage.objects.first()
    tours = TourIndexPage.objects.first()
    trust = {page.slug: page for page in StandardPage.objects.child_of(home)}
    buttons = [
        {"label": "Xem sản phẩm OCOP", "page": catalogue, "url": ""},
        {"label": "Đặt tour làng nghề", "page": tours, "url": ""},
    ]
    home = home.get_latest_revision_as_object()
    home.body = [
        ("hero", {
            "title": "Sản phẩm OCOP chính hiệu, từ làng nghề đến bàn ăn",
            "text": HERO_TEXT,
            "image": hero_image(),
            "image_alt": "",
            "buttons": [button for button in buttons if button["page"]],
        }),
        ("trust_strip", {
            "heading": "Mua hàng OCOP yên tâm",
            "items": [
                {"title": "3 đến 5 sao OCOP",
                 "text": "Chỉ bán sản phẩm được công nhận từ 3 sao, chứng nhận còn hiệu lực.",
                 "page": trust.get("sao-ocop")},
                {"title": "Kiểm tra chứng nhận",
                 "text": "Quét mã QR trên bao bì để xem trạng thái chứng nhận hôm nay.",
                 "page": trust.get("doc-chung-nhan")},
                {"title": "Đổi trả 7 ngày",
                 "text": "Hàng lỗi, vỡ khi vận chuyển hay giao nhầm được đổi hoặc hoàn tiền.",
                 "page": trust.get("chinh-sach-doi-tra")},
            ],
        }),
        ("promo", {
            "title": "Mùa đào Tết ở làng hoa Vị Khê",
            "text": (
                "Đặt cành đào thế trước Tết và về thăm vườn: tour cuối tuần cùng nghệ nhân "
                "cây cảnh, từ nay đến rằm tháng Giêng."
            ),
            "image": villages and hero_image_of(villages, "vi-khe"),
            "link": {"label": "Xem tour Vị Khê", "page": tours, "url": ""},
            "starts_at": None,
            "ends_at": None,
        }),
        ("featured_products", {"heading": "Sản phẩm OCOP mới lên kệ", "products": [], "count": 8}),
        ("product_sets", {"heading": "Mua theo bộ sản phẩm"}),
        ("featured_villages", {"heading": "Về làng nghề, xem tận nơi làm ra sản phẩm",
                               "villages": [], "count": 3}),
        ("featured_tours", {"heading": "Tour làng nghề đang nhận khách", "count": 3}),
        ("provinces", {"heading": "Mua theo tỉnh, thành phố"}),
    ]  # fmt: skip
    home.save_revision().publish()
    stdout.write("Arranged the home page.")


def hero_image_of(index, slug):
    village = index.get_children().filter(slug=slug).specific().first()
    return getattr(village, "hero_image", None)

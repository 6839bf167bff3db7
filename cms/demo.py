"""Demo content of the site shell: admin user, home page, standard pages, settings.

Idempotent: running it again finds what it made before and changes nothing.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Locale, Page, Site

from .models import HomePage, NavigationSettings, SiteSettings, StandardPage

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "ocop-demo-2026"  # stated in README; demo only

STANDARD_PAGES = [
    {
        "slug": "gioi-thieu",
        "title": "Giới thiệu",
        "introduction": (
            "Chợ OCOP đưa các sản phẩm đạt chứng nhận Mỗi xã một sản phẩm đến tay "
            "người mua, và đưa du khách về tận làng nghề làm ra chúng."
        ),
        "show_in_menus": True,
    },
    {
        "slug": "lien-he",
        "title": "Liên hệ",
        "introduction": "Gọi đường dây nóng hoặc gửi e-mail: chúng tôi trả lời trong ngày.",
        "show_in_menus": True,
    },
    {
        "slug": "chinh-sach-doi-tra",
        "title": "Chính sách đổi trả",
        "introduction": "Đổi trả trong 7 ngày với sản phẩm lỗi do nhà sản xuất hoặc vận chuyển.",
        "show_in_menus": False,
    },
]


# English copies (docs/i18n.md), by Vietnamese slug.
ENGLISH_HOME = {
    "title": "OCOP Market",
    "hero_title": "Genuine OCOP products, from craft village to table",
    "hero_text": (
        "Buy specialities certified 3 to 5 OCOP stars, check their certificates live, and "
        "book a tour of the craft villages where they are made."
    ),
}
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
        hero_title="Sản phẩm OCOP chính hiệu, từ làng nghề đến bàn ăn",
        hero_text=(
            "Mua đặc sản được chứng nhận 3 đến 5 sao OCOP, xem trạng thái chứng nhận "
            "trực tiếp và đặt tour thăm làng nghề nơi sản phẩm ra đời."
        ),
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    stdout.write("Created the home page.")
    return home


def ensure_site(home):
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Chợ OCOP",
        )
    if site.root_page_id != home.pk or site.site_name != "Chợ OCOP":
        site.root_page = home
        site.site_name = "Chợ OCOP"
        site.save()
    return site


def ensure_standard_page(home, spec, stdout):
    existing = StandardPage.objects.child_of(home).filter(slug=spec["slug"]).first()
    if existing:
        return existing
    page = StandardPage(**spec)
    home.add_child(instance=page)
    page.save_revision().publish()
    stdout.write(f"Created page {spec['title']!r}.")
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
    if not navigation.footer_links:
        navigation.footer_links = [
            ("link", {"label": page.title, "page": page, "url": ""}) for page in pages.values()
        ]
        navigation.save()

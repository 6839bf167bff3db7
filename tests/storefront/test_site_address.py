"""Absolute links use the site's configured address (WAGTAILADMIN_BASE_URL), never
the Site record's hostname or the address a request came in on."""

import pytest
from django.core import mail
from wagtail.models import Site

from cms.services import sync_default_site
from tests.factories import make_product, make_product_page

pytestmark = pytest.mark.django_db

PUBLIC = "https://cho-ocop.example.vn"
LEAKS = ("localhost", "127.0.0.1", "testserver", ":8000")


@pytest.fixture
def public_address(settings, home_page):
    """The deployment sets the address; migrate (on every deploy) syncs the Site record."""
    settings.WAGTAILADMIN_BASE_URL = PUBLIC
    settings.WAGTAILAPI_BASE_URL = PUBLIC
    settings.ALLOWED_HOSTS = ["*"]
    sync_default_site()


def test_the_site_record_follows_the_configured_address(public_address):
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("cho-ocop.example.vn", 443, PUBLIC)


def test_pages_use_the_configured_address_even_if_the_site_record_differs(
    settings, today, catalogue, home_page
):
    settings.WAGTAILADMIN_BASE_URL = PUBLIC
    Site.objects.update(hostname="localhost", port=8000)
    page = make_product_page(home_page, make_product(name="Gạo tám"))
    assert page.full_url == PUBLIC + page.url


def no_leak(text):
    return not any(leak in text for leak in LEAKS)


def test_api_html_url_and_detail_url_use_the_configured_address(
    client, public_address, today, catalogue, home_page
):
    page = make_product_page(home_page, make_product(name="Gạo tám"))
    response = client.get(
        "/api/v2/pages/",
        {"type": "catalog.ProductPage", "fields": "_,html_url,detail_url,url"},
        HTTP_HOST="127.0.0.1:8000",
    )
    item = response.json()["items"][0]
    assert item["meta"]["html_url"] == PUBLIC + page.url
    assert item["meta"]["detail_url"] == f"{PUBLIC}/api/v2/pages/{page.pk}/"
    detail = client.get(f"/api/v2/pages/{page.pk}/", HTTP_HOST="localhost").json()
    assert detail["meta"]["html_url"] == PUBLIC + page.url
    assert no_leak(response.content.decode()) and no_leak(str(detail))


def test_sitemap_and_canonical_use_the_configured_address(
    client, public_address, today, catalogue, home_page
):
    page = make_product_page(home_page, make_product(name="Gạo tám"))
    sitemap = client.get("/sitemap.xml", HTTP_HOST="localhost").content.decode()
    assert f"<loc>{PUBLIC}{page.url}</loc>" in sitemap
    assert no_leak(sitemap)
    html = client.get(page.url, HTTP_HOST="127.0.0.1:8000").content.decode()
    assert f'<link rel="canonical" href="{PUBLIC}{page.url}">' in html
    head = html.split("</head>")[0]
    assert no_leak(head.replace('href="/static', ""))


def test_account_mail_links_use_the_configured_address(client, public_address, home_page):
    client.post(
        "/tai-khoan/dang-ky/",
        {
            "email": "khach@example.com",
            "name": "Nguyễn Văn Khách",
            "password1": "mat-khau-dai-9x",
            "password2": "mat-khau-dai-9x",
        },
        HTTP_HOST="127.0.0.1:8000",
    )
    assert mail.outbox, "a sign-up sends a verification mail"
    body = mail.outbox[0].body
    assert PUBLIC in body
    assert no_leak(body)

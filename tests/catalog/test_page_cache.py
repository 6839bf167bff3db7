"""The anonymous page cache (ocop/page_cache.py, catalog/page_cache.py).

Each test warms the cache on the listing, the product page, the trace page and the
products API, makes one change the way the site makes it (a service, the daily
sweep, Wagtail's unpublish, a new revision), runs the after-commit hooks, and checks
that the very next anonymous request no longer offers the product (or shows the new
price).
"""

from datetime import date, timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from catalog import services
from catalog.registry import sweep
from marketplace.services import inventory
from tests.factories import make_product, make_product_page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]

LISTING = "/san-pham/"
OUT_OF_STOCK = "Tạm hết hàng"
BUY_BUTTON = "Thêm vào giỏ hàng"


@pytest.fixture
def product_page(today, catalogue, home_page):
    return make_product_page(
        home_page,
        make_product(name="Mật ong bạc hà", decision_date=date(2025, 1, 15)),
        variants=((150_000, 2),),
    )


def urls(page):
    return {
        "listing": LISTING,
        "product": page.url,
        "trace": f"/truy-xuat/{page.product.trace_code}/",
        "api": "/api/v2/products/",
        "api_detail": f"/api/v2/products/{page.pk}/",
    }


def warm(client, page):
    """Request every page twice: the second answer comes from the cache."""
    for url in urls(page).values():
        client.get(url)
        response = client.get(url)
        assert response.status_code == 200
        assert response.headers.get("X-Page-Cache") == "hit", url


def listed_in_api(client, page):
    items = client.get("/api/v2/products/").json()["items"]
    return [item for item in items if item["id"] == page.pk]


def test_the_pages_are_served_from_the_cache_until_something_changes(client, product_page):
    warm(client, product_page)
    html = client.get(LISTING).content.decode()
    assert "Mật ong bạc hà" in html and "150.000" in html


def test_a_revoked_certificate_is_no_longer_offered(
    client, product_page, django_capture_on_commit_callbacks
):
    warm(client, product_page)
    with django_capture_on_commit_callbacks(execute=True):
        services.revoke_certification(
            product_page.product.current_certification,
            revoked_on=date(2026, 11, 20),
            decision="9/QĐ-UBND",
            reason="Vi phạm",
        )
    assert "Mật ong bạc hà" not in client.get(LISTING).content.decode()
    product_html = client.get(product_page.url).content.decode()
    assert BUY_BUTTON not in product_html and "Đã thu hồi" in product_html
    assert "Đã thu hồi" in client.get(urls(product_page)["trace"]).content.decode()
    assert listed_in_api(client, product_page) == []
    detail = client.get(urls(product_page)["api_detail"]).json()
    assert detail["purchasable"] is False and detail["certificate_status"] == "revoked"


def test_a_certificate_expiring_overnight_is_no_longer_offered_after_the_sweep(
    client, today, catalogue, home_page, django_capture_on_commit_callbacks
):
    # Decided on 23/11/2023: valid until 23/11/2026 (today), expired tomorrow.
    page = make_product_page(
        home_page, make_product(name="Chè lam", decision_date=date(2023, 11, 23))
    )
    warm(client, page)
    with time_machine.travel(today + timedelta(days=1), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            sweep.daily_sweep()
        assert "Chè lam" not in client.get(LISTING).content.decode()
        product_html = client.get(page.url).content.decode()
        assert BUY_BUTTON not in product_html and "Hết hiệu lực" in product_html
        assert "Hết hiệu lực" in client.get(urls(page)["trace"]).content.decode()
        assert listed_in_api(client, page) == []
        assert client.get(urls(page)["api_detail"]).json()["purchasable"] is False


def test_a_certificate_expiring_overnight_is_not_served_from_yesterday_even_without_the_sweep(
    client, today, catalogue, home_page
):
    page = make_product_page(
        home_page, make_product(name="Chè lam", decision_date=date(2023, 11, 23))
    )
    warm(client, page)
    with time_machine.travel(today + timedelta(days=1), tick=False):
        assert "Chè lam" not in client.get(LISTING).content.decode()
        assert BUY_BUTTON not in client.get(page.url).content.decode()


def test_stock_reaching_zero_is_shown_at_once(
    client, product_page, django_capture_on_commit_callbacks
):
    warm(client, product_page)
    [variant] = product_page.variants.all()
    with django_capture_on_commit_callbacks(execute=True):
        inventory.set_stock(variant.sku, 0, note="Kiểm kê")
    listing_html = client.get(LISTING).content.decode()
    assert OUT_OF_STOCK in listing_html
    product_html = client.get(product_page.url).content.decode()
    assert BUY_BUTTON not in product_html and "Sản phẩm tạm hết hàng." in product_html
    assert listed_in_api(client, product_page)[0]["in_stock"] is False
    assert client.get(urls(product_page)["api_detail"]).json()["in_stock"] is False


def test_each_sale_changes_the_units_left_on_the_product_page(
    client, product_page, django_capture_on_commit_callbacks
):
    warm(client, product_page)
    [variant] = product_page.variants.all()
    assert "còn 2" in client.get(product_page.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        inventory.adjust_stock(variant.sku, -1, note="Hỏng")
    assert "còn 1" in client.get(product_page.url).content.decode()
    # Still in stock: the listing kept its page.
    assert client.get(LISTING).headers.get("X-Page-Cache") == "hit"


def test_an_unpublished_page_is_no_longer_offered(
    client, product_page, django_capture_on_commit_callbacks
):
    warm(client, product_page)
    with django_capture_on_commit_callbacks(execute=True):
        product_page.unpublish()
    assert "Mật ong bạc hà" not in client.get(LISTING).content.decode()
    assert client.get(product_page.url).status_code == 404
    trace_html = client.get(urls(product_page)["trace"]).content.decode()
    assert product_page.url not in trace_html
    assert listed_in_api(client, product_page) == []
    assert client.get(urls(product_page)["api_detail"]).status_code == 404


def test_a_new_price_is_shown_at_once(client, product_page, django_capture_on_commit_callbacks):
    warm(client, product_page)
    with django_capture_on_commit_callbacks(execute=True):
        variant = product_page.variants.get()
        variant.price = 99_000
        product_page.variants = [variant]
        product_page.save_revision().publish()
    assert "99.000" in client.get(LISTING).content.decode()
    product_html = client.get(product_page.url).content.decode()
    assert "99.000" in product_html and "150.000" not in product_html
    assert listed_in_api(client, product_page)[0]["min_price"] == 99_000
    assert client.get(urls(product_page)["api_detail"]).json()["min_price"] == 99_000


def test_a_renamed_category_and_product_set_are_shown_at_once(
    client, product_page, django_capture_on_commit_callbacks
):
    warm(client, product_page)
    product_set = product_page.product.product_set
    with django_capture_on_commit_callbacks(execute=True):
        product_set.category.name = "Ngành đổi tên"
        product_set.category.save()
    assert "Ngành đổi tên" in client.get(product_page.url).content.decode()
    # A second change in the same instant (the clock is frozen here) is seen too.
    with django_capture_on_commit_callbacks(execute=True):
        product_set.name = "Bộ đổi tên"
        product_set.save()
    assert "Bộ đổi tên" in client.get(product_page.url).content.decode()


def test_each_visitor_gets_a_csrf_token_of_their_own_that_works(product_page):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.get(product_page.url)
    response = second.get(product_page.url)
    assert response.headers["X-Page-Cache"] == "hit"
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value
    token = response.content.decode().split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    [variant] = product_page.variants.all()
    added = second.post(
        "/gio-hang/them/",
        {"variant": variant.pk, "quantity": 1, "csrfmiddlewaretoken": token},
    )
    assert added.status_code == 302


def test_a_visitor_with_a_cart_or_signed_in_is_never_served_a_stored_page(client, product_page):
    client.get(product_page.url)
    assert client.get(product_page.url).headers.get("X-Page-Cache") == "hit"
    [variant] = product_page.variants.all()
    client.post("/gio-hang/them/", {"variant": variant.pk, "quantity": 1})
    assert "sessionid" in client.cookies
    with_cart = client.get(product_page.url)
    assert "X-Page-Cache" not in with_cart.headers
    for path in ("/gio-hang/", "/gio-hang/thanh-toan/"):
        client.get(path)
        assert "X-Page-Cache" not in client.get(path).headers

    user = get_user_model().objects.create_user("khach", password="mat-khau-dai-123")
    signed_in = Client()
    signed_in.force_login(user)
    assert "X-Page-Cache" not in signed_in.get(product_page.url).headers
    assert "X-Page-Cache" not in signed_in.get(LISTING).headers


def test_each_language_has_its_own_page(client, product_page):
    client.get(LISTING)
    assert client.get(LISTING).headers["X-Page-Cache"] == "hit"
    english = Client()
    english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = english.get(LISTING)
    assert response.headers.get("X-Page-Cache") != "hit"
    assert 'lang="en"' in response.content.decode()
    assert english.get(LISTING).headers["X-Page-Cache"] == "hit"
    assert 'lang="vi"' in client.get(LISTING).content.decode()

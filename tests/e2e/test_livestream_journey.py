"""A viewer of a live event buys the product on air at its live price, pays cash on
delivery, and the order records the livestream's offer (JavaScript off: the pinned list
and its buy buttons are plain forms)."""

import pytest
from playwright.sync_api import expect

from fairs.services import livestreams
from marketplace.models import Order, OrderLine
from tests.fairs.builders import around_now, make_livestream, make_offer
from tests.marketplace.builders import NINH_BINH, NINH_BINH_WARD, build_market, first_variant

pytestmark = pytest.mark.django_db(transaction=True)


def test_buy_the_now_showing_product_at_its_live_price(page, home_page, django_user_model):
    market = build_market(home_page)
    rice = first_variant(market["rice"])  # 150.000 ₫
    pinned = [market["bonsai"], market["rice"]]
    live = make_livestream(home_page, *around_now(), pinned=pinned, title="Gạo mới lên sóng")
    offer = make_offer(rice, livestream=live, price=99_000, limit=20)
    host = django_user_model.objects.create_superuser("host", "host@example.vn", "x")
    livestreams.set_now_showing(live, market["rice"].pk, user=host)

    page.goto(live.url)
    showing = page.locator("section.now-showing")
    assert "Gạo tám" in showing.inner_text()
    assert "99.000" in showing.inner_text().replace("\xa0", " ")
    showing.get_by_role("button", name="Mua ngay: Hộp 1").click()
    assert page.url.endswith(live.url)  # still on the live page
    expect(page.locator(".messages")).to_contain_text("Đã thêm")

    page.goto("/gio-hang/")
    cart = page.locator("main").inner_text().replace("\xa0", " ")
    assert "99.000 ₫" in cart and "150.000 ₫" in cart  # the live price, the regular struck through
    page.get_by_role("link", name="Đặt hàng").click()
    page.get_by_label("Họ và tên").fill("Phạm Thu Hà")
    page.get_by_label("Số điện thoại").fill("0912 345 678")
    page.get_by_label("E-mail").fill("ha@example.vn")
    page.get_by_label("Tỉnh/thành phố").select_option(str(NINH_BINH))
    page.get_by_role("button", name="Chọn xã/phường").click()
    page.get_by_label("Xã/phường").select_option(str(NINH_BINH_WARD))
    page.get_by_label("Số nhà, đường, thôn/xóm").fill("8 Lê Hồng Phong")
    page.get_by_label("Thanh toán khi nhận hàng").check()
    page.get_by_role("button", name="Xác nhận đặt hàng").click()

    order = Order.objects.get()
    assert page.url.endswith(f"/don-hang/{order.token}/")
    assert order.payment_method == "cod"
    line = OrderLine.objects.get(sub_order__order=order)
    assert (line.unit_price, line.quantity, line.offer, line.price_source) == (
        99_000,
        1,
        offer,
        "offer",
    )
    assert line.offer_label == offer.display_label
    offer.refresh_from_db()
    assert offer.sold == 1


def test_with_javascript_the_page_follows_the_host_and_buys_in_place(
    browser, live_server, home_page, django_user_model
):
    """The buy button posts to the cart API and stays; the page polls the state and shows
    the product the host switches to."""
    market = build_market(home_page)
    live = make_livestream(home_page, *around_now(), pinned=[market["rice"], market["bonsai"]])
    make_offer(first_variant(market["rice"]), livestream=live, price=99_000)
    host = django_user_model.objects.create_superuser("host", "host@example.vn", "x")
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    context.set_default_timeout(15_000)
    tab = context.new_page()
    try:
        tab.goto(live.url)
        assert tab.locator("section.now-showing").is_hidden()
        tab.locator(".live-products").get_by_role("button", name="Mua ngay: Hộp 1").first.click()
        tab.locator("[data-live-message]").filter(has_text="giỏ").wait_for()
        assert tab.url.endswith(live.url)  # never left the page
        assert OrderLine.objects.count() == 0
        cart = tab.request.get("/api/cart/").json()
        assert cart["lines"][0]["unit_price"] == 99_000

        livestreams.set_now_showing(live, market["bonsai"].pk, user=host)
        showing = tab.locator("section.now-showing")
        showing.get_by_text("Cây cảnh Vĩ Khê").wait_for()  # picked up by polling
        assert showing.is_visible()
    finally:
        context.close()

"""A shopper buys from two producers and books a tour in one order, without JavaScript."""

import pytest
from playwright.sync_api import expect

from marketplace.models import Inventory, Order
from tests.marketplace.builders import NINH_BINH, NINH_BINH_WARD, build_market, first_variant
from tours.models import Booking, Departure

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_producers_and_tour_seats_in_one_order(page, home_page):
    market = build_market(home_page)
    rice, bonsai = first_variant(market["rice"]), first_variant(market["bonsai"])

    page.goto(market["rice"].url)
    page.get_by_label("Số lượng").fill("2")
    page.get_by_role("button", name="Thêm vào giỏ hàng").click()
    page.goto(market["bonsai"].url)
    page.get_by_role("button", name="Thêm vào giỏ hàng").click()

    page.goto(market["tour"].url)
    page.locator(f"#departure-{market['departure'].pk}").check()
    page.get_by_label("Người lớn").fill("2")
    page.get_by_label("Trẻ em").fill("0")
    page.get_by_role("button", name="Thêm vào giỏ hàng").click()

    assert page.url.endswith("/gio-hang/")
    page.wait_for_load_state()
    cart = page.locator("main").inner_text().replace("\xa0", " ")
    assert "HTX Hải Toàn" in cart and "HTX Vĩ Khê" in cart and market["tour"].title in cart
    # 2 × 150.000 + 30.000 delivery; 420.000 + 30.000 delivery + 2 × 300.000 seats
    assert "1.380.000 ₫" in cart

    page.get_by_role("link", name="Đặt hàng").click()
    page.get_by_label("Họ và tên").fill("Phạm Thu Hà")
    page.get_by_label("Số điện thoại").fill("0912 345 678")
    page.get_by_label("E-mail").fill("ha@example.vn")
    page.get_by_label("Tỉnh/thành phố").select_option(str(NINH_BINH))
    page.get_by_role("button", name="Chọn xã/phường").click()
    page.get_by_label("Xã/phường").select_option(str(NINH_BINH_WARD))
    page.get_by_label("Số nhà, đường, thôn/xóm").fill("8 Lê Hồng Phong")
    page.get_by_role("button", name="Xác nhận đặt hàng").click()

    order = Order.objects.get()
    assert page.url.endswith(f"/don-hang/{order.token}/")
    expect(page.locator("h1")).to_contain_text(order.number)
    assert order.sub_orders.count() == 2 and order.total == 1_380_000
    assert Booking.objects.filter(order_line__sub_order__order=order).count() == 1
    # Stock and seats went down by exactly what was bought.
    assert Inventory.objects.get(sku=rice.sku).quantity == 10 - 2
    assert Inventory.objects.get(sku=bonsai.sku).quantity == 3 - 1
    seats = Departure.objects.with_seats().get(pk=market["departure"].pk).seats_left
    assert seats == 6 - 2

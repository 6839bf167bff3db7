"""The checkout page without JavaScript: province first, then its wards, then the order."""

import re

import pytest

from marketplace.models import Order

from .builders import HA_NOI_WARD, NINH_BINH, NINH_BINH_WARD, build_market, first_variant

pytestmark = pytest.mark.django_db

CONTACT = {"name": "Lê Văn Nam", "phone": "0903 123 456", "email": "nam@example.vn"}


@pytest.fixture
def market(home_page):
    return build_market(home_page)


def add_goods(client, market):
    client.post("/gio-hang/them/", {"variant": first_variant(market["rice"]).pk, "quantity": 1})


def test_wards_are_offered_after_choosing_the_province(client, market):
    add_goods(client, market)
    html = client.get("/gio-hang/thanh-toan/").content.decode()
    assert 'name="province"' in html and "Gia Viễn" not in html
    response = client.post(
        "/gio-hang/thanh-toan/", {**CONTACT, "province": NINH_BINH, "choose_province": "1"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<option value="{NINH_BINH_WARD}">Xã Gia Viễn</option>' in html
    assert "Phường Ba Đình" not in html  # Hà Nội's wards are not offered
    assert Order.objects.count() == 0


def test_placing_the_order_leads_to_its_page(client, market):
    add_goods(client, market)
    client.post(
        "/gio-hang/them-tour/",
        {"departure": market["departure"].pk, "adults": "2", "children": "0"},
    )
    response = client.post(
        "/gio-hang/thanh-toan/",
        {
            **CONTACT,
            "province": NINH_BINH,
            "ward": NINH_BINH_WARD,
            "street": "3 Lê Lợi",
            "payment": "cod",
        },
    )
    order = Order.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/don-hang/{order.token}/"
    html = client.get(response["Location"]).content.decode()
    assert order.number in html and "Xã Gia Viễn" in html and "Vé điện tử" in html
    assert order.sub_orders.count() == 2


def test_a_ward_of_another_province_is_refused_on_the_form(client, market):
    add_goods(client, market)
    response = client.post(
        "/gio-hang/thanh-toan/",
        {**CONTACT, "province": NINH_BINH, "ward": HA_NOI_WARD, "street": "1", "payment": "cod"},
    )
    assert response.status_code == 200 and Order.objects.count() == 0
    assert "errorlist" in response.content.decode()


def test_tours_only_checkout_asks_no_address(client, market):
    client.post("/gio-hang/them-tour/", {"departure": market["departure"].pk, "adults": "1"})
    html = client.get("/gio-hang/thanh-toan/").content.decode()
    assert 'name="province"' not in html
    response = client.post("/gio-hang/thanh-toan/", {**CONTACT, "payment": "cod"})
    assert response.status_code == 302 and Order.objects.get().total == 300_000


def test_checkout_of_an_empty_cart_goes_back_to_the_cart(client, market):
    response = client.get("/gio-hang/thanh-toan/")
    assert response.status_code == 302 and response["Location"] == "/gio-hang/"


def test_cart_page_shows_tour_lines_delivery_and_grand_total(client, market):
    add_goods(client, market)
    client.post("/gio-hang/them-tour/", {"departure": market["departure"].pk, "adults": "2"})
    html = client.get("/gio-hang/").content.decode()
    assert market["tour"].title in html and "2 người lớn, 0 trẻ em" in html
    assert html.count("Phí giao hàng") == 2  # one producer with goods + the grand total
    # 150.000 + 30.000 delivery + 600.000 of seats
    assert re.search(r"Tổng cộng</dt><dd class=\"price\"><strong>780.000\u00a0₫", html)
    assert 'href="/gio-hang/thanh-toan/"' in html


def test_the_tour_page_form_can_put_seats_in_the_cart(client, market):
    html = client.get(market["tour"].url).content.decode()
    assert 'formaction="/gio-hang/them-tour/"' in html


@pytest.mark.parametrize(
    "data",
    [
        {"departure": "abc", "adults": "1"},
        {"departure": "999999", "adults": "1"},
        {"departure": "1", "adults": "0"},
        {"departure": "1", "adults": "99999999999999999999"},
    ],
)
def test_bad_seat_requests_are_a_message_not_a_500(client, market, data):
    response = client.post("/gio-hang/them-tour/", data, follow=True)
    assert response.status_code == 200
    assert client.session.get("cart", {}) == {}

"""The session cart: what may be added, updated and removed, and how it is shown."""

import re
from datetime import date

import pytest
import time_machine
from django.contrib.sessions.backends.db import SessionStore

from marketplace import services
from marketplace.services import CartError
from tests.catalog.conftest import (
    EXPIRED_DECISION,
    RENEWAL_DECISION,
    TODAY,
    VALID_DECISION,
    revoke,
)
from tests.factories import catalog_index, make_producer, make_product, make_product_page, set_stock

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop(home_page):
    """Two producers' products on TODAY: one valid, one in the renewal window."""
    with time_machine.travel(TODAY, tick=False):
        catalog_index(home_page).save_revision().publish()
        hai_toan = make_producer("Hợp tác xã Hải Toàn")
        giao_hai = make_producer("Hợp tác xã Giao Hải")
        rice = make_product_page(
            home_page,
            make_product(name="Gạo tám", producer=hai_toan, decision_date=VALID_DECISION),
            variants=((150_000, 10), (70_000, 4)),
        )
        sauce = make_product_page(
            home_page,
            make_product(name="Nước mắm", producer=giao_hai, decision_date=RENEWAL_DECISION),
            variants=((75_500, 3),),
        )
        yield {"rice": rice, "sauce": sauce}


def variant(page, position=0):
    return page.variants.order_by("sort_order")[position]


@pytest.fixture
def session():
    return SessionStore()


def test_add_and_accumulate(shop, session):
    bag = variant(shop["rice"])
    services.add_to_cart(session, bag.pk, 2)
    services.add_to_cart(session, str(bag.pk), "3")
    assert services.read_cart(session).variants == {bag.pk: 5}


def test_renewal_window_product_can_be_bought(shop, session):
    services.add_to_cart(session, variant(shop["sauce"]).pk, 1)
    assert services.read_cart(session).variants == {variant(shop["sauce"]).pk: 1}


@pytest.mark.parametrize("quantity", ["0", "-1", "abc", "", None, "1.5"])
def test_bad_quantity_is_refused(shop, session, quantity):
    with pytest.raises(CartError, match=re.escape("Số lượng phải là một số nguyên dương.")):
        services.add_to_cart(session, variant(shop["rice"]).pk, quantity)
    assert services.read_cart(session).variants == {}


def test_more_than_the_stock_is_refused_counting_what_is_in_the_cart(shop, session):
    small_bag = variant(shop["rice"], 1)  # stock 4
    services.add_to_cart(session, small_bag.pk, 3)
    with pytest.raises(CartError, match=re.escape("Chỉ còn 4 sản phẩm “Gạo tám – Hộp 2”.")):
        services.add_to_cart(session, small_bag.pk, 2)
    assert services.read_cart(session).variants == {small_bag.pk: 3}


def test_sold_out_variant_is_refused(shop, session):
    bag = variant(shop["rice"])
    set_stock(bag, 0)
    with pytest.raises(CartError, match="đã hết hàng"):
        services.add_to_cart(session, bag.pk, 1)


def test_inactive_variant_is_refused(shop, session):
    bag = variant(shop["rice"])
    bag.is_active = False
    bag.save()
    with pytest.raises(CartError, match=re.escape("Phân loại “Hộp 1” của “Gạo tám” đã ngừng bán.")):
        services.add_to_cart(session, bag.pk, 1)


@pytest.mark.parametrize("variant_id", [999_999, "abc", None])
def test_unknown_variant_is_refused(shop, session, variant_id):
    with pytest.raises(CartError, match=re.escape("Không tìm thấy phân loại sản phẩm này.")):
        services.add_to_cart(session, variant_id, 1)


@pytest.mark.parametrize("status", ["expired", "revoked", "uncertified", "unpublished"])
def test_variant_of_a_product_not_purchasable_is_refused(home_page, session, status):
    with time_machine.travel(TODAY, tick=False):
        catalog_index(home_page).save_revision().publish()
        product = {
            "expired": lambda: make_product(decision_date=EXPIRED_DECISION),
            "revoked": lambda: revoke(make_product(decision_date=VALID_DECISION)),
            "uncertified": lambda: make_product(certified=False),
            "unpublished": lambda: make_product(decision_date=VALID_DECISION),
        }[status]()
        page = make_product_page(home_page, product)
        if status == "unpublished":
            page.unpublish()
        with pytest.raises(CartError, match=re.escape("hiện không được bán.")):
            services.add_to_cart(session, variant(page).pk, 1)
    assert services.read_cart(session).variants == {}


def test_update_sets_the_quantity_and_zero_removes(shop, session):
    bag = variant(shop["rice"])
    services.add_to_cart(session, bag.pk, 1)
    services.update_cart_line(session, bag.pk, "7")
    assert services.read_cart(session).variants == {bag.pk: 7}
    with pytest.raises(CartError, match="Chỉ còn 10"):
        services.update_cart_line(session, bag.pk, 11)
    assert services.read_cart(session).variants == {bag.pk: 7}
    services.update_cart_line(session, bag.pk, 0)
    assert services.read_cart(session).variants == {}


def test_update_of_a_line_not_in_the_cart_is_refused(shop, session):
    with pytest.raises(CartError, match="không có trong giỏ hàng"):
        services.update_cart_line(session, variant(shop["rice"]).pk, 2)


def test_remove(shop, session):
    services.add_to_cart(session, variant(shop["rice"]).pk, 1)
    services.add_to_cart(session, variant(shop["sauce"]).pk, 1)
    services.remove_from_cart(session, variant(shop["rice"]).pk)
    assert services.read_cart(session).variants == {variant(shop["sauce"]).pk: 1}


def test_cart_groups_lines_by_producer_with_totals(shop, session):
    services.add_to_cart(session, variant(shop["rice"]).pk, 2)  # 300.000
    services.add_to_cart(session, variant(shop["rice"], 1).pk, 1)  # 70.000
    services.add_to_cart(session, variant(shop["sauce"]).pk, 2)  # 151.000
    cart = services.view_cart(session)
    assert [group.producer.name for group in cart.groups] == [
        "Hợp tác xã Giao Hải",
        "Hợp tác xã Hải Toàn",
    ]
    assert [group.subtotal for group in cart.groups] == [151_000, 370_000]
    # The site's default delivery: 30.000 đ per producer, free from 500.000 đ.
    assert [group.delivery_fee for group in cart.groups] == [30_000, 30_000]
    assert [group.total for group in cart.groups] == [181_000, 400_000]
    assert (cart.subtotal, cart.delivery_total, cart.total) == (521_000, 60_000, 581_000)
    assert cart.item_count == 5


def test_line_of_a_product_that_expired_since_is_flagged_and_not_totalled(shop, session):
    services.add_to_cart(session, variant(shop["rice"]).pk, 1)
    services.add_to_cart(session, variant(shop["sauce"]).pk, 1)
    with time_machine.travel(date(2027, 1, 21), tick=False):  # the sauce expired on the 20th
        cart = services.view_cart(session)
    sauce_line = next(line for line in cart.lines if line.page.pk == shop["sauce"].pk)
    expected = "Chứng nhận OCOP của sản phẩm đã hết hiệu lực từ sau ngày 20/01/2027."
    assert sauce_line.problem == expected
    assert cart.subtotal == 150_000
    assert cart.has_problems


# Each reason of catalog.rules.not_sellable_reason (and an unpublished page), as told
# on the cart line: (how the product is made, the day the cart is seen, the message).
NOT_FOR_SALE = {
    "revoked": (
        lambda: revoke(make_product(decision_date=VALID_DECISION)),
        TODAY,
        "Chứng nhận OCOP của sản phẩm đã bị thu hồi ngày 02/05/2026.",
    ),
    "expired": (
        lambda: make_product(decision_date=EXPIRED_DECISION),
        TODAY,
        "Chứng nhận OCOP của sản phẩm đã hết hiệu lực từ sau ngày 01/06/2026.",
    ),
    "not yet valid": (
        lambda: make_product(decision_date=VALID_DECISION),
        date(2025, 1, 10),
        "Chứng nhận OCOP của sản phẩm có hiệu lực từ ngày 15/01/2025.",
    ),
    "too few stars": (
        lambda: make_product(stars=2, score="45", decision_date=VALID_DECISION),
        TODAY,
        "Sản phẩm đạt 2 sao: chỉ sản phẩm từ 3 sao trở lên được công nhận OCOP.",
    ),
    "no certificate": (
        lambda: make_product(certified=False),
        TODAY,
        "Sản phẩm chưa có chứng nhận OCOP.",
    ),
}


def put_in_cart(session, variant_id, quantity):
    """Write the session cart directly: the line may no longer be addable."""
    session[services.CART_SESSION_KEY] = {str(variant_id): quantity}


@pytest.mark.parametrize("case", NOT_FOR_SALE)
def test_cart_line_tells_why_the_product_is_not_for_sale(home_page, session, case):
    make, seen_on, message = NOT_FOR_SALE[case]
    with time_machine.travel(TODAY, tick=False):
        catalog_index(home_page).save_revision().publish()
        page = make_product_page(home_page, make())
    put_in_cart(session, variant(page).pk, 1)
    with time_machine.travel(seen_on, tick=False):
        cart = services.view_cart(session)
        with pytest.raises(CartError) as refused:
            services.add_to_cart(session, variant(page).pk, 1)
    assert [line.problem for line in cart.lines] == [message]
    assert (cart.total, cart.item_count) == (0, 0)
    assert str(refused.value) == f"“{page.title}” hiện không được bán. {message}"


def test_cart_line_of_an_unpublished_page_says_so(shop, session):
    put_in_cart(session, variant(shop["rice"]).pk, 1)
    shop["rice"].unpublish()
    with time_machine.travel(TODAY, tick=False):
        [line] = services.view_cart(session).lines
    assert line.problem == "Sản phẩm đã ngừng đăng bán trên Chợ OCOP."


def test_sold_out_line_is_flagged_and_kept(shop, session):
    bag = variant(shop["rice"])
    services.add_to_cart(session, bag.pk, 2)
    set_stock(bag, 0)
    [line] = services.view_cart(session).lines
    assert line.problem == "Phân loại này đã hết hàng."
    assert services.read_cart(session).variants == {bag.pk: 2}


def test_line_above_the_stock_is_cut_to_the_stock_and_says_so(shop, session):
    bag = variant(shop["rice"])
    services.add_to_cart(session, bag.pk, 8)
    set_stock(bag, 3)
    cart = services.view_cart(session)
    [line] = cart.lines
    assert line.notice == "Chỉ còn 3 sản phẩm: số lượng đã giảm từ 8 xuống 3."
    assert (line.problem, line.quantity, cart.total) == ("", 3, 450_000 + 30_000)
    assert services.read_cart(session).variants == {bag.pk: 3}
    assert services.view_cart(session).lines[0].notice == ""  # said once


# --- Views -------------------------------------------------------------------------------


def test_buy_box_posts_to_the_cart_and_the_cart_page_shows_it(client, shop):
    page = shop["rice"]
    html = client.get(page.url).content.decode()
    assert 'action="/gio-hang/them/"' in html
    response = client.post(
        "/gio-hang/them/", {"variant": variant(page).pk, "quantity": "2", "next": page.url}
    )
    assert response.status_code == 302 and response["Location"] == "/gio-hang/"
    html = client.get("/gio-hang/").content.decode()
    assert "Đã thêm “Gạo tám – Hộp 1” vào giỏ hàng (2 trong giỏ)." in html
    assert "<h2" in html and "Hợp tác xã Hải Toàn" in html
    assert "300.000\u00a0₫" in html  # line total and subtotal
    assert re.search(r"Tổng cộng</dt><dd class=\"price\"><strong>330.000\u00a0₫</strong>", html)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"quantity": "99"}, "Chỉ còn 10 sản phẩm"),
        ({"quantity": "abc"}, "Số lượng phải là một số nguyên dương."),
        ({"variant": "x"}, "Không tìm thấy phân loại sản phẩm này."),
    ],
)
def test_refused_add_goes_back_with_a_message(client, shop, data, message):
    page = shop["rice"]
    form = {"variant": variant(page).pk, "quantity": "1", "next": page.url, **data}
    response = client.post("/gio-hang/them/", form)
    assert response.status_code == 302 and response["Location"] == page.url
    assert message in client.get(page.url).content.decode()
    assert "Giỏ hàng của bạn đang trống." in client.get("/gio-hang/").content.decode()


def test_next_to_another_site_is_ignored(client, shop):
    form = {"variant": "x", "quantity": "1", "next": "https://evil.example/"}
    assert client.post("/gio-hang/them/", form)["Location"] == "/gio-hang/"


@pytest.mark.parametrize(
    "target",
    ["javascript:alert(1)", "//evil.example/", "san-pham/", "http:x", "/\\evil.example", "\x01/x"],
)
def test_next_that_is_not_a_path_on_this_site_is_ignored(client, shop, target):
    form = {"variant": "x", "quantity": "1", "next": target}
    response = client.post("/gio-hang/them/", form)
    assert response.status_code == 302 and response["Location"] == "/gio-hang/"


def test_next_path_on_this_site_is_followed(client, shop):
    form = {"variant": "x", "quantity": "1", "next": shop["rice"].url}
    assert client.post("/gio-hang/them/", form)["Location"] == shop["rice"].url


def test_add_needs_post(client, shop):
    assert client.get("/gio-hang/them/").status_code == 405


def test_update_and_remove_through_the_cart_page(client, shop):
    bag = variant(shop["rice"])
    client.post("/gio-hang/them/", {"variant": bag.pk, "quantity": "1"})
    client.post("/gio-hang/cap-nhat/", {"variant": bag.pk, "quantity": "3"})
    html = client.get("/gio-hang/").content.decode()
    assert 'name="quantity" value="3"' in html
    assert "450.000\u00a0₫" in html
    client.post("/gio-hang/xoa/", {"variant": bag.pk})
    assert "Giỏ hàng của bạn đang trống." in client.get("/gio-hang/").content.decode()


@pytest.mark.parametrize(
    "stored", [["not", "a", "dict"], {"abc": 1, "-3": 2}, {"{variant}": "many"}, {"{variant}": 0}]
)
def test_a_damaged_session_cart_is_read_as_empty_lines_dropped(client, shop, stored):
    pk = variant(shop["rice"]).pk
    session = client.session
    if isinstance(stored, dict):
        stored = {key.format(variant=pk): value for key, value in stored.items()}
    session[services.CART_SESSION_KEY] = stored
    session.save()
    response = client.get("/gio-hang/")
    assert response.status_code == 200
    assert "Giỏ hàng của bạn đang trống." in response.content.decode()
    response = client.post("/gio-hang/them/", {"variant": pk, "quantity": "2"}, follow=True)
    assert services.read_cart(response.wsgi_request.session).variants == {pk: 2}


@pytest.mark.parametrize("case", NOT_FOR_SALE)
def test_cart_page_shows_the_reason_of_each_line(client, home_page, case):
    make, seen_on, message = NOT_FOR_SALE[case]
    with time_machine.travel(TODAY, tick=False):
        catalog_index(home_page).save_revision().publish()
        page = make_product_page(home_page, make())
    session = client.session
    put_in_cart(session, variant(page).pk, 1)
    session.save()
    with time_machine.travel(seen_on, tick=False):
        html = client.get("/gio-hang/").content.decode()
    assert f'<p class="errorlist">{message}</p>' in html


def test_cart_page_shows_a_quantity_cut_to_the_stock(client, shop):
    bag = variant(shop["rice"], 1)  # stock 4
    session = client.session
    put_in_cart(session, bag.pk, 6)
    session.save()
    html = client.get("/gio-hang/").content.decode()
    assert "Chỉ còn 4 sản phẩm: số lượng đã giảm từ 6 xuống 4." in html
    assert 'name="quantity" value="4"' in html
    assert services.read_cart(client.session).variants == {bag.pk: 4}

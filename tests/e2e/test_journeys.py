"""A shopper and a tourist, start to finish, in a browser without JavaScript."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import make_producer, make_product, make_product_page
from tests.tours.builders import make_departure, make_tour, make_village
from tours.models import Booking

pytestmark = pytest.mark.django_db(transaction=True)

QUANG_NINH = 22


@pytest.fixture
def shop(home_page):
    honey = make_product_page(
        home_page,
        make_product("Mật ong bạc hà", producer=make_producer("HTX Ong mật Cao Nguyên")),
        variants=((150_000, 10), (280_000, 4)),
    )
    sauce = make_product_page(
        home_page,
        make_product(
            "Nước mắm Cái Rồng", producer=make_producer("HTX Cái Rồng", province_code=QUANG_NINH)
        ),
        variants=((95_000, 20),),
    )
    return honey, sauce


def test_shopper_filters_the_catalogue_and_fills_a_cart(page, shop):
    honey, sauce = shop
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "vi"
    page.get_by_role("link", name="Xem tất cả sản phẩm").click()
    # A click waits for the next page to start arriving, not to be read: assertions
    # that look at it retry (expect), and one that expects nothing waits for the load.
    expect(page.get_by_role("link", name="Nước mắm Cái Rồng")).to_be_visible()

    page.get_by_text("Lọc sản phẩm").first.click()  # the filters fold away on a phone
    page.get_by_label("Tỉnh/thành phố").select_option(str(QUANG_NINH))
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_load_state()
    expect(page.get_by_role("link", name="Nước mắm Cái Rồng")).to_be_visible()
    expect(page.get_by_role("link", name="Mật ong bạc hà")).to_have_count(0)

    page.goto(honey.url)
    page.get_by_role("radio", name="280.000").check()
    page.get_by_label("Số lượng").fill("2")
    page.get_by_role("button", name="Thêm vào giỏ hàng").click()

    page.goto(sauce.url)
    page.get_by_role("button", name="Thêm vào giỏ hàng").click()

    page.goto("/gio-hang/")
    cart = page.locator("main").inner_text()
    assert "HTX Ong mật Cao Nguyên" in cart and "HTX Cái Rồng" in cart
    assert "560.000 ₫" in cart.replace("\xa0", " ")  # 2 × 280.000
    assert "655.000 ₫" in cart.replace("\xa0", " ")  # + 95.000


def test_trace_page_from_the_product_page(page, shop):
    honey, _sauce = shop
    page.goto(honey.url)
    page.get_by_role("link", name="Xem trạng thái chứng nhận trực tiếp").click()
    assert "/truy-xuat/" in page.url
    page.wait_for_load_state()
    text = page.locator("main").inner_text()
    assert "Còn hiệu lực" in text
    assert honey.product.current_certification.decision_number in text


def test_tourist_books_a_departure_and_gets_an_e_ticket(page, home_page):
    village = make_village(home_page, title="Bát Tràng", slug="bat-trang")
    tour = make_tour(home_page, villages=[village], title="Một ngày làm gốm", slug="lam-gom")
    departure = make_departure(tour, starts_at=timezone.now() + timedelta(days=3), capacity=10)

    page.goto(tour.url)
    page.locator(f"#departure-{departure.pk}").check()
    page.get_by_label("Người lớn").fill("2")
    page.get_by_label("Trẻ em").fill("1")
    page.get_by_role("button", name="Giữ chỗ").click()

    page.get_by_label("Họ và tên").fill("Trần Văn Minh")
    page.get_by_label("Điện thoại").fill("0987 654 321")
    page.get_by_label("E-mail").fill("minh@example.vn")
    page.get_by_role("button", name="Xác nhận đặt chỗ").click()

    booking = Booking.objects.get()
    assert page.url.endswith(f"/ve-tour/{booking.token}/")
    expect(page.locator("main")).to_contain_text(booking.code)
    qr = page.get_by_role("img", name="QR")
    expect(qr).to_have_count(1)
    picture = page.request.get(qr.get_attribute("src"))
    assert picture.ok and picture.headers["content-type"] == "image/png"


def test_visitor_switches_the_interface_to_english(page, shop):
    page.goto("/")
    page.get_by_text("Menu", exact=True).click()  # the phone's menu holds the switcher
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="Skip to main content")).to_have_count(1)

"""A tourist who booked as a guest opens an account, in a browser without JavaScript."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import expect

from tests.tours.builders import make_departure, make_tour
from tours.models import Booking

pytestmark = pytest.mark.django_db(transaction=True)

EMAIL = "minh@example.vn"
PASSWORD = "Lang-gom-Bat-Trang-2026"


def test_guest_booking_joins_the_new_account_after_verification(page, home_page, live_server):
    cache.clear()
    tour = make_tour(home_page, title="Một ngày làm gốm", slug="lam-gom")
    departure = make_departure(tour, starts_at=timezone.now() + timedelta(days=3), capacity=10)
    booking = Booking.objects.create(
        departure=departure,
        contact_name="Trần Văn Minh",
        phone="0987654321",
        email=EMAIL,
        adults=2,
        price_adult=350_000,
        price_child=200_000,
        amount=700_000,
    )

    page.goto("/gio-hang/")
    page.get_by_text("Menu", exact=True).click()  # on a phone, the account link is in the menu
    page.get_by_role("link", name="Đăng nhập").click()
    page.get_by_role("link", name="Đăng ký tài khoản").click()
    page.get_by_label("E-mail").fill(EMAIL)
    page.get_by_label("Họ và tên").fill("Trần Văn Minh")
    page.get_by_label("Mật khẩu:", exact=True).fill(PASSWORD)
    page.get_by_label("Nhập lại mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng ký").click()
    expect(page.locator("h1")).to_contain_text("Kiểm tra hộp thư")

    link = re.search(r"http://\S+/tai-khoan/xac-minh/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link.replace("http://testserver", live_server.url))
    page.get_by_role("button", name="Xác minh và đăng nhập").click()

    assert page.url.endswith("/tai-khoan/")
    expect(page.locator("main")).to_contain_text("Đã xác minh e-mail")
    expect(page.locator("main")).to_contain_text(booking.code)

    page.get_by_role("button", name="Đăng xuất").click()
    page.goto("/tai-khoan/")
    assert "/tai-khoan/dang-nhap/" in page.url

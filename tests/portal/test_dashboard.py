"""The producer's admin home and its certificates page (read-only, days to expiry)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from catalog import portal
from marketplace.services import checkout
from tests.factories import make_product
from tests.marketplace.builders import details, fill_cart, new_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def order(market):
    return checkout.place_order(
        fill_cart(new_session(), market, rice=2, bonsai=1, adults=2), details()
    )


def test_dashboard_shows_only_the_producers_own_shop(client, market, users, order):
    client.force_login(users["hai_toan"])
    html = client.get("/admin/").content.decode()
    assert "Cửa hàng của tôi" in html
    rice_sub = order.sub_orders.get(producer=market["hai_toan"])
    bonsai_sub = order.sub_orders.get(producer=market["vi_khe"])
    assert reverse("marketplace_orders:detail", args=[rice_sub.pk]) in html
    assert reverse("marketplace_orders:detail", args=[bonsai_sub.pk]) not in html
    assert "Cây cảnh Vĩ Khê" not in html and "Tour thử nghiệm" not in html
    sales = portal.sales(users["hai_toan"])
    assert sales == {"orders": 1, "total": rice_sub.total, "days": 30}


def test_dashboard_of_the_tour_operator(client, market, users, order):
    client.force_login(users["vi_khe"])
    html = client.get("/admin/").content.decode()
    assert market["tour"].title in html
    departure = portal.upcoming_departures(users["vi_khe"])[0]
    assert departure.seats_booked == 2
    assert "2/6" in html
    # Stock of 3 bonsai minus the 1 sold: low.
    assert [v.sku for v in portal.low_stock(users["vi_khe"])] == [
        market["bonsai"].variants.first().sku
    ]


def test_editors_and_officers_get_no_producer_dashboard(client, users):
    for role in ("editor", "officer"):
        client.force_login(users[role])
        assert "Cửa hàng của tôi" not in client.get("/admin/").content.decode()


def test_certificates_countdown_and_renewal_alert(client, market, users):
    today = timezone.localdate()
    decision = timezone.localdate() - timedelta(days=200)
    product = make_product(name="Nước mắm cốt", producer=market["hai_toan"], decision_date=decision)
    product.refresh_from_db()
    certification = product.current_certification
    days_left = (certification.valid_until - today).days
    rows = {row.product.name: row for row in portal.certificates(users["hai_toan"])}
    assert rows["Nước mắm cốt"].days_left == days_left
    assert set(rows) == {"Gạo tám", "Nước mắm cốt"}
    client.force_login(users["hai_toan"])
    response = client.get(reverse("catalog_admin:certificates"))
    html = response.content.decode()
    assert response.status_code == 200
    assert f"còn {days_left} ngày" in html or f"Còn {days_left} ngày" in html
    assert "Cây cảnh Vĩ Khê" not in html
    assert "Thu hồi" not in html and "Thêm quyết định" not in html  # read-only


def test_renewal_window_alert(client, market, users):
    from catalog.models import Certification

    decision = timezone.localdate() - timedelta(days=3 * 365 - 60)
    product = make_product(name="Chè búp", producer=market["hai_toan"], decision_date=decision)
    certification = Certification.objects.get(product=product)
    row = next(r for r in portal.certificates(users["hai_toan"]) if r.product == product)
    assert row.in_renewal_window and 0 < row.days_left <= 180
    assert row.days_left == (certification.valid_until - timezone.localdate()).days
    client.force_login(users["hai_toan"])
    html = client.get("/admin/").content.decode()
    assert f"Còn {row.days_left} ngày – đang trong thời hạn đánh giá lại" in html
    assert 'role="alert"' in html

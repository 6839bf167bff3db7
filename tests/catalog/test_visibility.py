"""Only purchasable products are listed or sold; the others' pages stay up and say why."""

import pytest
import time_machine

from tests.catalog.conftest import TODAY

pytestmark = pytest.mark.django_db

LISTED = {"valid", "renewal"}
ALL = {"valid", "renewal", "expired", "revoked", "uncertified"}


def test_listing_shows_valid_and_renewal_window_products_only(client, pages_by_status):
    html = client.get("/san-pham/").content.decode()
    for status, page in pages_by_status.items():
        assert (page.title in html) == (status in LISTED), status


def test_api_listing_has_purchasable_products_only(client, pages_by_status):
    items = client.get("/api/v2/products/").json()["items"]
    expected = {pages_by_status[status].pk for status in LISTED}
    assert {item["id"] for item in items} == expected


def test_unpublished_page_is_neither_listed_nor_served(client, pages_by_status):
    page = pages_by_status["valid"]
    page.unpublish()
    assert page.title not in client.get("/san-pham/").content.decode()
    assert client.get("/api/v2/products/").json()["meta"]["total_count"] == 1
    assert client.get(f"/san-pham/{page.slug}/").status_code == 404
    assert client.get(f"/api/v2/products/{page.pk}/").status_code == 404


@pytest.mark.parametrize("status", sorted(ALL))
def test_every_product_page_stays_reachable(client, pages_by_status, status):
    page = pages_by_status[status]
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert page.title in html
    buy_form = 'action="/gio-hang/them/"' in html
    assert buy_form == (status in LISTED)
    assert ("Thêm vào giỏ hàng" in html) == (status in LISTED)


def test_valid_product_page_shows_certificate_details(client, pages_by_status):
    html = client.get(pages_by_status["valid"].url).content.decode()
    certification = pages_by_status["valid"].product.current_certification
    assert "Còn hiệu lực" in html
    assert certification.certificate_number in html
    assert f"Số {certification.decision_number} ngày 15/01/2025" in html
    assert "Từ 15/01/2025 đến hết ngày 15/01/2028" in html
    assert "4 sao OCOP" in html


def test_renewal_window_product_is_sold_with_a_notice(client, pages_by_status):
    html = client.get(pages_by_status["renewal"].url).content.decode()
    assert "Sắp hết hạn (đang đánh giá lại)" in html
    assert "Chứng nhận hết hạn ngày 20/01/2027; sản phẩm đang trong thời gian đánh giá lại." in html


def test_expired_product_page_says_so_with_the_decision(client, pages_by_status):
    page = pages_by_status["expired"]
    html = client.get(page.url).content.decode()
    decision = page.product.current_certification.decision_number
    assert "Chứng nhận OCOP của sản phẩm đã hết hiệu lực từ sau ngày 01/06/2026." in html
    assert f"Quyết định công nhận số {decision} ngày 01/06/2023 có hiệu lực 36 tháng." in html
    assert "Sản phẩm tạm ngừng bán cho đến khi được công nhận lại." in html


def test_revoked_product_page_gives_the_revocation_decision(client, pages_by_status):
    html = client.get(pages_by_status["revoked"].url).content.decode()
    assert "Chứng nhận OCOP của sản phẩm đã bị thu hồi ngày 02/05/2026." in html
    assert "Quyết định thu hồi số 77/QĐ-UBND." in html
    assert "Lý do: Vi phạm an toàn thực phẩm." in html
    assert "Sản phẩm không còn được bán." in html


def test_uncertified_product_page_says_it_has_no_certificate(client, pages_by_status):
    html = client.get(pages_by_status["uncertified"].url).content.decode()
    assert "Sản phẩm chưa có chứng nhận OCOP." in html


@pytest.mark.parametrize("status", sorted(ALL))
def test_api_detail_works_for_every_live_product_with_its_status(client, pages_by_status, status):
    data = client.get(f"/api/v2/products/{pages_by_status[status].pk}/").json()
    expected_status = {"uncertified": None}.get(status, status)
    assert data["certificate_status"] == expected_status
    assert data["purchasable"] == (status in LISTED)


def test_visibility_follows_the_calendar(client, pages_by_status):
    """The renewal-window product drops out of the listing the day after it expires."""
    page = pages_by_status["renewal"]
    with time_machine.travel(TODAY.replace(year=2027, month=1, day=20), tick=False):
        assert page.title in client.get("/san-pham/").content.decode()
    with time_machine.travel(TODAY.replace(year=2027, month=1, day=21), tick=False):
        assert page.title not in client.get("/san-pham/").content.decode()
        assert client.get(page.url).status_code == 200

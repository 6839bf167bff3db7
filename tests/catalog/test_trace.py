"""The public trace page and its QR codes: live status, history, producer and origin."""

import io
from datetime import date

import pytest
import time_machine
from PIL import Image as PillowImage

from catalog import qr, services
from tests.factories import make_producer, make_product, make_product_page

pytestmark = pytest.mark.django_db


def trace(client, product):
    response = client.get(f"/truy-xuat/{product.trace_code}/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("status", "texts"),
    [
        (
            "valid",
            [
                '<span class="badge badge--valid">Còn hiệu lực</span>',
                "Sản phẩm đang có chứng nhận OCOP còn hiệu lực đến hết ngày 15/01/2028.",
            ],
        ),
        (
            "renewal",
            [
                '<span class="badge badge--warning">Sắp hết hạn (đang đánh giá lại)</span>',
                "còn hiệu lực đến hết ngày 20/01/2027 và đang trong thời gian đánh giá lại",
            ],
        ),
        (
            "expired",
            [
                '<span class="badge badge--danger">Hết hiệu lực</span>',
                "đã hết hiệu lực từ sau ngày 01/06/2026",
            ],
        ),
        (
            "revoked",
            [
                '<span class="badge badge--danger">Đã thu hồi</span>',
                "đã bị thu hồi ngày 02/05/2026",
                "Quyết định số 77/QĐ-UBND ngày 02/05/2026",
                "Vi phạm an toàn thực phẩm",
            ],
        ),
        ("uncertified", ["Chưa có chứng nhận", "Sản phẩm chưa có chứng nhận OCOP."]),
    ],
)
def test_trace_page_shows_the_live_status(client, pages_by_status, status, texts):
    html = trace(client, pages_by_status[status].product)
    for text in texts:
        assert text in html, text
    assert f'href="{pages_by_status[status].url}"' in html  # link to the published page


def test_trace_page_works_without_a_product_page(client, today, home_page):
    product = make_product(name="Muối biển Bạch Long")
    html = trace(client, product)
    assert "Muối biển Bạch Long" in html
    assert "Xem trang sản phẩm" not in html


def test_trace_page_shows_history_and_both_addresses(client, today, home_page):
    producer = make_producer(
        "Hợp tác xã Nông nghiệp Hải Toàn",
        street_address="Xóm 2",
        ward_code=14215,  # Xã Hải Hậu
        original_address="xã Hải Toàn, huyện Hải Hậu, tỉnh Nam Định",
    )
    product = make_product(
        producer=producer,
        stars=3,
        score="62",
        decision_number="1903/QĐ-UBND",
        decision_date=date(2022, 9, 5),
        level="district",
    )
    services.record_certification(
        product,
        stars=4,
        score="78",
        certificate_number="ND-OCOP-2025-0042",
        decision_number="2010/QĐ-UBND",
        decision_date=date(2025, 9, 1),
        level="province",
    )
    html = trace(client, product)
    assert "Xóm 2, Xã Hải Hậu, Ninh Bình" in html
    assert "xã Hải Toàn, huyện Hải Hậu, tỉnh Nam Định" in html
    history = html[html.index("Lịch sử chứng nhận") :]
    assert history.index("2010/QĐ-UBND") < history.index("1903/QĐ-UBND")  # newest first
    assert "Cấp huyện (trước 2025)" in history
    assert '<span class="badge badge--danger">Hết hiệu lực</span>' in history  # the old one
    assert "ND-OCOP-2025-0042" in html


def test_unknown_trace_code_is_404(client, home_page):
    assert client.get("/truy-xuat/khong-co-ma-nay/").status_code == 404
    assert client.get("/truy-xuat/khong-co-ma-nay/qr.svg").status_code == 404


def test_qr_svg_encodes_the_absolute_trace_url(client, today, home_page):
    product = make_product()
    response = client.get(f"/truy-xuat/{product.trace_code}/qr.svg")
    assert response["Content-Type"] == "image/svg+xml"
    expected = qr.screen_svg(f"http://testserver/truy-xuat/{product.trace_code}/")
    assert response.content == expected


def test_qr_png_encodes_the_absolute_trace_url(client, today, home_page):
    product = make_product()
    response = client.get(f"/truy-xuat/{product.trace_code}/qr.png", HTTP_HOST="127.0.0.1:8101")
    assert response["Content-Type"] == "image/png"
    assert response.content == qr.screen_png(
        f"http://127.0.0.1:8101/truy-xuat/{product.trace_code}/"
    )
    assert PillowImage.open(io.BytesIO(response.content)).format == "PNG"


def test_qr_in_another_format_is_404(client, today, home_page):
    product = make_product()
    assert client.get(f"/truy-xuat/{product.trace_code}/qr.gif").status_code == 404


def test_trace_page_of_a_two_star_certificate_says_it_is_not_ocop(client, today, home_page):
    product = make_product(stars=2, score="45", decision_date=date(2025, 1, 15))
    html = trace(client, product)
    assert "Sản phẩm đạt 2 sao: chỉ sản phẩm từ 3 sao trở lên được công nhận OCOP." in html
    assert "Sản phẩm đang có chứng nhận OCOP còn hiệu lực" not in html


def test_trace_page_before_the_decision_takes_effect(client, today, home_page):
    product = make_product(decision_date=date(2026, 11, 2))
    with time_machine.travel(date(2026, 11, 1), tick=False):
        html = trace(client, product)
    assert "Chứng nhận OCOP của sản phẩm có hiệu lực từ ngày 02/11/2026." in html
    assert "Sản phẩm đang có chứng nhận OCOP còn hiệu lực" not in html


def test_revocation_taking_effect_later_is_not_shown_as_revoked_yet(
    client, today, catalogue, home_page
):
    page = make_product_page(home_page)
    services.revoke_certification(
        page.product.current_certification,
        revoked_on=date(2026, 12, 1),
        decision="88/QĐ-UBND",
        reason="Vi phạm nhãn mác",
    )
    for html in (trace(client, page.product), client.get(page.url).content.decode()):
        assert "Còn hiệu lực" in html
        assert "Đã thu hồi" not in html
        assert "Sẽ thu hồi" in html and "Quyết định số 88/QĐ-UBND ngày 01/12/2026" in html
    assert "Thêm vào giỏ hàng" in client.get(page.url).content.decode()
    with time_machine.travel(date(2026, 12, 1), tick=False):
        html = client.get(page.url).content.decode()
    assert "Chứng nhận OCOP của sản phẩm đã bị thu hồi ngày 01/12/2026." in html
    assert "Thêm vào giỏ hàng" not in html

"""Trust pages: the star table and delivery terms come from the rules and settings the
shop applies; the demo's pages have real content."""

import pytest

from cms.demo_pages import CONTACT, STANDARD_PAGES
from cms.models import StandardPage
from marketplace.models import DeliverySettings

pytestmark = pytest.mark.django_db


def test_the_star_table_follows_the_rules(client, home_page):
    page = home_page.add_child(
        instance=StandardPage(title="Sao OCOP", slug="sao-ocop", body=[("ocop_stars", None)])
    )
    html = client.get(page.url).content.decode()
    table = html[html.index("<table") : html.index("</table>")]
    assert "90–100 điểm" in table
    assert "từ 70 đến dưới 90 điểm" in table and "từ 50 đến dưới 70 điểm" in table
    assert table.count("<td>Có</td>") == 3 and table.count("<td>Không</td>") == 2
    assert "Cấp trung ương" in table and "Cấp tỉnh" in table
    assert "hiệu lực 36 tháng" in html


def test_the_delivery_terms_are_the_settings(client, home_page):
    settings = DeliverySettings.load()
    settings.default_fee, settings.default_free_threshold = 25_000, 400_000
    settings.save()
    page = home_page.add_child(
        instance=StandardPage(title="Giao hàng", slug="giao-hang", body=[("delivery_terms", None)])
    )
    html = client.get(page.url).content.decode()
    assert "25.000\u00a0₫ cho mỗi chủ thể" in html
    assert "từ 400.000\u00a0₫" in html


def test_the_demo_trust_pages_have_real_content():
    slugs = {spec["slug"] for spec in STANDARD_PAGES}
    assert {"gioi-thieu", "sao-ocop", "doc-chung-nhan", "chinh-sach-doi-tra"} <= slugs
    for spec in [*STANDARD_PAGES, CONTACT]:
        words = sum(len(str(value).split()) for _type, value in spec["body"] if value)
        assert spec["search_description"] and spec["seo_title"]
        assert words > 40 or spec is CONTACT, spec["slug"]
    stars = next(spec for spec in STANDARD_PAGES if spec["slug"] == "sao-ocop")
    assert ("ocop_stars", None) in stars["body"]
    assert any("148/QĐ-TTg" in str(value) for _type, value in stars["body"])

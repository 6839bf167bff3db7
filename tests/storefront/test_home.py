"""The home page built from blocks: hero, promotion, featured products and villages,
shop by product set and by province, the trust strip."""

import importlib
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from catalog.models import ProductPage
from cms.models import StandardPage
from tests.catalog.conftest import add_gallery
from tests.factories import make_producer, make_product, make_product_page
from tests.tours.builders import make_village

pytestmark = pytest.mark.django_db


def publish_body(home_page, body):
    home_page.body = body
    home_page.save_revision().publish()
    home_page.refresh_from_db()


@pytest.fixture
def shop(today, catalogue, home_page):
    ca_mau = make_producer("HTX Cà Mau", province_code=96)
    cao_bang = make_producer("HTX Cao Bằng", province_code=4)
    pages = [
        make_product_page(
            home_page, make_product(name="Mật ong U Minh", producer=ca_mau, product_set=4)
        ),
        make_product_page(
            home_page, make_product(name="Miến dong", producer=cao_bang, product_set=6)
        ),
        make_product_page(
            home_page, make_product(name="Bánh cuốn", producer=cao_bang, product_set=6)
        ),
    ]
    for page in pages:
        add_gallery(page, 1)
    return pages


def test_blocks_render_in_the_editors_order(client, home_page, shop):
    about = home_page.add_child(instance=StandardPage(title="Sao OCOP", slug="sao-ocop"))
    publish_body(
        home_page,
        [
            ("hero", {"title": "Chợ OCOP chính hiệu", "text": "Từ làng nghề", "buttons": []}),
            (
                "trust_strip",
                {
                    "heading": "Yên tâm",
                    "items": [
                        {
                            "title": "3 đến 5 sao",
                            "text": "Chỉ sản phẩm được công nhận.",
                            "page": about,
                        },
                    ],
                },
            ),
            (
                "featured_products",
                {"heading": "Nổi bật", "products": [shop[2], shop[0]], "count": 8},
            ),
            ("product_sets", {"heading": "Theo bộ sản phẩm"}),
            ("provinces", {"heading": "Theo tỉnh"}),
        ],
    )
    html = client.get("/").content.decode()

    assert "<h1>Chợ OCOP chính hiệu</h1>" in html
    order = ["Yên tâm", "Nổi bật", "Theo bộ sản phẩm", "Theo tỉnh"]
    assert [html.index(text) for text in order] == sorted(html.index(text) for text in order)
    assert html.index("Bánh cuốn") < html.index("Mật ong U Minh")  # the editor's order
    assert "Miến dong" not in html.split("Nổi bật")[1].split("Theo bộ sản phẩm")[0]
    assert '?product_set=6">' in html and "2 sản phẩm" in html
    assert html.index(">Cà Mau<") < html.index(">Cao Bằng<")
    assert 'href="/sao-ocop/"' in html


def test_featured_products_hide_what_can_no_longer_be_sold(client, home_page, shop):
    ProductPage.objects.filter(pk=shop[0].pk).update(live=False)
    publish_body(
        home_page,
        [("featured_products", {"heading": "Nổi bật", "products": [shop[0], shop[1]], "count": 8})],
    )
    html = client.get("/").content.decode()
    assert "Miến dong" in html and "Mật ong U Minh" not in html


def test_cards_are_responsive_pictures_loaded_lazily(client, home_page, shop):
    publish_body(
        home_page,
        [("featured_products", {"heading": "Nổi bật", "products": [], "count": 8})],
    )
    html = client.get("/").content.decode()
    picture = html[html.index("<picture") : html.index("</picture>")]
    assert 'type="image/webp"' in picture
    assert "320w" in picture and "480w" in picture  # (the test image is 640 px wide)
    assert 'loading="lazy"' in picture and 'width="320"' in picture and 'height="240"' in picture


def home_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return len(queries)


def test_home_blocks_cost_the_same_queries_for_more_cards(client, home_page, shop):
    village = make_village(home_page)
    publish_body(
        home_page,
        [
            ("featured_products", {"heading": "Nổi bật", "products": [], "count": 8}),
            ("featured_villages", {"heading": "Làng nghề", "villages": [village], "count": 3}),
            ("product_sets", {"heading": "Theo bộ"}),
            ("provinces", {"heading": "Theo tỉnh"}),
        ],
    )
    client.get("/")  # renditions made once
    few = home_queries(client)
    for number in range(4):
        add_gallery(make_product_page(home_page, make_product(name=f"Thêm {number}")), 1)
    client.get("/")
    assert home_queries(client) <= few <= 20


def test_a_promotion_shows_until_its_end(client, home_page):
    now = timezone.now()
    promo = {
        "title": "Hội chợ OCOP Tết",
        "text": "",
        "image": None,
        "link": {"label": "Xem", "page": None, "url": "https://example.com/"},
    }
    publish_body(
        home_page,
        [
            (
                "promo",
                {**promo, "starts_at": now - timedelta(days=1), "ends_at": now + timedelta(days=1)},
            )
        ],
    )
    assert "Hội chợ OCOP Tết" in client.get("/").content.decode()
    publish_body(
        home_page,
        [
            (
                "promo",
                {**promo, "starts_at": now - timedelta(days=2), "ends_at": now - timedelta(days=1)},
            )
        ],
    )
    assert "Hội chợ OCOP Tết" not in client.get("/").content.decode()


def test_the_migration_moves_the_old_hero_into_the_body():
    migration = importlib.import_module("cms.migrations.0002_home_page_blocks")
    hero = migration.hero_block("Chào", "Lời giới thiệu", 7, 9, "Mua ngay")
    assert hero["type"] == "hero"
    assert hero["value"]["image"] == 7
    assert hero["value"]["buttons"][0]["value"] == {"label": "Mua ngay", "page": 9, "url": ""}
    body = [{"type": "paragraph", "value": "<p>x</p>", "id": "a"}]
    assert migration.with_hero(body, hero) == [hero, *body]
    assert migration.with_hero([hero], hero) == [hero]

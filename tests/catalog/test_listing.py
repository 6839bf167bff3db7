"""The catalogue listing: filters, sorting, pagination, cards; producer and province pages."""

import re
from datetime import date

import pytest

from catalog.models import ProductVariant
from tests.catalog.conftest import add_gallery
from tests.factories import make_producer, make_product, make_product_page

pytestmark = pytest.mark.django_db

HA_NOI, LAM_DONG, NINH_BINH = 1, 68, 37


def card_titles(response):
    assert response.status_code == 200
    return re.findall(
        r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a>', response.content.decode()
    )


@pytest.fixture
def assorted(today, catalogue, home_page):
    """Products differing in category, set, stars, province and producer."""
    cuc = make_producer("Cơ sở bánh gai Hương Cúc", province_code=NINH_BINH)
    cau_dat = make_producer("Hợp tác xã Cà phê Cầu Đất", province_code=LAM_DONG)
    bat_trang = make_producer("Xưởng gốm Bát Tràng", province_code=HA_NOI)
    specs = [
        ("Bánh gai", cuc, 6, 4, "75", 60_000),
        ("Chè lam", cuc, 6, 3, "60", 45_000),
        ("Cà phê Arabica", cau_dat, 13, 5, "92", 150_000),
        ("Rượu sim", cau_dat, 15, 3, "55", 185_000),
        ("Bình gốm men lam", bat_trang, 21, 4, "80", 480_000),
    ]
    return {
        name: make_product_page(
            home_page,
            make_product(
                name=name, producer=producer, product_set=number, stars=stars, score=score
            ),
            variants=((price, 5),),
        )
        for name, producer, number, stars, score, price in specs
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("category=thuc-pham", {"Bánh gai", "Chè lam", "Cà phê Arabica"}),
        ("category=do-uong", {"Rượu sim"}),
        ("category=thu-cong-my-nghe", {"Bình gốm men lam"}),
        ("product_set=6", {"Bánh gai", "Chè lam"}),
        ("product_set=13", {"Cà phê Arabica"}),
        ("stars=3", {"Chè lam", "Rượu sim"}),
        ("stars=5", {"Cà phê Arabica"}),
        (f"province={LAM_DONG}", {"Cà phê Arabica", "Rượu sim"}),
        (f"province={HA_NOI}", {"Bình gốm men lam"}),
        ("producer=huong cuc", {"Bánh gai", "Chè lam"}),  # no diacritics, any case
        ("producer=Cầu Đất", {"Cà phê Arabica", "Rượu sim"}),
        (f"province={NINH_BINH}&stars=4", {"Bánh gai"}),
        ("category=do-uong&stars=5", set()),
    ],
)
def test_filters(client, assorted, query, expected):
    assert set(card_titles(client.get(f"/san-pham/?{query}"))) == expected


def test_producer_filter_accepts_the_producer_slug(client, assorted):
    slug = assorted["Rượu sim"].product.producer.slug
    assert set(card_titles(client.get(f"/san-pham/?producer={slug}"))) == {
        "Cà phê Arabica",
        "Rượu sim",
    }


@pytest.mark.parametrize("query", ["stars=9", "province=999", "category=khong-co", "product_set=x"])
def test_a_bad_filter_value_is_reported_and_ignored(client, assorted, query):
    response = client.get(f"/san-pham/?{query}&producer=huong cuc")
    assert set(card_titles(response)) == {"Bánh gai", "Chè lam"}  # the good filter still applies
    html = response.content.decode()
    field = query.split("=")[0]
    assert f'<ul class="errorlist" id="id_{field}_errors">' in html
    assert re.search(
        rf'<(select|input)[^>]*aria-describedby="id_{field}_errors"[^>]*id="id_{field}"', html
    )


def test_filter_form_is_labelled_and_keeps_its_values(client, assorted):
    html = client.get(f"/san-pham/?stars=4&province={HA_NOI}").content.decode()
    for field in ["category", "product_set", "stars", "province", "producer", "sort"]:
        assert f'<label for="id_{field}">' in html
    assert '<option value="4" selected>4 sao</option>' in html
    assert f'<option value="{HA_NOI}" selected>Thành phố Hà Nội</option>' in html


def test_card_shows_image_producer_province_stars_price_and_stock(client, assorted):
    page = assorted["Cà phê Arabica"]
    add_gallery(page, 2)
    ProductVariant.objects.create(page=page, sku="CF-2", label="Gói 1 kg", price=520_000)
    html = client.get("/san-pham/?stars=5").content.decode()
    card = html[html.index('<li class="card product-card">') : html.index("</li>")]
    assert "fill-480x360" in card
    assert "Hợp tác xã Cà phê Cầu Đất · Lâm Đồng" in card
    assert "★★★★★" in card and "5 sao OCOP" in card
    assert "Từ 150.000\u00a0₫" in card  # the lowest active price
    assert "Còn hàng" in card


def test_card_says_out_of_stock(client, today, catalogue, home_page):
    make_product_page(home_page, make_product(name="Hết hàng"), variants=((90_000, 0),))
    html = client.get("/san-pham/").content.decode()
    assert "Từ 90.000\u00a0₫" in html
    assert "Tạm hết hàng" in html


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("price", ["Chè lam", "Bánh gai", "Cà phê Arabica", "Rượu sim", "Bình gốm men lam"]),
        ("-price", ["Bình gốm men lam", "Rượu sim", "Cà phê Arabica", "Bánh gai", "Chè lam"]),
        ("name", ["Bánh gai", "Bình gốm men lam", "Chè lam", "Cà phê Arabica", "Rượu sim"]),
    ],
)
def test_sorts(client, assorted, sort, expected):
    assert card_titles(client.get(f"/san-pham/?sort={sort}")) == expected


def test_stars_sort_puts_five_stars_first(client, assorted):
    titles = card_titles(client.get("/san-pham/?sort=stars"))
    assert titles[0] == "Cà phê Arabica"
    assert set(titles[-2:]) == {"Chè lam", "Rượu sim"}


@pytest.fixture
def thirty_same_price(today, catalogue, home_page):
    producer = make_producer()
    return [
        make_product_page(home_page, make_product(name="Gạo tám", producer=producer))
        for _ in range(30)
    ]


@pytest.mark.parametrize("sort", ["newest", "price", "-price", "stars", "name"])
def test_pagination_with_ties_never_repeats_or_skips(client, thirty_same_price, sort):
    first = client.get(f"/san-pham/?sort={sort}").content.decode()
    second = client.get(f"/san-pham/?sort={sort}&page=2").content.decode()
    links = re.findall(r'card__title"><a href="([^"]+)"', first + second)
    assert len(links) == 30
    assert set(links) == {page.url for page in thirty_same_price}
    assert "Trang 1/2" in first and "Trang 2/2" in second
    assert f"?sort={sort}&amp;page=2" in first  # the next link keeps the filters


@pytest.mark.parametrize(("page", "shown"), [("abc", "Trang 1/2"), ("99", "Trang 2/2")])
def test_bad_page_number_shows_the_nearest_page(client, thirty_same_price, page, shown):
    response = client.get(f"/san-pham/?page={page}")
    assert response.status_code == 200
    assert shown in response.content.decode()


def test_producer_page_lists_its_purchasable_products(client, assorted, home_page):
    producer = assorted["Bánh gai"].product.producer
    expired = make_product(name="Bánh cũ", producer=producer, decision_date=date(2020, 1, 1))
    make_product_page(home_page, expired)
    response = client.get(f"/san-pham/chu-the/{producer.slug}/")
    assert set(card_titles(response)) == {"Bánh gai", "Chè lam"}
    html = response.content.decode()
    assert "<h1>Cơ sở bánh gai Hương Cúc</h1>" in html
    assert 'href="/san-pham/tinh/ninh-binh/"' in html


def test_unknown_producer_is_404(client, catalogue):
    assert client.get("/san-pham/chu-the/khong-co/").status_code == 404


def test_product_page_links_to_its_producer(client, assorted):
    page = assorted["Bánh gai"]
    html = client.get(page.url).content.decode()
    assert f'href="/san-pham/chu-the/{page.product.producer.slug}/"' in html


def test_province_page_lists_products_of_its_producers(client, assorted):
    response = client.get("/san-pham/tinh/lam-dong/")
    assert set(card_titles(response)) == {"Cà phê Arabica", "Rượu sim"}
    assert "<h1>Sản phẩm OCOP Lâm Đồng</h1>" in response.content.decode()
    assert set(card_titles(client.get("/san-pham/tinh/lam-dong/?stars=5"))) == {"Cà phê Arabica"}


def test_province_index_lists_the_34_provinces_with_counts(client, assorted):
    html = client.get("/san-pham/tinh/").content.decode()
    assert len(re.findall(r'<a href="/san-pham/tinh/[a-z-]+/">', html)) == 34
    assert (
        '<a href="/san-pham/tinh/lam-dong/">Lâm Đồng</a> <span class="card__meta">(2 sản phẩm)'
        in html
    )
    assert (
        '<a href="/san-pham/tinh/ca-mau/">Cà Mau</a> <span class="card__meta">(0 sản phẩm)' in html
    )


def test_unknown_province_is_404(client, catalogue):
    assert client.get("/san-pham/tinh/nam-dinh/").status_code == 404  # merged in 2025


def test_listing_in_english(client, assorted):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/san-pham/").content.decode()
    assert "Filter products" in html
    assert "From 60.000\u00a0₫" in html

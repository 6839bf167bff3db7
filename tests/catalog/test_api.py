"""Wagtail API v2: the products endpoint and the product fields on the pages endpoint."""

import pytest

from catalog.models import ProductVariant
from tests.factories import make_producer, make_product, make_product_page, set_stock

pytestmark = pytest.mark.django_db

FIELDS = {
    "title",
    "url",
    "producer_name",
    "product_set_number",
    "province_code",
    "province_name",
    "stars",
    "score",
    "certificate_number",
    "certificate_status",
    "valid_until",
    "min_price",
    "in_stock",
}


@pytest.fixture
def coffee(today, catalogue, home_page):
    producer = make_producer("Hợp tác xã Cà phê Cầu Đất", province_code=68)
    page = make_product_page(
        home_page,
        make_product(
            name="Cà phê Arabica",
            producer=producer,
            product_set=13,
            stars=5,
            score="91.5",
            certificate_number="LD-OCOP-0031",
        ),
        variants=((270_000, 0), (145_000, 0)),
    )
    set_stock(
        ProductVariant.objects.create(
            page=page, sku="CF-X", label="Mẫu thử", price=1_000, is_active=False
        ),
        9,
    )
    return page


def test_products_listing_fields(client, coffee):
    items = client.get("/api/v2/products/").json()["items"]
    assert len(items) == 1
    item = items[0]
    assert set(item) >= FIELDS
    assert item["url"] == "http://testserver/san-pham/" + coffee.slug + "/"
    assert item["producer_name"] == "Hợp tác xã Cà phê Cầu Đất"
    assert item["product_set_number"] == 13
    assert (item["province_code"], item["province_name"]) == (68, "Lâm Đồng")
    assert (item["stars"], item["score"]) == (5, 91.5)
    assert item["certificate_number"] == "LD-OCOP-0031"
    assert item["certificate_status"] == "valid"
    assert item["valid_until"] == "2028-01-15"
    assert item["min_price"] == 145_000  # lowest active price; the inactive one is ignored
    assert item["in_stock"] is False  # only the inactive variant has stock


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ("province=68", 1),
        ("province=37", 0),
        ("stars=5", 1),
        ("stars=3", 0),
        ("category=thuc-pham", 1),
        ("product_set=13", 1),
        ("product_set=6", 0),
    ],
)
def test_products_listing_filters(client, coffee, query, count):
    assert client.get(f"/api/v2/products/?{query}").json()["meta"]["total_count"] == count


@pytest.mark.parametrize("query", ["stars=9", "province=abc", "colour=red"])
def test_bad_filter_is_a_400(client, coffee, query):
    response = client.get(f"/api/v2/products/?{query}")
    assert response.status_code == 400
    assert "message" in response.json()


def test_products_detail_has_the_same_fields(client, coffee):
    data = client.get(f"/api/v2/products/{coffee.pk}/").json()
    assert set(data) >= FIELDS
    assert data["purchasable"] is True
    assert data["trace_code"] == coffee.product.trace_code


def test_pages_endpoint_exposes_product_fields(client, coffee):
    response = client.get(
        "/api/v2/pages/?type=catalog.ProductPage&fields=stars,certificate_status,min_price,province_name"
    )
    item = response.json()["items"][0]
    assert (item["stars"], item["certificate_status"], item["min_price"]) == (5, "valid", 145_000)
    assert item["province_name"] == "Lâm Đồng"
    detail = client.get(f"/api/v2/pages/{coffee.pk}/").json()
    assert detail["producer_name"] == "Hợp tác xã Cà phê Cầu Đất"
    assert detail["in_stock"] is False


def test_products_search_finds_purchasable_products_only(client, today, catalogue, home_page):
    make_product_page(home_page, title="Bánh gai Hương Cúc", product=make_product(stars=4))
    make_product_page(
        home_page, title="Bánh cốm chưa công nhận", product=make_product(certified=False)
    )
    make_product_page(home_page, title="Kẹo lạc")

    def titles(query):
        response = client.get(f"/api/v2/products/?{query}")
        assert response.status_code == 200, response.content
        return [item["title"] for item in response.json()["items"]]

    # Accented query: diacritic-insensitive search is the search app's (issue of its own).
    assert titles("search=bánh") == ["Bánh gai Hương Cúc"]
    assert titles("search=bánh&stars=4") == ["Bánh gai Hương Cúc"]
    assert titles("search=bánh&stars=5") == []


@pytest.mark.parametrize("pk", ["999999", "99999999999999999999999"])
def test_unknown_product_id_is_a_404(client, coffee, pk):
    assert client.get(f"/api/v2/products/{pk}/").status_code == 404


def test_a_page_of_products_reads_the_site_root_paths_once(client, coffee, home_page, monkeypatch):
    """Each item's URL would read them from the cache again (ocop.pages.ConfiguredAddress)."""
    from wagtail.models import Site

    make_product_page(home_page, make_product(name="Chè Shan tuyết"))
    reads = []
    original = Site.get_site_root_paths

    def counting():
        reads.append(1)
        return original()

    monkeypatch.setattr(Site, "get_site_root_paths", staticmethod(counting))
    items = client.get("/api/v2/products/").json()["items"]
    assert len(items) == 2 and all(item["url"].startswith("http://testserver/") for item in items)
    assert len(reads) == 1


def test_a_new_view_restriction_hides_the_products_with_the_shared_cache_on(
    shared_cache_on, client, coffee, catalogue, django_capture_on_commit_callbacks
):
    """The API's view restrictions come from the shared cache (ocop.pages); adding one
    bumps it, so the next request no longer lists what it hides."""
    from wagtail.models import PageViewRestriction

    assert len(client.get("/api/v2/products/").json()["items"]) == 1
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=catalogue, restriction_type=PageViewRestriction.PASSWORD, password="bí mật"
        )
    assert client.get("/api/v2/products/").json()["items"] == []


def listed(client, query=""):
    body = client.get(f"/api/v2/products/?limit=50{query}").json()
    return body["meta"]["total_count"], [item["title"] for item in body["items"]]


@pytest.fixture
def assorted(coffee, home_page):
    """Coffee, and products of other stars and provinces, one not certified."""
    make_product_page(home_page, make_product(name="Trà Shan tuyết", stars=4))
    make_product_page(home_page, make_product(name="Mật ong bạc hà", stars=3, score="60"))
    make_product_page(
        home_page, make_product(name="Gạo tám", producer=make_producer(province_code=68), stars=4)
    )
    make_product_page(home_page, make_product(name="Nước mắm", certified=False))


@pytest.mark.parametrize(
    "query", ["", "&stars=4", "&province=68", "&offset=1", "&offset=2&limit=2", "&product_set=13"]
)
def test_the_list_from_the_sale_listing_is_the_list_of_visible_pages(client, assorted, query):
    """A list asking for no more than the catalogue's filters is read from the sale
    listing alone; ``?order=id`` (the same order) takes it through Wagtail's filters over
    the visible product pages instead. Both give the same products and total."""
    from_sale_listing = listed(client, query)
    assert from_sale_listing == listed(client, f"{query}&order=id")
    if not query:
        assert from_sale_listing[0] == 4 and "Nước mắm" not in from_sale_listing[1]


def test_a_page_moved_out_of_the_site_leaves_the_list_on_the_next_request(
    shared_cache_on, client, assorted, django_capture_on_commit_callbacks
):
    """The sale listing is read alone while every listed page lies under the site's root
    (kept in the shared cache); moving a page out of it changes that at once."""
    from wagtail.models import Page

    from catalog.models import ProductPage

    assert listed(client)[0] == 4
    elsewhere = Page.get_first_root_node().add_child(instance=Page(title="Nơi khác", slug="khac"))
    with django_capture_on_commit_callbacks(execute=True):
        ProductPage.objects.get(title="Gạo tám").move(elsewhere, pos="last-child")
    total, titles = listed(client)
    assert total == 3 and "Gạo tám" not in titles
    assert listed(client, "&province=68") == (1, ["Cà phê Arabica"])


@pytest.mark.parametrize("endpoint", ["products", "pages", "images", "documents"])
def test_every_endpoint_answers_compact_json(client, coffee, endpoint):
    """Compact JSON is encoded in C; Wagtail's indented JSON went through Python."""
    response = client.get(f"/api/v2/{endpoint}/")
    assert response.status_code == 200
    assert b"\n" not in response.content and b'": ' not in response.content
    assert "meta" in response.json()

"""The catalogue's hot pages and the products API run the same number of SQL queries on a
small catalogue (2 products, 1 variant, 1 image) as on a large one (25 products, 4
variants, 4 images), within the budget (query_counts.py).

The two catalogues are built once for the module (tests/shared_data.py); a test that
adds to them does so in its own savepoint.
"""

import pytest
import time_machine

from catalog.models import ProductVariant
from tests.catalog.conftest import TODAY, add_gallery, make_image
from tests.catalog.query_counts import (
    BUDGET,
    ENGLISH_BUDGET,
    PAGES_ENDPOINT_BUDGET,
    build,
    queries,
    translate,
)
from tests.conftest import make_home_page
from tests.factories import catalog_index, make_producer, set_stock
from tests.shared_data import data_for_the_module

# The site, its root page and settings come from the shared cache, as in production.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_cache_on")]


@pytest.fixture(scope="module")
def catalogues(django_db_setup, django_db_blocker):
    """The home page, and a small and a large catalogue under it, made on TODAY."""

    def make():
        with time_machine.travel(TODAY, tick=False):
            home = make_home_page()
            catalog_index(home).save_revision().publish()
            small_producer, large_producer = make_producer(), make_producer(province_code=68)
            small = build(home, products=2, variants=1, images=1, producer=small_producer)
            large = build(home, products=25, variants=4, images=4, producer=large_producer)
            return home, (small, large)

    with data_for_the_module(django_db_blocker, make) as made:
        yield made


@pytest.fixture
def small_and_large(catalogues, db, today):
    return catalogues[1]


@pytest.fixture
def shared_home(catalogues, db):
    return catalogues[0]


@pytest.mark.parametrize(
    "path",
    [
        "/san-pham/?producer={slug}",
        "/san-pham/?producer={slug}&sort=price&stars=4",
        "/san-pham/chu-the/{slug}/",
        "/san-pham/tinh/{province}/",
        "/api/v2/products/?province={code}",
    ],
)
def test_listings_run_constant_queries(client, small_and_large, path):
    counts = []
    for pages in small_and_large:
        producer = pages[0].product.producer
        url = path.format(
            slug=producer.slug,
            province=producer.province.codename.replace("_", "-"),
            code=producer.province_code,
        )
        counts.append(queries(client, url))
    assert counts[0] == counts[1]
    assert counts[1] <= BUDGET


def test_product_page_runs_constant_queries(client, small_and_large):
    small, large = small_and_large
    rich = large[0]
    for n in range(6):
        set_stock(
            ProductVariant.objects.create(page=rich, sku=f"X-{n}", label=f"Loại {n}", price=9_000),
            n,
        )
    add_gallery(rich, 6, image=make_image("Khác"))
    counts = [queries(client, small[0].url), queries(client, rich.url)]
    assert counts[0] == counts[1]
    assert counts[1] <= BUDGET


def test_trace_page_runs_constant_queries(client, small_and_large):
    small, large = small_and_large
    counts = [
        queries(client, f"/truy-xuat/{pages[0].product.trace_code}/") for pages in (small, large)
    ]
    assert counts[0] == counts[1] <= BUDGET


def test_pages_endpoint_detail_loads_product_data_with_the_page(client, small_and_large):
    small, large = small_and_large
    counts = [queries(client, f"/api/v2/pages/{pages[0].pk}/") for pages in (small, large)]
    assert counts[0] == counts[1] <= 10  # 8 before pages had locales (English copies)


def test_english_listing_product_page_and_api_run_constant_queries(
    client, small_and_large, shared_home
):
    """Read in English, each card is the product's English copy: one more query per list,
    whatever its length; the English product page reads its original's product."""
    small, large = small_and_large
    copies = [translate(shared_home, pages) for pages in (small, large)]
    listing, product, api = [], [], []
    for pages, english_pages in zip(small_and_large, copies, strict=True):
        slug = pages[0].product.producer.slug
        html = client.get(f"/en/products/?producer={slug}").content.decode()
        newest = pages[-1]  # on the first page of results
        assert f"In English {newest.pk}" in html, "the English copy's card"
        assert newest.title not in html, "no Vietnamese card"
        listing.append(queries(client, f"/en/products/?producer={slug}"))
        product.append(queries(client, english_pages[0].url))
        api.append(queries(client, "/api/v2/pages/?type=catalog.ProductPage&fields=*&locale=en"))
    assert listing[0] == listing[1] <= ENGLISH_BUDGET
    assert product[0] == product[1] <= ENGLISH_BUDGET
    assert api[0] == api[1] <= PAGES_ENDPOINT_BUDGET

"""Budgets and helpers of the query-count tests (test_queries.py, test_queries_by_size.py)."""

import io

from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.models import ProductPage
from cms.demo import ensure_english
from tests.catalog.conftest import add_gallery, make_image
from tests.factories import catalog_index, make_product, make_product_page

# Issue 17: at most 12 queries on the listing, product, producer, province and trace
# pages (the site, its root page and settings come from the cache: ocop.page_cache).
BUDGET = 12
# Under /en/ too: the English root and the section a path enters come from the shared
# cache (cms.middleware, HomePage.route), as the Vietnamese ones do (issue 17).
ENGLISH_BUDGET = BUDGET
# Wagtail's own pages endpoint (not a hot page of issue 17) keeps the catalog issue's 15.
PAGES_ENDPOINT_BUDGET = 15


def build(home_page, products, variants, images, producer):
    image = make_image()
    pages = []
    for _ in range(products):
        page = make_product_page(
            home_page,
            make_product(producer=producer),
            variants=[(100_000 + 1_000 * n, 5) for n in range(variants)],
        )
        add_gallery(page, images, image=image)
        pages.append(page)
    return pages


def queries(client, url):
    client.get(url)  # warm up: renditions, site root paths
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def translate(home_page, pages):
    """English copies of the home page, the catalogue and ``pages`` (cms.demo)."""
    out = io.StringIO()
    ensure_english(home_page, out, title="OCOP Market")
    ensure_english(catalog_index(home_page), out, slug="products", title="OCOP products")
    copies = [
        ensure_english(page, out, slug=f"en-{page.slug}", title=f"In English {page.pk}")
        for page in pages
    ]
    return list(ProductPage.objects.filter(pk__in=[copy.pk for copy in copies]).order_by("pk"))

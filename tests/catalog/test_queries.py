"""Catalogue pages and the products API run a constant number of SQL queries.

Each page is requested once to warm up (image renditions are generated on first
use), then measured for a small and a large catalogue; the counts must be equal
and stay within the budget whatever the number of products, variants and images.
(The pages measured on one small and one large catalogue: test_queries_by_size.py.)
"""

import pytest

from tests.catalog.conftest import make_image
from tests.catalog.query_counts import BUDGET, PAGES_ENDPOINT_BUDGET, build, queries
from tests.factories import make_producer, make_product
from tests.tours.builders import make_tour, make_village
from tours.models import TourProduct, VillageImage

# The site, its root page and settings come from the shared cache, as in production.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_cache_on")]


def test_a_warm_product_page_with_its_village_and_tours_runs_at_most_12_queries(
    client, today, catalogue, home_page
):
    """Issue 13, item 11 (and issue 17): the budget holds with the links to tours too."""
    producer = make_producer(ward_code=583, province_code=1)
    [page] = build(home_page, products=1, variants=3, images=3, producer=producer)
    village = make_village(home_page, include_ward_producers=True, ward_code=583)
    for number in range(3):
        tour = make_tour(home_page, villages=[village], title=f"Tour {number}")
        TourProduct.objects.create(tour=tour, product=page.product)
    html = client.get(page.url).content.decode()
    assert village.title in html and "Tour 2" in html
    assert queries(client, page.url) <= BUDGET


@pytest.mark.parametrize(
    "path",
    [
        "/api/v2/pages/?type=catalog.ProductPage&fields=*",
        "/api/v2/pages/?type=catalog.ProductPage&fields=*&search=phẩm",
        "/api/v2/pages/?fields=*",
    ],
)
def test_pages_endpoint_listing_runs_constant_queries(client, today, catalogue, home_page, path):
    """Product fields on Wagtail's pages endpoint: 2 products cost what 8 do."""
    build(home_page, products=2, variants=1, images=1, producer=make_producer())
    few = queries(client, path)
    build(home_page, products=6, variants=4, images=3, producer=make_producer())
    many = queries(client, path)
    assert few == many <= PAGES_ENDPOINT_BUDGET
    assert len(client.get(path).json()["items"]) >= 8


def build_tours(home_page, count, image):
    """``count`` villages, each with a gallery and a tour that shows a product made."""
    for _ in range(count):
        village = make_village(home_page, hero_image=image)
        for position in range(2):
            VillageImage.objects.create(page=village, image=image, sort_order=position)
        village.save_revision().publish()
        tour = make_tour(home_page, villages=[village], hero_image=image)
        TourProduct.objects.create(tour=tour, product=make_product())
        tour.save_revision().publish()


def test_pages_endpoint_lists_tours_in_constant_queries(client, today, home_page):
    image = make_image()
    path = "/api/v2/pages/?type=tours.TourPage&fields=*"
    build_tours(home_page, 2, image)
    few = queries(client, path)
    build_tours(home_page, 6, image)
    many = queries(client, path)
    assert few == many <= PAGES_ENDPOINT_BUDGET
    items = client.get(path).json()["items"]
    assert len(items) == 8 and all(item["village_list"] and item["product_list"] for item in items)


def test_pages_endpoint_lists_villages_with_one_query_each_for_their_producers(
    client, today, home_page
):
    """Gallery, hero image and tours come prefetched; the village's producers (picked
    or of its ward, ``located_producers``) are still one query per village."""
    image = make_image()
    path = "/api/v2/pages/?type=tours.CraftVillagePage&fields=*"
    build_tours(home_page, 2, image)
    few = queries(client, path)
    build_tours(home_page, 6, image)
    many = queries(client, path)
    assert many - few <= 6
    items = client.get(path).json()["items"]
    assert len(items) == 8 and all(item["gallery_images"] and item["tour_list"] for item in items)

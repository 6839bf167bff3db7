import pytest
from django.core.cache import cache
from wagtail.models import Page

from tests.factories import make_producer, restore_reference_data
from tours.models import TourPage

from .builders import make_departure, make_tour, make_village


@pytest.fixture
def village(home_page):
    return make_village(home_page, title="Bát Tràng", slug="bat-trang")


@pytest.fixture
def tour(home_page, village):
    return make_tour(home_page, villages=[village], title="Một ngày làm gốm", slug="lam-gom")


@pytest.fixture
def departure(tour):
    return make_departure(tour, capacity=10)


@pytest.fixture(autouse=True)
def fresh_cache():
    """The per-client hold counts live in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def tour_in_fresh_tree(transactional_db):
    """A tour page, built even when an earlier transactional test flushed the page tree."""
    restore_reference_data()
    return Page.get_first_root_node().add_child(
        instance=TourPage(
            title="Tour đông khách",
            slug="tour-dong-khach",
            operator=make_producer(legal_form="cooperative"),
            duration_minutes=120,
            meeting_point="Cổng làng",
            price_adult=200_000,
            max_group_size=10,
        )
    )

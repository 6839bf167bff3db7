import pytest
from django.core.cache import cache

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

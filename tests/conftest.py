import pytest
from django.conf import settings
from django.utils import translation
from pytest_django.plugin import blocking_manager_key
from wagtail.models import Page, Site

from cms.models import HomePage
from tests.factories import restore_reference_data


def make_home_page():
    """A published home page as the default site's root, as load_demo makes it."""
    root = Page.get_first_root_node()
    for placeholder in root.get_children():
        placeholder.delete()
    home = root.add_child(instance=HomePage(title="Chợ OCOP", slug="home"))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Chợ OCOP"},
    )
    return home


@pytest.fixture
def home_page(db):
    return make_home_page()


@pytest.fixture
def shared_cache_on(settings):
    """The shared site data cache on (the test settings keep it off), empty before and
    after (ocop.page_cache.shared)."""
    from django.core.cache import cache

    settings.OCOP_SHARED_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def vietnamese_after_each_test():
    """A request in English leaves English active in the thread; the next test starts
    in the site's language, as a new request would."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test empties the database after it, migration data included
    (the page tree's root, locales, taxonomy, roles). In one process pytest-django runs
    those tests last; under pytest-xdist a worker's next file may come after one, so the
    data is put back once the test's own teardown has flushed."""
    result = yield
    if nextitem is not None and _is_transactional(item):  # (after the last, no database)
        with item.config.stash[blocking_manager_key].unblock():
            restore_reference_data()
    return result


def _is_transactional(item):
    marker = item.get_closest_marker("django_db")
    if marker is not None and (marker.kwargs.get("transaction") or marker.args[:1] == (True,)):
        return True
    fixtures = getattr(item, "fixturenames", ())
    return "transactional_db" in fixtures or "live_server" in fixtures

import pytest
from django.conf import settings
from django.utils import translation
from wagtail.models import Page, Site

from cms.models import HomePage


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


@pytest.fixture(autouse=True)
def vietnamese_after_each_test():
    """A request in English leaves English active in the thread; the next test starts
    in the site's language, as a new request would."""
    yield
    translation.activate(settings.LANGUAGE_CODE)

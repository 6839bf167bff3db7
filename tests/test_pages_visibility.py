"""ocop.pages: Wagtail's visibility rules in one query each, with the same answers."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from cms.models import StandardPage
from ocop.pages import public

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(home_page):
    def add(parent, slug):
        return parent.add_child(instance=StandardPage(title=slug, slug=slug))

    open_section = add(home_page, "mo")
    private = add(home_page, "rieng")
    below_private = add(private, "duoi-rieng")
    deep = add(below_private, "sau")
    also_open = add(open_section, "mo-2")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    return {"open": [home_page, open_section, also_open], "closed": [private, below_private, deep]}


def test_public_agrees_with_wagtails_and_runs_one_query(tree):
    with CaptureQueriesContext(connection) as captured:
        ours = set(public(Page.objects.all()).values_list("pk", flat=True))
    assert len(captured) == 1
    assert ours == set(Page.objects.public().values_list("pk", flat=True))
    assert {page.pk for page in tree["open"]} <= ours
    assert not {page.pk for page in tree["closed"]} & ours


def test_view_restrictions_agree_with_wagtails_and_run_one_query(tree):
    for page in tree["open"] + tree["closed"]:
        page = page.specific
        with CaptureQueriesContext(connection) as captured:
            ours = set(page.get_view_restrictions())
        assert len(captured) == 1
        assert ours == set(Page.get_view_restrictions(page))

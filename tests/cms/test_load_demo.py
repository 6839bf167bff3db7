import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.http import HttpRequest
from wagtail.models import Page, Site

from cms import demo
from cms.i18n import originals
from cms.models import HomePage

pytestmark = pytest.mark.django_db


def run_cms_demo():
    demo.load(stdout=io.StringIO())


def test_cms_demo_seeds_site_tree_and_admin(client):
    run_cms_demo()
    home = originals(HomePage.objects).get()
    demo.finish(io.StringIO())  # the home pages' blocks, after every app's demo
    english_home = HomePage.objects.get(locale__language_code="en")
    assert english_home.hero["title"].startswith("Genuine OCOP")
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert client.login(
        request=HttpRequest(), username=demo.ADMIN_USERNAME, password=demo.ADMIN_PASSWORD
    )
    assert client.get("/").status_code == 200
    assert client.get("/gioi-thieu/").status_code == 200
    assert "OCOP Market" in client.get("/en/about/").content.decode()


def test_cms_demo_is_idempotent():
    run_cms_demo()
    pages, users = Page.objects.count(), get_user_model().objects.count()
    run_cms_demo()
    assert (Page.objects.count(), get_user_model().objects.count()) == (pages, users)


def test_load_demo_command_runs_every_app_demo():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert "Demo data is in place." in out.getvalue()
    assert HomePage.objects.count() == 2  # Vietnamese, and its English copy

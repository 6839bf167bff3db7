"""The roles' groups (catalog/migrations/0007_roles.py) and the demo accounts."""

import io

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import GroupPagePermission

from catalog import demo, roles
from cms import demo as cms_demo
from tours import demo as tours_demo

pytestmark = pytest.mark.django_db


def codenames(group_name):
    from django.contrib.auth.models import Group

    group = Group.objects.get(name=group_name)
    return set(group.permissions.values_list("codename", flat=True))


def test_migration_makes_the_three_roles():
    assert codenames(roles.PRODUCER_GROUP) == {"access_admin"}
    officer = codenames(roles.OFFICER_GROUP)
    assert {"change_suborder", "change_inventory", "add_departure", "add_certification"} <= officer
    assert {"change_producer", "add_product", "change_product"} <= officer
    editor = codenames(roles.EDITOR_GROUP)
    assert "change_navigationsettings" in editor
    assert not editor & {"change_suborder", "change_product", "change_producer"}
    root_perms = GroupPagePermission.objects.filter(page__depth=1)
    for name in (roles.OFFICER_GROUP, roles.EDITOR_GROUP):
        held = set(
            root_perms.filter(group__name=name).values_list("permission__codename", flat=True)
        )
        assert {"add_page", "change_page", "publish_page"} <= held
    assert not root_perms.filter(group__name=roles.PRODUCER_GROUP).exists()


def test_demo_accounts_one_per_role_idempotent(home_page):
    out = io.StringIO()
    for _ in range(2):
        cms_demo.load(stdout=out)
        demo.load(stdout=out)
        tours_demo.load(stdout=out)
    User = get_user_model()
    for username in ("htx-caudat", "htx-tancuong", "htx-vikhe"):
        user = User.objects.get(username=username)
        assert user.groups.filter(name=roles.PRODUCER_GROUP).exists()
        assert user.producers.filter(products__isnull=False).exists(), username
        assert user.check_password(cms_demo.ADMIN_PASSWORD)
    vikhe = User.objects.get(username="htx-vikhe")
    assert vikhe.producers.filter(operated_tours__isnull=False).exists()
    assert User.objects.get(username="canbo-tinh").groups.filter(name=roles.OFFICER_GROUP).exists()
    assert User.objects.get(username="bientap").groups.filter(name=roles.EDITOR_GROUP).exists()
    assert out.getvalue().count("Created demo user 'canbo-tinh'") == 1
    from wagtail.models import WorkflowPage

    from catalog.models import CatalogIndexPage
    from cms.i18n import originals

    assigned = WorkflowPage.objects.get(page=originals(CatalogIndexPage.objects).get())
    assert assigned.workflow.name == roles.WORKFLOW_NAME


def test_editor_keeps_content_pages_home_and_navigation(client, home_page, market, users):
    from django.urls import reverse
    from wagtail.models import Site

    client.force_login(users["editor"])
    assert client.get(reverse("wagtailadmin_pages:edit", args=[home_page.pk])).status_code == 200
    site = Site.objects.get(is_default_site=True)
    settings_url = reverse("wagtailsettings:edit", args=["cms", "navigationsettings", site.pk])
    assert client.get(settings_url).status_code == 200
    for url in ("/admin/stock/", "/admin/orders/", "/admin/tours/departures/"):
        response = client.get(url)
        assert response.status_code in (302, 403), url


def test_who_is_told_about_a_product_page(market, users):
    """Workflow and notification code asks the page policy which users may act on a page."""
    from wagtail.models import Page
    from wagtail.permissions import policy_registry

    policy = policy_registry.get_by_type(Page)
    rice = market["rice"]
    editors = policy.users_with_any_permission_for_instance(["change"], rice)
    names = set(editors.values_list("username", flat=True))
    assert {"admin", "canbo", "haitoan"} <= names
    assert not names & {"vikhe", "bientap"}


def test_search_report_is_for_officers(client, market, users):
    assert "view_querylogentry" in codenames(roles.OFFICER_GROUP)
    assert "add_searchpromotion" in codenames(roles.EDITOR_GROUP)
    for role, allowed in (("officer", True), ("hai_toan", False), ("editor", False)):
        client.force_login(users[role])
        response = client.get("/admin/search/queries/")
        assert (response.status_code == 200) == allowed, role

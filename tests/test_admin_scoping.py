"""Producers see only their own things in the admin: history, usage, choosers (item 3)."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from tests.factories import catalog_index, make_producer, make_product, make_product_page
from tests.tours.builders import make_departure, make_tour, make_village

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(home_page):
    village = make_village(home_page)
    mine = make_tour(home_page, villages=[village], title="Tour của tôi")
    theirs = make_tour(
        home_page,
        villages=[village],
        title="Tour của người khác",
        operator=make_producer("Hộ kinh doanh khác", legal_form="household"),
    )
    return {
        "mine": make_departure(mine),
        "theirs": make_departure(theirs),
        "my_producer": mine.operator,
        "their_producer": theirs.operator,
    }


@pytest.fixture
def producer_client(client, django_user_model, world):
    user = django_user_model.objects.create_user("hoptacxa", password="x")
    group = Group.objects.create(name="Chủ thể thử nghiệm")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    world["my_producer"].users.add(user)
    client.force_login(user)
    client.user = user
    return client


@pytest.mark.parametrize("view", ["history", "usage"])
def test_a_producer_opens_only_its_own_departures_history_and_usage(producer_client, world, view):
    own = producer_client.get(reverse(f"tour_departures:{view}", args=[world["mine"].pk]))
    other = producer_client.get(reverse(f"tour_departures:{view}", args=[world["theirs"].pk]))
    assert own.status_code == 200
    assert other.status_code == 404


def test_editors_still_open_every_departures_history(admin_client, world):
    url = reverse("tour_departures:history", args=[world["theirs"].pk])
    assert admin_client.get(url).status_code == 200


def chooser_names(client, model):
    response = client.get(f"/admin/snippets/choose/catalog/{model}/")
    assert response.status_code == 200
    return response.json()["html"]


def test_the_producer_chooser_lists_only_the_producers_own(producer_client, world):
    html = chooser_names(producer_client, "producer")
    assert world["my_producer"].name in html
    assert world["their_producer"].name not in html
    chosen = f"/admin/snippets/choose/catalog/producer/chosen/{world['their_producer'].pk}/"
    assert producer_client.get(chosen).status_code == 404


def test_the_product_chooser_lists_only_the_producers_products(producer_client, world):
    make_product(name="Gốm của tôi", producer=world["my_producer"])
    theirs = make_product(name="Chè của người khác", producer=world["their_producer"])
    html = chooser_names(producer_client, "product")
    assert "Gốm của tôi" in html and "Chè của người khác" not in html
    chosen = f"/admin/snippets/choose/catalog/product/chosen/{theirs.pk}/"
    assert producer_client.get(chosen).status_code == 404


def test_editors_choose_among_every_producer(admin_client, world):
    html = chooser_names(admin_client, "producer")
    assert world["my_producer"].name in html and world["their_producer"].name in html


def test_the_page_chooser_hides_other_peoples_drafts(producer_client, admin_client, home_page):
    catalog_index(home_page).save_revision().publish()
    draft = make_product_page(home_page, make_product(name="Bản nháp bí mật"))
    draft.unpublish()
    url = reverse("wagtailadmin_choose_page_child", args=[draft.get_parent().pk])
    assert "Bản nháp bí mật" not in producer_client.get(url).json()["html"]
    assert "Bản nháp bí mật" in admin_client.get(url).json()["html"]

"""Producers' content changes go through the officers' workflow "Duyệt sản phẩm OCOP";
publishing an approved revision never changes stock."""

import pytest
from django.urls import reverse
from wagtail.models import Page, WorkflowState

from catalog import roles
from catalog.models import ProductPage
from marketplace.models import Inventory
from marketplace.services import inventory

from .pages import product_page_form

pytestmark = pytest.mark.django_db


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def stock(page):
    return {
        row.sku: row.quantity
        for row in Inventory.objects.filter(sku__in=page.variants.values("sku"))
    }


def test_product_pages_are_moderated_by_the_officers_workflow(market):
    workflow = market["rice"].get_workflow()
    assert workflow.name == roles.WORKFLOW_NAME
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == [roles.OFFICER_GROUP]


def test_producer_submits_for_moderation_but_cannot_publish(client, market, users):
    rice = market["rice"]
    client.force_login(users["hai_toan"])
    form = product_page_form(rice, summary="Gạo tám thơm vụ mùa 2026")
    response = client.post(edit_url(rice), form | {"action-publish": "publish"})
    assert response.status_code in (302, 403) or "publish" not in response.url
    rice.refresh_from_db()
    assert rice.summary != "Gạo tám thơm vụ mùa 2026"  # nothing published by the producer

    response = client.post(edit_url(rice), form | {"action-submit": "submit"})
    assert response.status_code == 302, response.context and response.context["form"].errors
    rice.refresh_from_db()
    assert rice.workflow_in_progress
    assert rice.summary != "Gạo tám thơm vụ mùa 2026"  # the live page waits for approval
    assert rice.get_latest_revision_as_object().summary == "Gạo tám thơm vụ mùa 2026"


def test_officer_approves_and_publishing_keeps_the_stock(client, market, users):
    rice = market["rice"]
    client.force_login(users["hai_toan"])
    form = product_page_form(rice, summary="Mô tả mới cần duyệt")
    assert client.post(edit_url(rice), form | {"action-submit": "submit"}).status_code == 302
    # Meanwhile, sales and a count move the stock.
    sku = rice.variants.first().sku
    inventory.set_stock(sku, 42, user=users["hai_toan"], note="Kiểm kho")
    before = stock(rice)

    state = WorkflowState.objects.get(object_id=str(rice.pk), status="in_progress")
    task_state = state.current_task_state
    client.force_login(users["officer"])
    url = reverse("wagtailadmin_pages:workflow_action", args=[rice.pk, "approve", task_state.pk])
    response = client.post(url, {"comment": "Đồng ý"})
    assert response.status_code in (200, 302)
    rice = ProductPage.objects.get(pk=rice.pk)
    assert rice.live and rice.summary == "Mô tả mới cần duyệt"
    assert stock(rice) == before and before[sku] == 42


def test_another_producer_cannot_approve_or_submit(client, market, users):
    rice = market["rice"]
    client.force_login(users["hai_toan"])
    client.post(edit_url(rice), product_page_form(rice) | {"action-submit": "submit"})
    state = WorkflowState.objects.get(object_id=str(rice.pk), status="in_progress")
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[rice.pk, "approve", state.current_task_state.pk],
    )
    for user in ("vi_khe", "hai_toan", "editor"):
        client.force_login(users[user])
        client.post(url, {"comment": "tự duyệt"})
        assert Page.objects.get(pk=rice.pk).specific.workflow_in_progress, user


def test_producer_creates_a_page_for_its_own_product_only(client, market, users):
    from tests.factories import make_product

    index = market["rice"].get_parent()
    own = make_product(name="Gạo nếp cái hoa vàng", producer=market["hai_toan"])
    other = make_product(name="Đào thế Vĩ Khê", producer=market["vi_khe"])
    client.force_login(users["hai_toan"])
    add_url = reverse("wagtailadmin_pages:add", args=["catalog", "productpage", index.pk])
    page = response = client.get(add_url)
    assert response.status_code == 200
    blank = ProductPage(title="x", slug="x", product=own)
    for product, slug in ((other, "dao-the"), (own, "gao-nep")):
        data = product_page_form(blank, title=product.name, slug=slug, product=product.pk)
        data |= {"variants-TOTAL_FORMS": "0", "variants-INITIAL_FORMS": "0"}
        response = client.post(add_url, data | {"action-submit": "submit"})
        page = ProductPage.objects.filter(slug=slug).first()
        if product == other:
            assert page is None and response.status_code == 200
            assert "product" in response.context["form"].errors
        else:
            assert page is not None, response.context and response.context["form"].errors
            assert not page.live and page.workflow_in_progress

"""A producer runs its shop in the admin (real browser, JavaScript on: the Wagtail admin
needs it): edits a product description and submits it for moderation, counts its stock
at once, prints a label sheet; then an officer approves and the change is published."""

import re
import shutil
import subprocess

import pytest
import zxingcpp
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from PIL import Image
from playwright.sync_api import expect

from catalog import qr, roles
from catalog.models import ProductPage
from marketplace.models import Inventory
from tests.marketplace.builders import build_market, first_variant

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "Gao-tam-thom-2026!"


@pytest.fixture
def admin_tab(browser, live_server, reference_data):
    contexts = []

    def open_tab():
        context = browser.new_context(
            base_url=live_server.url,
            java_script_enabled=True,
            viewport={"width": 1280, "height": 900},
            locale="vi-VN",
            accept_downloads=True,
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_tab
    for context in contexts:
        context.close()


def make_user(username, group_name):
    user = get_user_model().objects.create_user(username, f"{username}@example.vn", PASSWORD)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def log_in(tab, username):
    tab.goto("/admin/login/")
    tab.fill("input[name=username]", username)
    tab.fill("input[name=password]", PASSWORD)
    tab.click("button[type=submit]")
    tab.wait_for_url("**/admin/")


def open_more_actions(tab):
    tab.locator("footer [data-w-dropdown-target='toggle']").first.click()


def test_producer_edits_submits_counts_prints_and_officer_publishes(admin_tab, home_page, tmp_path):
    market = build_market(home_page)
    rice = market["rice"]
    variant = first_variant(rice)
    producer_user = make_user("haitoan", roles.PRODUCER_GROUP)
    market["hai_toan"].users.add(producer_user)
    make_user("canbo", roles.OFFICER_GROUP)

    # The producer: edit the description and submit it to the officers.
    tab = admin_tab()
    log_in(tab, "haitoan")
    assert "Cửa hàng của tôi" in tab.content()
    tab.goto(f"/admin/pages/{rice.pk}/edit/")
    editor = tab.locator("#panel-child-content-description-content [contenteditable=true]").first
    editor.click()
    tab.keyboard.press("Control+End")
    tab.keyboard.type(" Gạo vụ mùa mới, hạt dài thơm.")
    tab.locator("#id_summary").click()  # Draftail writes its hidden input on change and blur
    # (a locator, not wait_for_function: the admin's CSP forbids evaluating strings)
    expect(tab.locator("#id_description")).to_have_value(re.compile("vụ mùa mới"))
    open_more_actions(tab)
    tab.locator("button[name='action-submit']").click()
    tab.wait_for_url(f"**/admin/pages/{rice.get_parent().pk}/")
    page = ProductPage.objects.get(pk=rice.pk)
    assert page.workflow_in_progress
    assert "vụ mùa mới" not in page.description  # not published yet
    assert "vụ mùa mới" in page.get_latest_revision_as_object().description

    # Stock at once, no moderation.
    tab.goto(f"/admin/stock/{variant.pk}/")
    tab.get_by_label("Tồn kho mới").fill("25")
    tab.get_by_label("Lý do").fill("Nhập lô mới")
    tab.locator("main button[type=submit]").click()
    tab.wait_for_url("**/admin/stock/")
    assert Inventory.objects.get(sku=variant.sku).quantity == 25

    # A label sheet of its products.
    tab.goto("/admin/ocop-catalog/certificates/")
    with tab.expect_download() as download_info:
        tab.get_by_role("link", name="In tờ nhãn QR").click()
    sheet = tmp_path / "sheet.pdf"
    download_info.value.save_as(sheet)
    assert sheet.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-r", "200", "-png", str(sheet), str(tmp_path / "p")], check=True
        )
        found = {
            result.text
            for image in sorted(tmp_path.glob("p*.png"))
            for result in zxingcpp.read_barcodes(Image.open(image))
        }
        assert found == {qr.trace_url(rice.product.trace_code)}

    # The officer approves: published, stock untouched.
    officer_tab = admin_tab()
    log_in(officer_tab, "canbo")
    officer_tab.goto(f"/admin/pages/{rice.pk}/edit/")
    open_more_actions(officer_tab)
    officer_tab.locator("button[data-workflow-action-name='approve']").first.click()
    officer_tab.wait_for_load_state("networkidle")
    page = ProductPage.objects.get(pk=rice.pk)
    for _ in range(20):
        if not page.workflow_in_progress:
            break
        officer_tab.wait_for_timeout(250)
        page = ProductPage.objects.get(pk=rice.pk)
    assert page.live and "vụ mùa mới" in page.description
    assert not page.workflow_in_progress
    assert Inventory.objects.get(sku=variant.sku).quantity == 25

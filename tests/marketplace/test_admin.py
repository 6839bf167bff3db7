"""Orders, stock and delivery terms in the Wagtail admin.

Four users: a superuser, an officer (the group "Cán bộ OCOP tỉnh", given the orders
permissions by migration), a producer's user and the user of another producer. A
producer's user sees and changes only its producer's rows: other rows are absent
from listings and exports and a 404 by direct URL, on every action too.
"""

import csv
import io
from datetime import timedelta

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.menu import admin_menu
from wagtail.models import ModelLogEntry

from marketplace.models import (
    DeliverySettings,
    Inventory,
    MovementReason,
    Order,
    ProducerDelivery,
    StockMovement,
    SubOrderStatus,
)
from marketplace.services import checkout, inventory, orders
from tours.models import BookingStatus

from .builders import build_market, details, fill_cart, first_variant, new_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def market(home_page):
    return build_market(home_page)


@pytest.fixture
def order(market):
    """Hải Toàn: 2 bags of rice; Vĩ Khê: 1 bonsai and 2 seats on its tour."""
    return checkout.place_order(
        fill_cart(new_session(), market, rice=2, bonsai=1, adults=2), details()
    )


def make_admin_user(username, *groups):
    user = get_user_model().objects.create_user(username, f"{username}@example.vn", "x")
    access = Group.objects.get_or_create(name="Chủ thể OCOP")[0]
    access.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(access, *groups)
    return user


@pytest.fixture
def officer():
    return make_admin_user("canbo", Group.objects.get(name="Cán bộ OCOP tỉnh"))


@pytest.fixture
def vi_khe_user(market):
    user = make_admin_user("vikhe")
    market["vi_khe"].users.add(user)
    return user


@pytest.fixture
def hai_toan_user(market):
    user = make_admin_user("haitoan")
    market["hai_toan"].users.add(user)
    return user


def login(client, user):
    client.force_login(user)
    return client


def sub_of(order, producer):
    return order.sub_orders.get(producer=producer)


def url(name, *args, **query):
    path = reverse(name, args=args)
    if query:
        path += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return path


def listed(response):
    assert response.status_code == 200
    return {row.pk for row in response.context["object_list"]}


def csv_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.reader(io.StringIO(text)))


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


# --- Listings and scoping ---------------------------------------------------------------


def test_the_url_the_producer_email_links_to_is_the_detail_page(order, market):
    sub = sub_of(order, market["vi_khe"])
    assert reverse("marketplace_orders:detail", args=[sub.pk]) == f"/admin/orders/{sub.pk}/"


def test_superuser_and_officer_see_every_sub_order(admin_client, client, officer, order):
    every = set(order.sub_orders.values_list("pk", flat=True))
    assert len(every) == 2
    assert listed(admin_client.get(url("marketplace_orders:index"))) == every
    assert listed(login(client, officer).get(url("marketplace_orders:index"))) == every


def test_a_producer_lists_only_its_own_sub_orders(client, order, market, vi_khe_user):
    response = login(client, vi_khe_user).get(url("marketplace_orders:index"))
    assert listed(response) == {sub_of(order, market["vi_khe"]).pk}
    html = response.content.decode()
    assert "HTX Vĩ Khê" in html and "HTX Hải Toàn" not in html  # not even in the filters


def menu_labels(rf, user):
    request = rf.get("/admin/")
    request.user = user
    labels, menus = set(), [admin_menu]
    while menus:
        for item in menus.pop().menu_items_for_request(request):
            labels.add(str(item.label))
            if hasattr(item, "menu"):
                menus.append(item.menu)
    return labels


def test_the_menu_shows_orders_and_stock_to_a_producer(rf, vi_khe_user, officer):
    labels = menu_labels(rf, vi_khe_user)
    assert {"Đơn hàng", "Đơn theo chủ thể", "Tồn kho", "Phí giao hàng của chủ thể"} <= labels
    assert "Đơn hàng toàn sàn" not in labels
    assert "Đơn hàng toàn sàn" in menu_labels(rf, officer)


def test_users_without_a_producer_or_permission_are_kept_out(client, order):
    stranger = make_admin_user("khach")
    login(client, stranger)
    assert client.get(url("marketplace_orders:index")).status_code in (302, 403)
    assert client.get(url("marketplace_stock:index")).status_code in (302, 403)
    sub = order.sub_orders.first()
    assert client.get(url("marketplace_orders:detail", sub.pk)).status_code == 404


def test_detail_page_shows_the_order_to_its_producer(client, order, market, vi_khe_user):
    sub = sub_of(order, market["vi_khe"])
    response = login(client, vi_khe_user).get(url("marketplace_orders:detail", sub.pk))
    assert response.status_code == 200
    html = response.content.decode()
    for text in (order.number, "Nguyễn Thị Lan", "0912345678", "lan@example.vn"):
        assert text in html
    assert "12 đường Trần Hưng Đạo" in html and "Cây cảnh Vĩ Khê" in html
    booking = sub.lines.get(booking__isnull=False).booking
    assert booking.code in html
    # Only the transitions allowed_next offers: confirm and cancel.
    assert url("marketplace_orders:confirm", sub.pk) in html
    assert url("marketplace_orders:cancel", sub.pk) in html
    assert url("marketplace_orders:ship", sub.pk) not in html
    assert url("marketplace_orders:deliver", sub.pk) not in html
    assert "Gạo tám" not in html  # the other producer's part of the order


def test_another_producers_sub_order_is_a_404_on_detail_and_every_action(
    client, order, market, vi_khe_user
):
    other = sub_of(order, market["hai_toan"])
    login(client, vi_khe_user)
    assert client.get(url("marketplace_orders:detail", other.pk)).status_code == 404
    posts = {
        "confirm": {},
        "ship": {"ship-carrier": "VNPost", "ship-tracking_number": "EB1VN"},
        "deliver": {},
        "cancel": {"cancel-reason": "Thử phá"},
    }
    for action, data in posts.items():
        assert client.post(url(f"marketplace_orders:{action}", other.pk), data).status_code == 404
    other.refresh_from_db()
    assert other.status == SubOrderStatus.PLACED
    assert client.get(url("marketplace_orders:detail", 999_999)).status_code == 404


def test_actions_are_post_only(client, order, market, vi_khe_user):
    sub = sub_of(order, market["vi_khe"])
    login(client, vi_khe_user)
    assert client.get(url("marketplace_orders:confirm", sub.pk)).status_code == 405
    sub.refresh_from_db()
    assert sub.status == SubOrderStatus.PLACED


# --- Status changes through the admin ---------------------------------------------------


def test_a_producer_confirms_ships_and_delivers_its_goods(client, order, market, hai_toan_user):
    sub = sub_of(order, market["hai_toan"])
    login(client, hai_toan_user)
    response = client.post(url("marketplace_orders:confirm", sub.pk), follow=True)
    assert f"Đã xác nhận đơn {order.number}." in messages_of(response)
    sub.refresh_from_db()
    assert sub.status == SubOrderStatus.CONFIRMED and sub.confirmed_at

    # Goods are shipped before they are delivered: "deliver" is refused and not offered.
    html = client.get(url("marketplace_orders:detail", sub.pk)).content.decode()
    assert url("marketplace_orders:ship", sub.pk) in html
    assert url("marketplace_orders:deliver", sub.pk) not in html
    response = client.post(url("marketplace_orders:deliver", sub.pk), follow=True)
    assert any("không thể chuyển sang" in message for message in messages_of(response))

    response = client.post(url("marketplace_orders:ship", sub.pk), {"ship-carrier": "VNPost"})
    sub.refresh_from_db()
    assert sub.status == SubOrderStatus.CONFIRMED  # no tracking number, nothing changed

    response = client.post(
        url("marketplace_orders:ship", sub.pk),
        {"ship-carrier": "VNPost", "ship-tracking_number": "EB123456789VN"},
        follow=True,
    )
    assert any("đang được giao" in message for message in messages_of(response))
    sub.refresh_from_db()
    assert (sub.status, sub.carrier, sub.tracking_number) == (
        SubOrderStatus.SHIPPED,
        "VNPost",
        "EB123456789VN",
    )
    assert "EB123456789VN" in response.content.decode()

    client.post(url("marketplace_orders:deliver", sub.pk))
    sub.refresh_from_db()
    assert sub.status == SubOrderStatus.DELIVERED and sub.delivered_at
    html = client.get(url("marketplace_orders:detail", sub.pk)).content.decode()
    assert "Đơn này không còn bước nào để cập nhật." in html
    # Who moved it on, step by step (Wagtail's log, written by the orders service).
    history = ModelLogEntry.objects.for_instance(sub).order_by("timestamp", "pk")
    assert [(entry.action, entry.user) for entry in history] == [
        ("marketplace.sub_order.confirm", hai_toan_user),
        ("marketplace.sub_order.ship", hai_toan_user),
        ("marketplace.sub_order.deliver", hai_toan_user),
    ]
    assert history[1].data == {"carrier": "VNPost", "tracking_number": "EB123456789VN"}
    assert "Đã giao cho vận chuyển · haitoan" in html


def test_cancelling_in_the_admin_returns_stock_and_cancels_bookings(
    client, order, market, vi_khe_user
):
    sub = sub_of(order, market["vi_khe"])
    bonsai = first_variant(market["bonsai"])
    assert Inventory.objects.get(sku=bonsai.sku).quantity == 2
    booking = sub.lines.get(booking__isnull=False).booking
    login(client, vi_khe_user)

    response = client.post(url("marketplace_orders:cancel", sub.pk), {"cancel-reason": " "})
    sub.refresh_from_db()
    assert sub.status == SubOrderStatus.PLACED  # a reason is required

    response = client.post(
        url("marketplace_orders:cancel", sub.pk),
        {"cancel-reason": "Cây bị gãy khi đóng gói"},
        follow=True,
    )
    assert any("Đã hủy đơn" in message for message in messages_of(response))
    sub.refresh_from_db()
    assert sub.status == SubOrderStatus.CANCELLED
    assert sub.cancel_reason == "Cây bị gãy khi đóng gói"
    assert Inventory.objects.get(sku=bonsai.sku).quantity == 3
    movement = StockMovement.objects.get(
        inventory__sku=bonsai.sku, reason=MovementReason.CANCELLATION
    )
    assert (movement.change, movement.user, movement.note) == (
        1,
        vi_khe_user,
        "Cây bị gãy khi đóng gói",
    )
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    # The other producer's part goes on.
    assert sub_of(order, market["hai_toan"]).status == SubOrderStatus.PLACED


def test_a_tours_only_sub_order_goes_from_confirmed_to_done(client, market, vi_khe_user):
    tours_only = checkout.place_order(
        fill_cart(new_session(), market, rice=0, bonsai=0, adults=1),
        details(province=None, ward=None, street=""),
    )
    sub = tours_only.sub_orders.get()
    login(client, vi_khe_user).post(url("marketplace_orders:confirm", sub.pk))
    html = client.get(url("marketplace_orders:detail", sub.pk)).content.decode()
    assert "Hoàn tất (tour đã diễn ra)" in html
    assert url("marketplace_orders:ship", sub.pk) not in html
    client.post(url("marketplace_orders:deliver", sub.pk))
    sub.refresh_from_db()
    assert sub.status == SubOrderStatus.DELIVERED


def test_an_officer_changes_any_producers_sub_order(client, order, market, officer):
    sub = sub_of(order, market["hai_toan"])
    login(client, officer).post(url("marketplace_orders:confirm", sub.pk))
    sub.refresh_from_db()
    assert sub.status == SubOrderStatus.CONFIRMED


# --- Filters and export -----------------------------------------------------------------


@pytest.fixture
def two_orders(market, order):
    """``order`` (Ninh Bình, today) and an older one to Hà Nội with rice only."""
    older = checkout.place_order(
        fill_cart(new_session(), market, rice=1, bonsai=0, adults=0),
        details(name="Trần Văn Minh", email="minh@example.vn", province=1, ward=4),
    )
    Order.objects.filter(pk=older.pk).update(created_at=timezone.now() - timedelta(days=40))
    return order, older


def test_filters_on_sub_orders(admin_client, market, two_orders):
    new, old = two_orders
    index = "marketplace_orders:index"
    new_subs = set(new.sub_orders.values_list("pk", flat=True))
    old_sub = old.sub_orders.get().pk
    orders.confirm(old.sub_orders.get(), user=get_user_model().objects.get(username="admin"))

    assert listed(admin_client.get(url(index, status="confirmed"))) == {old_sub}
    assert listed(admin_client.get(url(index, status="placed"))) == new_subs
    by_producer = listed(admin_client.get(url(index, producer=market["hai_toan"].pk)))
    assert by_producer == {old_sub, sub_of(new, market["hai_toan"]).pk}
    assert listed(admin_client.get(url(index, province=1))) == {old_sub}
    assert listed(admin_client.get(url(index, province=37))) == new_subs
    assert listed(admin_client.get(url(index, payment_method="cod"))) == new_subs | {old_sub}
    assert listed(admin_client.get(url(index, payment_method="card"))) == set()
    since = (timezone.localdate() - timedelta(days=7)).isoformat()
    assert listed(admin_client.get(url(index, created_from=since))) == new_subs
    until = (timezone.localdate() - timedelta(days=30)).isoformat()
    assert listed(admin_client.get(url(index, created_to=until))) == {old_sub}
    assert listed(admin_client.get(url(index, q="minh@example"))) == {old_sub}
    assert listed(admin_client.get(url(index, q=new.number))) == new_subs


def test_csv_export_of_sub_orders_applies_scope_and_filters(
    client, admin_client, market, two_orders, hai_toan_user, vi_khe_user
):
    new, old = two_orders
    rows = csv_rows(admin_client.get(url("marketplace_orders:index", export="csv")))
    header, body = rows[0], rows[1:]
    assert header[:4] == ["Mã đơn", "Đặt lúc", "Chủ thể", "Trạng thái"]
    assert "Người nhận" in header and "Mã vận đơn" in header
    assert len(body) == 3
    assert {row[0] for row in body} == {new.number, old.number}

    rows = csv_rows(admin_client.get(url("marketplace_orders:index", export="csv", province=1)))
    assert [row[0] for row in rows[1:]] == [old.number]
    assert "Trần Văn Minh" in rows[1] and "Gạo tám (Hộp 1) × 1" in rows[1]

    client.logout()
    rows = csv_rows(login(client, vi_khe_user).get(url("marketplace_orders:index", export="csv")))
    assert [(row[0], row[2]) for row in rows[1:]] == [(new.number, "HTX Vĩ Khê")]
    rows = csv_rows(login(client, hai_toan_user).get(url("marketplace_orders:index", export="csv")))
    assert {row[2] for row in rows[1:]} == {"HTX Hải Toàn"} and len(rows) == 3


def test_xlsx_export_is_scoped_too(client, market, two_orders, vi_khe_user):
    new, _old = two_orders
    response = login(client, vi_khe_user).get(url("marketplace_orders:index", export="xlsx"))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert [(row[0], row[2]) for row in rows[1:]] == [(new.number, "HTX Vĩ Khê")]


def test_other_producers_status_changes_stay_out_of_the_site_history(
    client, order, market, officer, vi_khe_user
):
    orders.cancel(sub_of(order, market["hai_toan"]), user=officer, reason="Hết gạo tám")
    login(client, vi_khe_user)
    response = client.get(reverse("wagtailadmin_reports:site_history"))
    assert response.status_code == 200
    assert "HTX Hải Toàn" not in response.content.decode()
    client.logout()
    response = login(client, officer).get(reverse("wagtailadmin_reports:site_history"))
    assert "HTX Hải Toàn" in response.content.decode()  # the officer does see it


def test_export_keeps_formula_like_text_as_text(admin_client, market):
    checkout.place_order(
        fill_cart(new_session(), market, rice=1, bonsai=0, adults=0),
        details(name='=HYPERLINK("http://x")'),
    )
    rows = csv_rows(admin_client.get(url("marketplace_orders:index", export="csv")))
    assert rows[1][rows[0].index("Người nhận")] == '\'=HYPERLINK("http://x")'
    response = admin_client.get(url("marketplace_orders:index", export="xlsx"))
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header = [cell.value for cell in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("Người nhận") + 1)
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://x")', "s")


def test_whole_orders_are_for_officers_only(client, admin_client, officer, two_orders, vi_khe_user):
    new, old = two_orders
    assert listed(admin_client.get(url("marketplace_whole_orders:index"))) == {new.pk, old.pk}
    client.logout()
    login(client, officer)
    assert listed(client.get(url("marketplace_whole_orders:index", province=1))) == {old.pk}
    detail = client.get(url("marketplace_whole_orders:detail", new.pk))
    assert detail.status_code == 200
    html = detail.content.decode()
    assert "HTX Vĩ Khê" in html and "HTX Hải Toàn" in html
    rows = csv_rows(client.get(url("marketplace_whole_orders:index", export="csv")))
    assert {row[0] for row in rows[1:]} == {new.number, old.number}
    assert any("HTX Vĩ Khê (Mới đặt)" in cell for row in rows[1:] for cell in row)

    client.logout()
    login(client, vi_khe_user)
    assert client.get(url("marketplace_whole_orders:index")).status_code in (302, 403)
    export = client.get(url("marketplace_whole_orders:index", export="csv"))
    assert export.status_code in (302, 403)
    assert client.get(url("marketplace_whole_orders:detail", new.pk)).status_code == 404


# --- Stock ------------------------------------------------------------------------------


def test_stock_listing_is_scoped_and_flags_low_stock(client, admin_client, market, vi_khe_user):
    skus = {variant.sku for variant in market["rice"].variants.all()}
    skus |= {variant.sku for variant in market["bonsai"].variants.all()}
    response = admin_client.get(url("marketplace_stock:index"))
    assert {variant.sku for variant in response.context["object_list"]} == skus
    client.logout()
    response = login(client, vi_khe_user).get(url("marketplace_stock:index"))
    assert [v.sku for v in response.context["object_list"]] == [first_variant(market["bonsai"]).sku]
    html = response.content.decode()
    assert "Sắp hết" in html  # 3 bonsai left
    assert "Gạo tám" not in html
    rows = csv_rows(client.get(url("marketplace_stock:index", export="csv")))
    assert rows[0][:5] == ["Mã SKU", "Sản phẩm", "Phân loại", "Giá (đồng)", "Tồn kho"]
    assert [row[0] for row in rows[1:]] == [first_variant(market["bonsai"]).sku]


def test_low_stock_filter(admin_client, market):
    response = admin_client.get(url("marketplace_stock:index", low="true"))
    low = {variant.sku for variant in response.context["object_list"]}
    assert low == {first_variant(market["rice"], 1).sku, first_variant(market["bonsai"]).sku}


def test_setting_stock_is_logged_with_user_and_reason(client, market, vi_khe_user):
    bonsai = first_variant(market["bonsai"])
    login(client, vi_khe_user)
    page = client.get(url("marketplace_stock:set", bonsai.pk))
    assert page.status_code == 200
    refused = client.post(
        url("marketplace_stock:set", bonsai.pk), {"quantity": "9", "reason": "", "expected": "3"}
    )
    assert refused.status_code == 200 and Inventory.objects.get(sku=bonsai.sku).quantity == 3

    response = client.post(
        url("marketplace_stock:set", bonsai.pk),
        {"quantity": "9", "reason": "Nhập lô cây mới", "expected": "3"},
    )
    assert response.status_code == 302
    assert Inventory.objects.get(sku=bonsai.sku).quantity == 9
    movement = StockMovement.objects.filter(inventory__sku=bonsai.sku).first()
    assert (movement.change, movement.quantity_after, movement.reason) == (
        6,
        9,
        MovementReason.ADJUSTMENT,
    )
    assert (movement.user, movement.note) == (vi_khe_user, "Nhập lô cây mới")
    history = client.get(url("marketplace_stock:movements", bonsai.pk)).content.decode()
    assert "Nhập lô cây mới" in history and "+6" in history


def test_a_stale_stock_form_does_not_undo_a_sale(client, market, order, vi_khe_user):
    bonsai = first_variant(market["bonsai"])  # 3 when the form was read, 2 after the order
    response = login(client, vi_khe_user).post(
        url("marketplace_stock:set", bonsai.pk),
        {"quantity": "5", "reason": "Kiểm kho", "expected": "3"},
    )
    assert response.status_code == 200
    assert "vừa thay đổi từ 3 thành 2" in response.content.decode()
    assert Inventory.objects.get(sku=bonsai.sku).quantity == 2


def test_another_producers_sku_is_a_404(client, market, vi_khe_user):
    rice = first_variant(market["rice"])
    login(client, vi_khe_user)
    assert client.get(url("marketplace_stock:set", rice.pk)).status_code == 404
    assert client.get(url("marketplace_stock:movements", rice.pk)).status_code == 404
    response = client.post(
        url("marketplace_stock:set", rice.pk),
        {"quantity": "0", "reason": "Phá", "expected": "10"},
    )
    assert response.status_code == 404
    assert Inventory.objects.get(sku=rice.sku).quantity == 10


def test_set_stock_refuses_a_stale_expected_quantity(market):
    rice = first_variant(market["rice"])
    with pytest.raises(inventory.StockChanged):
        inventory.set_stock(rice.sku, 20, note="Kiểm kho", expected=9)
    assert Inventory.objects.get(sku=rice.sku).quantity == 10
    inventory.set_stock(rice.sku, 20, note="Kiểm kho", expected=10)
    assert Inventory.objects.get(sku=rice.sku).quantity == 20


def test_publishing_an_older_revision_leaves_stock_alone(market):
    page = market["rice"]
    variant = first_variant(page)
    old_revision = page.save_revision()
    inventory.set_stock(variant.sku, 42, note="Nhập lô mới")
    page.title = "Gạo tám (mùa mới)"
    page.save_revision().publish()
    old_revision.publish()
    page.refresh_from_db()
    assert page.title == "Gạo tám"
    assert Inventory.objects.get(sku=variant.sku).quantity == 42


# --- Delivery terms ---------------------------------------------------------------------


def test_a_producer_sets_its_own_delivery_terms_only(client, market, vi_khe_user):
    other = ProducerDelivery.objects.create(producer=market["hai_toan"], fee=20_000)
    login(client, vi_khe_user)
    response = client.post(
        url("marketplace_delivery:add"),
        {"producer": market["hai_toan"].pk, "fee": "0", "free_threshold": ""},
    )
    assert response.status_code == 200  # not one of its producers: a form error
    assert ProducerDelivery.objects.count() == 1

    response = client.post(
        url("marketplace_delivery:add"),
        {"producer": market["vi_khe"].pk, "fee": "25000", "free_threshold": "300000"},
    )
    assert response.status_code == 302
    own = ProducerDelivery.objects.get(producer=market["vi_khe"])
    assert (own.fee, own.free_threshold) == (25_000, 300_000)

    assert listed(client.get(url("marketplace_delivery:index"))) == {own.pk}
    assert client.get(url("marketplace_delivery:edit", other.pk)).status_code == 404
    assert client.post(url("marketplace_delivery:delete", other.pk)).status_code == 404
    assert ProducerDelivery.objects.filter(pk=other.pk).exists()


def test_officers_edit_the_site_wide_delivery_settings(client, officer, vi_khe_user):
    edit_url = (
        login(client, officer)
        .get(reverse("wagtailsettings:edit", args=["marketplace", "deliverysettings"]), follow=True)
        .redirect_chain[-1][0]
    )
    form = {"default_fee": "25000", "default_free_threshold": "400000"}
    assert client.post(edit_url, form).status_code == 302
    assert DeliverySettings.load().default_fee == 25_000
    client.logout()
    login(client, vi_khe_user)
    assert client.get(edit_url).status_code in (302, 403)
    client.post(edit_url, form | {"default_fee": "0"})
    assert DeliverySettings.load().default_fee == 25_000


def test_the_groups_editor_offers_the_stock_permission(admin_client):
    group = Group.objects.get(name="Cán bộ OCOP tỉnh")
    html = admin_client.get(reverse("wagtailusers_groups:edit", args=[group.pk])).content.decode()
    for codename in ("change_inventory", "change_suborder", "change_producerdelivery"):
        permission = Permission.objects.get(
            content_type__app_label="marketplace", codename=codename
        )
        assert f'value="{permission.pk}"' in html


def test_migrations_give_the_orders_permissions_to_the_officers_only():
    """marketplace 0003 gave them to Wagtail's Editors and Moderators; catalog 0007 moved
    them to the province's officers (editors keep content pages)."""
    orders = {"change_suborder", "change_inventory", "change_producerdelivery"}
    officers = Group.objects.get(name="Cán bộ OCOP tỉnh")
    assert orders <= set(officers.permissions.values_list("codename", flat=True))
    for name in ("Editors", "Moderators", "Biên tập viên", "Chủ thể OCOP"):
        codenames = set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))
        assert not orders & codenames, name

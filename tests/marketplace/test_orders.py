"""After checkout: status changes through the services, cancellation, finding an order."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import mail

from marketplace.models import (
    Inventory,
    MovementReason,
    OrderStatus,
    StockMovement,
    SubOrderStatus,
)
from marketplace.services import checkout, orders
from tours.models import Booking, BookingStatus, Departure

from .builders import build_market, details, fill_cart, first_variant, new_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def market(home_page):
    return build_market(home_page)


@pytest.fixture
def order(market):
    return checkout.place_order(
        fill_cart(new_session(), market, rice=2, bonsai=1, adults=2), details()
    )


def user_of(producer, username):
    user = get_user_model().objects.create_user(username, f"{username}@example.vn", "x")
    producer.users.add(user)
    return user


@pytest.fixture
def officer():
    user = get_user_model().objects.create_user("officer", "officer@example.vn", "x")
    user.user_permissions.add(Permission.objects.get(codename="change_suborder"))
    return get_user_model().objects.get(pk=user.pk)


def sub_order_of(order, producer):
    return order.sub_orders.get(producer=producer)


def test_goods_go_placed_confirmed_shipped_delivered(
    market, order, django_capture_on_commit_callbacks
):
    producer_user = user_of(market["hai_toan"], "haitoan")
    sub = sub_order_of(order, market["hai_toan"])
    orders.confirm(sub, user=producer_user)
    with pytest.raises(orders.OrderError):
        orders.deliver(sub, user=producer_user)  # goods are shipped first
    with pytest.raises(orders.OrderError):
        orders.ship(sub, user=producer_user, carrier="", tracking_number="")
    with django_capture_on_commit_callbacks(execute=True):
        shipped = orders.ship(sub, user=producer_user, carrier="VNPost", tracking_number="EB123VN")
    assert (shipped.status, shipped.carrier, shipped.tracking_number) == (
        SubOrderStatus.SHIPPED,
        "VNPost",
        "EB123VN",
    )
    assert any("EB123VN" in message.body for message in mail.outbox)
    assert orders.deliver(sub, user=producer_user).status == SubOrderStatus.DELIVERED
    with pytest.raises(orders.OrderError):
        orders.cancel(sub, user=producer_user, reason="Quá muộn")


def test_cancelling_returns_stock_cancels_bookings_and_is_logged(
    market, order, officer, django_capture_on_commit_callbacks
):
    sub = sub_order_of(order, market["vi_khe"])
    bonsai = first_variant(market["bonsai"])
    assert Inventory.objects.get(sku=bonsai.sku).quantity == 2
    with django_capture_on_commit_callbacks(execute=True):
        orders.cancel(sub, user=officer, reason="Khách đổi ý")

    sub.refresh_from_db()
    assert sub.status == SubOrderStatus.CANCELLED and sub.cancel_reason == "Khách đổi ý"
    assert Inventory.objects.get(sku=bonsai.sku).quantity == 3
    movement = StockMovement.objects.get(
        inventory__sku=bonsai.sku, reason=MovementReason.CANCELLATION
    )
    assert (movement.change, movement.user, movement.note) == (1, officer, "Khách đổi ý")
    assert Booking.objects.get().status == BookingStatus.CANCELLED
    assert Departure.objects.with_seats().get(pk=market["departure"].pk).seats_left == 6
    # The other producer's part of the order goes on.
    assert sub_order_of(order, market["hai_toan"]).status == SubOrderStatus.PLACED
    order.refresh_from_db()
    assert order.status == OrderStatus.PLACED
    assert any("Khách đổi ý" in message.body for message in mail.outbox)


def test_order_is_cancelled_when_every_part_is(market, order, officer):
    for sub in order.sub_orders.all():
        orders.cancel(sub, user=officer, reason="Hết hàng")
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED


def test_a_producer_cannot_change_another_producers_sub_order(market, order):
    other = user_of(market["hai_toan"], "haitoan")
    sub = sub_order_of(order, market["vi_khe"])
    bonsai = first_variant(market["bonsai"])
    for action in (
        lambda: orders.confirm(sub, user=other),
        lambda: orders.cancel(sub, user=other, reason="x"),
        lambda: orders.ship(sub, user=other, carrier="x", tracking_number="y"),
    ):
        with pytest.raises(orders.NotAllowed):
            action()
    sub.refresh_from_db()
    assert sub.status == SubOrderStatus.PLACED
    assert Inventory.objects.get(sku=bonsai.sku).quantity == 2


def test_cancelling_twice_is_refused_and_returns_stock_once(market, order, officer):
    sub = sub_order_of(order, market["hai_toan"])
    orders.cancel(sub, user=officer, reason="Lần một")
    with pytest.raises(orders.OrderError):
        orders.cancel(sub, user=officer, reason="Lần hai")
    assert Inventory.objects.get(sku=first_variant(market["rice"]).sku).quantity == 10


def test_order_page_by_its_secret_link(client, order):
    response = client.get(f"/don-hang/{order.token}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert order.number in html and "HTX Vĩ Khê" in html and "Gạo tám" in html
    assert response["Cache-Control"] == "private, no-store"
    assert client.get("/don-hang/not-a-token/").status_code == 404


def test_find_my_order_by_number_and_email(client, order):
    number = order.number.lower().replace("-", " ")
    response = client.post("/don-hang/tra-cuu/", {"number": number, "email": "LAN@example.vn"})
    assert response.status_code == 302 and response["Location"] == f"/don-hang/{order.token}/"
    response = client.post("/don-hang/tra-cuu/", {"number": order.number, "email": "x@example.vn"})
    assert response.status_code == 200 and order.token not in response.content.decode()


def test_find_my_order_is_rate_limited(client, order, settings):
    settings.ORDERS_LOOKUPS_PER_CLIENT_PER_HOUR = 3
    for _ in range(3):
        client.post("/don-hang/tra-cuu/", {"number": "OCOP-2026-999999", "email": "a@b.vn"})
    response = client.post("/don-hang/tra-cuu/", {"number": order.number, "email": order.email})
    assert response.status_code == 429


def test_cancelling_after_the_visitor_cancelled_the_booking_online(market, order, officer):
    from tours import services as tours

    booking = Booking.objects.get()
    tours.cancel_booking(booking)  # on the ticket page, inside the free window
    sub = sub_order_of(order, market["vi_khe"])
    orders.cancel(sub, user=officer, reason="Khách hủy cả đơn")
    sub.refresh_from_db()
    assert sub.status == SubOrderStatus.CANCELLED
    assert Booking.objects.get().status == BookingStatus.CANCELLED
    assert Inventory.objects.get(sku=first_variant(market["bonsai"]).sku).quantity == 3

"""Checkout: one cart of goods and tour seats from two producers → one order, split per producer."""

import pytest
from django.core import mail

from marketplace.models import (
    Inventory,
    LineKind,
    MovementReason,
    Order,
    OrderStatus,
    PaymentStatus,
    ProducerDelivery,
    StockMovement,
    SubOrder,
)
from marketplace.services import cart, checkout
from tests.factories import set_stock
from tours.models import Booking, BookingStatus, Departure

from .builders import (
    HA_NOI_WARD,
    build_market,
    details,
    fill_cart,
    first_variant,
    new_session,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def market(home_page):
    return build_market(home_page)


def stock_of(page, position=0):
    return Inventory.objects.get(sku=first_variant(page, position).sku).quantity


def seats_left(departure):
    return Departure.objects.with_seats().get(pk=departure.pk).seats_left


def test_one_order_two_sub_orders_one_booking(market):
    session = fill_cart(new_session(), market, rice=2, bonsai=1, adults=2, children=1)
    order = checkout.place_order(session, details())

    assert order.number.startswith("OCOP-") and order.number.endswith(f"{order.pk:06d}")
    assert (order.status, order.payment_status) == (OrderStatus.PLACED, PaymentStatus.ON_DELIVERY)
    subs = {sub.producer.name: sub for sub in order.sub_orders.all()}
    assert set(subs) == {"HTX Hải Toàn", "HTX Vĩ Khê"}
    # Hải Toàn: 2 × 150.000 = 300.000 + 30.000 delivery (under the 500.000 threshold).
    assert (subs["HTX Hải Toàn"].goods_total, subs["HTX Hải Toàn"].delivery_fee) == (
        300_000,
        30_000,
    )
    # Vĩ Khê: 420.000 of goods + 30.000 delivery, and the tour: 2 × 300.000 + 150.000.
    vi_khe = subs["HTX Vĩ Khê"]
    assert (vi_khe.goods_total, vi_khe.delivery_fee, vi_khe.tours_total) == (
        420_000,
        30_000,
        750_000,
    )
    assert order.total == 330_000 + 450_000 + 750_000
    assert order.total == sum(sub.total for sub in order.sub_orders.all())

    # Stock and seats went down by exactly what was bought.
    assert stock_of(market["rice"]) == 8 and stock_of(market["bonsai"]) == 2
    assert seats_left(market["departure"]) == 6 - 3
    [booking] = Booking.objects.filter(order_line__sub_order__order=order)
    assert (booking.adults, booking.children, booking.amount) == (2, 1, 750_000)
    assert booking.status == BookingStatus.CONFIRMED and booking.email == "lan@example.vn"

    # Each sale is one logged movement tied to its order line.
    sales = StockMovement.objects.filter(
        reason=MovementReason.SALE, order_line__sub_order__order=order
    )
    assert sorted(movement.change for movement in sales) == [-2, -1]
    assert cart.read_cart(session).variants == {} and not cart.read_cart(session)


def test_lines_copy_name_sku_and_price(market):
    session = fill_cart(new_session(), market, rice=1, bonsai=0, adults=0)
    order = checkout.place_order(session, details())
    variant = first_variant(market["rice"])
    variant.price = 999_000
    variant.label = "Đổi tên"
    variant.save()
    [line] = order.sub_orders.get().lines.all()
    assert (line.kind, line.sku, line.name, line.detail) == (
        LineKind.PRODUCT,
        variant.sku,
        "Gạo tám",
        "Hộp 1",
    )
    assert (line.unit_price, line.quantity, line.total, line.price_source) == (
        150_000,
        1,
        150_000,
        "list",
    )


def test_free_delivery_from_the_producers_threshold(market):
    ProducerDelivery.objects.create(producer=market["hai_toan"], fee=25_000, free_threshold=200_000)
    session = fill_cart(new_session(), market, rice=1, bonsai=0, adults=0)
    order = checkout.place_order(session, details())
    assert order.delivery_total == 25_000
    session = fill_cart(new_session(), market, rice=2, bonsai=0, adults=0)
    assert checkout.place_order(session, details()).delivery_total == 0


def test_a_line_without_stock_refuses_the_whole_order_and_takes_nothing(market):
    session = fill_cart(new_session(), market, rice=3, bonsai=2, adults=2)
    set_stock(first_variant(market["bonsai"]), 1)  # sold elsewhere meanwhile
    with pytest.raises(checkout.CheckoutRefused) as refusal:
        checkout.place_order(session, details())
    [(line_id, name, reason)] = refusal.value.failures
    assert line_id == f"v{first_variant(market['bonsai']).pk}"
    assert name == "Cây cảnh Vĩ Khê – Hộp 1" and reason == "Chỉ còn 1 sản phẩm."
    assert Order.objects.count() == 0 and Booking.objects.count() == 0
    assert stock_of(market["rice"]) == 10 and stock_of(market["bonsai"]) == 1
    assert seats_left(market["departure"]) == 6
    assert cart.read_cart(session)  # the cart is kept, so the shopper can fix it


def test_a_tour_without_seats_refuses_the_whole_order(market):
    session = fill_cart(new_session(), market, rice=1, bonsai=0, adults=4)
    other = fill_cart(new_session(), market, rice=0, bonsai=0, adults=3)
    checkout.place_order(other, details(email="other@example.vn"))
    with pytest.raises(checkout.CheckoutRefused) as refusal:
        checkout.place_order(session, details())
    [(line_id, _name, reason)] = refusal.value.failures
    assert line_id == f"d{market['departure'].pk}"
    assert reason == "Lịch khởi hành này chỉ còn 3 chỗ."
    assert stock_of(market["rice"]) == 10 and Order.objects.count() == 1


def test_an_expired_product_in_the_cart_is_refused_with_its_reason(market):
    session = fill_cart(new_session(), market, rice=1, bonsai=0, adults=0)
    page = market["rice"]
    page.unpublish()
    with pytest.raises(checkout.CheckoutRefused) as refusal:
        checkout.place_order(session, details())
    assert refusal.value.failures[0][2] == "Sản phẩm đã ngừng đăng bán trên Chợ OCOP."


def test_tours_only_cart_needs_no_address(market):
    session = fill_cart(new_session(), market, rice=0, bonsai=0, adults=1)
    order = checkout.place_order(
        session, details(province=None, ward=None, street="", email="khach@example.vn")
    )
    assert order.address == "" and order.delivery_total == 0 and order.total == 300_000


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"phone": "12345"}, "phone"),
        ({"phone": "0123 456 789"}, "phone"),  # 01x prefixes were retired in 2018
        ({"phone": "+1 650 555 0100"}, "phone"),
        ({"email": "not-an-email"}, "email"),
        ({"name": "   "}, "name"),
        ({"name": "x" * 151}, "name"),
        ({"province": 999}, "province"),
        ({"ward": HA_NOI_WARD}, "ward"),  # a ward of Hà Nội with Ninh Bình chosen
        ({"ward": "abc"}, "ward"),
        ({"street": ""}, "street"),
        ({"payment": "card"}, "payment"),  # no Stripe key: cash on delivery only
        ({"payment": "bitcoin"}, "payment"),
    ],
)
def test_bad_details_are_named_and_change_nothing(market, overrides, field):
    session = fill_cart(new_session(), market)
    with pytest.raises(checkout.CheckoutError) as error:
        checkout.place_order(session, details(**overrides))
    assert field in error.value.errors
    assert Order.objects.count() == 0 and stock_of(market["rice"]) == 10


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0912345678", "0912345678"),
        ("+84 912.345.678", "0912345678"),
        ("024 3825 1234", "02438251234"),
    ],
)
def test_vietnamese_phone_numbers_are_stored_in_one_form(typed, stored):
    assert checkout.normalise_phone(typed) == stored


def test_empty_cart_is_refused(market):
    with pytest.raises(checkout.EmptyCart):
        checkout.place_order(new_session(), details())


def test_shopper_and_each_producer_are_emailed(market, django_capture_on_commit_callbacks):
    session = fill_cart(new_session(), market, rice=1, bonsai=1, adults=1)
    with django_capture_on_commit_callbacks(execute=True):
        order = checkout.place_order(session, details())
    recipients = sorted(tuple(message.to) for message in mail.outbox)
    assert ("lan@example.vn",) in recipients  # order confirmation (+ the e-ticket)
    assert ("haitoan@example.vn",) in recipients and ("vikhe@example.vn",) in recipients
    confirmation = next(
        m for m in mail.outbox if order.number in m.subject and m.to == ["lan@example.vn"]
    )
    assert order.token in confirmation.body
    ticket = [m for m in mail.outbox if m.subject.startswith("Vé tour")]
    assert len(ticket) == 1


def test_sub_orders_are_unique_per_producer(market):
    session = fill_cart(new_session(), market, rice=1, bonsai=1, adults=2)
    cart.add_to_cart(session, first_variant(market["rice"], 1).pk, 1)
    order = checkout.place_order(session, details())
    assert SubOrder.objects.filter(order=order).count() == 2
    assert order.sub_orders.get(producer=market["hai_toan"]).lines.count() == 2

"""Cancelling a paid sub-order refunds exactly its total through Stripe (a partial refund)."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.core import mail

from marketplace import tasks
from marketplace.models import Inventory, StockMovement, SubOrder
from marketplace.services import orders
from tests.marketplace.builders import first_variant
from tours.models import Booking

from .conftest import WEBHOOK_SECRET
from .localstripe import DEAD_URL
from .orders import card_order, paid_card_order, payment_of

pytestmark = pytest.mark.usefixtures("producer_admin_urls")


@pytest.fixture
def paid(market, stripe_server, django_capture_on_commit_callbacks):
    order = paid_card_order(
        market, stripe_server, WEBHOOK_SECRET, django_capture_on_commit_callbacks
    )
    mail.outbox.clear()
    return order


def staff_of(producer, django_user_model, name):
    user = django_user_model.objects.create_user(name, f"{name}@example.vn", "x")
    producer.users.add(user)
    return user


@pytest.fixture
def officer(django_user_model):
    user = django_user_model.objects.create_user("province", "so@example.vn", "x")
    user.user_permissions.add(Permission.objects.get(codename="change_suborder"))
    return django_user_model.objects.get(pk=user.pk)


def sub_order_of(order, producer):
    return SubOrder.objects.get(order=order, producer=producer)


def test_producer_refunds_its_own_sub_order_and_the_other_stays_paid(
    market, stripe_server, paid, django_user_model, django_capture_on_commit_callbacks
):
    rice_seller = staff_of(market["hai_toan"], django_user_model, "haitoan")
    rice_part = sub_order_of(paid, market["hai_toan"])
    other = sub_order_of(paid, market["vi_khe"])
    rice = first_variant(market["rice"])

    with django_capture_on_commit_callbacks(execute=True):
        orders.cancel(rice_part, user=rice_seller, reason="Hết gạo")

    rice_part.refresh_from_db()
    paid.refresh_from_db()
    other.refresh_from_db()
    assert (rice_part.status, rice_part.refunded_amount) == ("refunded", rice_part.total)
    assert other.status == "placed" and other.refunded_amount == 0
    assert paid.payment_status == "partly_refunded" and paid.refunded_total == rice_part.total
    intent_id = payment_of(paid).intent_id
    assert [r.amount for r in stripe_server.refunds(intent_id)] == [rice_part.total]
    assert stripe_server.intent(intent_id).status == "succeeded"
    refund = paid.refunds.get()
    assert (refund.sub_order, refund.state, refund.user) == (rice_part, "succeeded", rice_seller)
    assert Inventory.objects.get(sku=rice.sku).quantity == 10
    assert StockMovement.objects.get(reason="refund").change == 2
    (notice,) = mail.outbox
    assert notice.to == ["lan@example.vn"] and "đã được hoàn" in notice.body


def test_a_producer_cannot_refund_another_producers_sub_order(
    market, stripe_server, paid, django_user_model
):
    rice_seller = staff_of(market["hai_toan"], django_user_model, "haitoan")
    with pytest.raises(orders.NotAllowed):
        orders.cancel(sub_order_of(paid, market["vi_khe"]), user=rice_seller, reason="x")
    assert stripe_server.refunds(payment_of(paid).intent_id) == []
    paid.refresh_from_db()
    assert paid.payment_status == "paid" and not paid.refunds.exists()


def test_the_province_refunds_any_sub_order_then_the_whole_order(
    market, stripe_server, paid, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        orders.cancel(sub_order_of(paid, market["vi_khe"]), user=officer, reason="Tour hủy")
    assert Booking.objects.get().status == "cancelled"  # the seats go back too
    with django_capture_on_commit_callbacks(execute=True):
        orders.cancel(sub_order_of(paid, market["hai_toan"]), user=officer, reason="Hết gạo")

    paid.refresh_from_db()
    assert (paid.status, paid.payment_status) == ("cancelled", "refunded")
    assert paid.refunded_total == paid.total
    refunds = stripe_server.refunds(payment_of(paid).intent_id)
    assert sorted(r.amount for r in refunds) == sorted(
        paid.sub_orders.values_list("total", flat=True)
    )


def test_unpaid_card_sub_orders_are_not_prepared(market, stripe_server, officer):
    order = card_order(market)
    with pytest.raises(orders.OrderError):
        orders.confirm(sub_order_of(order, market["vi_khe"]), user=officer)


def test_a_refund_stripe_could_not_take_is_sent_again_by_the_sweep(
    market, stripe_server, paid, officer, settings, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(tasks.send_refund, "max_retries", 0)
    settings.STRIPE_API_BASE = DEAD_URL
    rice_part = sub_order_of(paid, market["hai_toan"])
    with django_capture_on_commit_callbacks(execute=True):
        orders.cancel(rice_part, user=officer, reason="Hết gạo")
    refund = paid.refunds.get()
    assert refund.state == "pending"  # written down, to be sent
    settings.STRIPE_API_BASE = stripe_server.url

    with time_machine.travel(refund.created_at + timedelta(minutes=10)):
        tasks.expire_unpaid_orders()

    refund.refresh_from_db()
    assert refund.state == "succeeded"
    assert [r.amount for r in stripe_server.refunds(payment_of(paid).intent_id)] == [
        rice_part.total
    ]

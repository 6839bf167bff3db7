"""The demo orders: every state, made through checkout and the services, loaded once."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from catalog import demo as catalog_demo
from cms import demo as cms_demo
from marketplace import demo
from marketplace.models import MovementReason, Order, StockMovement, SubOrder, SubOrderStatus
from tours import demo as tours_demo
from tours.models import Booking, BookingStatus

pytestmark = pytest.mark.django_db


def run_demos():
    out = io.StringIO()
    for module in (cms_demo, catalog_demo, tours_demo, demo):
        module.load(stdout=out)
    return out.getvalue()


def test_demo_orders_cover_every_state_once(client):
    output = run_demos()
    assert "not made" not in output
    assert Order.objects.count() == len(demo.ORDERS)
    counts = (Order.objects.count(), SubOrder.objects.count(), StockMovement.objects.count())
    assert "demo orders" not in run_demos()
    assert (Order.objects.count(), SubOrder.objects.count(), StockMovement.objects.count()) == (
        counts
    )

    statuses = set(SubOrder.objects.values_list("status", flat=True))
    assert statuses == {
        SubOrderStatus.PLACED,
        SubOrderStatus.CONFIRMED,
        SubOrderStatus.SHIPPED,
        SubOrderStatus.DELIVERED,
        SubOrderStatus.CANCELLED,
    }
    shipped = SubOrder.objects.filter(status=SubOrderStatus.SHIPPED)
    assert all(sub_order.tracking_number for sub_order in shipped)
    assert StockMovement.objects.filter(reason=MovementReason.CANCELLATION).exists()
    assert Booking.objects.filter(status=BookingStatus.CONFIRMED, order_line__isnull=False).exists()

    producer_user = get_user_model().objects.get(username=tours_demo.PRODUCER_USERNAME)
    own = set(SubOrder.objects.filter(producer__users=producer_user).values_list("pk", flat=True))
    assert len(own) == len(demo.ORDERS)  # Vị Khê's peach trees are in every demo order
    client.force_login(producer_user)
    response = client.get(reverse("marketplace_orders:index"))
    assert {row.pk for row in response.context["object_list"]} == own
    vi_khe = SubOrder.objects.filter(
        producer__users=producer_user, order__email=demo.ORDERS[0]["email"]
    )
    assert vi_khe.get().delivery_fee == 60_000  # its own delivery terms
    response = client.get(reverse("marketplace_delivery:index"))
    assert len(response.context["object_list"]) == 1

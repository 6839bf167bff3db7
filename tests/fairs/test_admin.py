"""Fairs in the admin: producers apply for their own producers and products only;
officers decide and give booths; offers and reports are the officers'."""

import csv
import io

import pytest
from django.utils import timezone

from fairs.models import FairParticipant, ParticipantStatus
from marketplace.services import cart, checkout, orders
from tests.marketplace.builders import details, first_variant, new_session
from tests.portal.test_permission_matrix import is_denied

from .builders import approve, around_now, make_fair, make_livestream, make_offer

pytestmark = pytest.mark.django_db

ADD = "/admin/fairs/participants/new/"


@pytest.fixture
def fair(home_page):
    return make_fair(home_page, *around_now())


def test_a_producer_applies_for_its_own_producer_with_its_own_products(client, market, users, fair):
    client.force_login(users["hai_toan"])
    form = client.get(ADD).content.decode()
    assert "HTX Hải Toàn" in form and "Gạo tám" in form
    assert "HTX Vĩ Khê" not in form and "Cây cảnh Vĩ Khê" not in form
    assert 'name="status"' not in form and 'name="booth"' not in form

    response = client.post(
        ADD,
        {
            "campaign": fair.pk,
            "producer": market["hai_toan"].pk,
            "products": [market["rice"].pk],
            "note": "Xin tham gia",
        },
    )
    assert response.status_code == 302
    application = FairParticipant.objects.get()
    assert application.status == ParticipantStatus.PENDING
    assert application.applied_by == users["hai_toan"]
    assert list(application.products.all()) == [market["rice"]]


@pytest.mark.parametrize(
    ("producer", "product"),
    [("vi_khe", "bonsai"), ("hai_toan", "bonsai"), ("vi_khe", "rice")],
)
def test_a_producer_cannot_apply_for_another_producer_or_its_products(
    client, market, users, fair, producer, product
):
    client.force_login(users["hai_toan"])
    response = client.post(
        ADD,
        {"campaign": fair.pk, "producer": market[producer].pk, "products": [market[product].pk]},
    )
    assert response.status_code == 200
    assert not FairParticipant.objects.exists()


def test_officers_approve_and_give_booths_producers_only_read_their_own(
    client, market, users, fair
):
    own = FairParticipant.objects.create(campaign=fair, producer=market["hai_toan"])
    other = FairParticipant.objects.create(campaign=fair, producer=market["vi_khe"])
    client.force_login(users["hai_toan"])
    listing = client.get("/admin/fairs/participants/").content.decode()
    assert "HTX Hải Toàn" in listing and "HTX Vĩ Khê" not in listing
    for participant in (own, other):
        assert is_denied(client.get(f"/admin/fairs/participants/edit/{participant.pk}/"))
        assert is_denied(client.get(f"/admin/fairs/participants/delete/{participant.pk}/"))

    client.force_login(users["officer"])
    response = client.post(
        f"/admin/fairs/participants/edit/{own.pk}/",
        {
            "campaign": fair.pk,
            "producer": market["hai_toan"].pk,
            "products": [market["rice"].pk],
            "status": ParticipantStatus.APPROVED,
            "booth": "B-12",
        },
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert (own.status, own.booth, own.decided_by) == ("approved", "B-12", users["officer"])


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("superuser", True), ("officer", True), ("editor", False), ("hai_toan", False)],
)
def test_offers_and_reports_are_for_officers(client, market, users, fair, role, allowed):
    approve(fair, market["hai_toan"], market["rice"])
    offer = make_offer(first_variant(market["rice"]), campaign=fair, price=120_000)
    client.force_login(users[role])
    for url in (
        "/admin/fairs/offers/",
        f"/admin/fairs/offers/edit/{offer.pk}/",
        "/admin/fairs/reports/",
        "/admin/fairs/reports/?report=offer&export=csv",
    ):
        response = client.get(url)
        assert (response.status_code == 200) == allowed, url
        if not allowed:
            assert is_denied(response), url


def test_editors_see_no_applications(client, users, market, fair):
    FairParticipant.objects.create(campaign=fair, producer=market["hai_toan"])
    client.force_login(users["editor"])
    assert is_denied(client.get("/admin/fairs/participants/"))
    assert is_denied(client.get(ADD))


def test_an_offer_needs_an_approved_participant(client, market, users, fair):
    client.force_login(users["officer"])
    rice = first_variant(market["rice"])
    data = {"campaign": fair.pk, "sku": rice.sku, "price": 120_000, "is_active": "on"}
    refused = client.post("/admin/fairs/offers/new/", data)
    assert refused.status_code == 200 and "chưa được duyệt" in refused.content.decode()
    approve(fair, market["hai_toan"], market["rice"])
    assert client.post("/admin/fairs/offers/new/", data).status_code == 302


def test_sales_reports_per_campaign_livestream_and_offer_with_csv(
    client, home_page, market, users, fair
):
    from fairs.services import reports

    approve(fair, market["hai_toan"], market["rice"])
    rice = first_variant(market["rice"])
    fair_offer = make_offer(rice, campaign=fair, price=120_000)
    bonsai = first_variant(market["bonsai"])
    live = make_livestream(home_page, *around_now(), pinned=[market["bonsai"]], campaign=fair)
    live_offer = make_offer(bonsai, livestream=live, price=400_000)
    placed = []
    for quantity in (2, 1):
        session = new_session()
        cart.add_to_cart(session, rice.pk, quantity)
        cart.add_to_cart(session, bonsai.pk, 1)
        placed.append(checkout.place_order(session, details()))
    # A cancelled sub-order no longer counts.
    orders.cancel(
        placed[1].sub_orders.get(producer=market["vi_khe"]), user=users["officer"], reason="Hết"
    )

    by_offer = {row["id"]: row for row in reports.sales_by_offer()}
    assert (by_offer[fair_offer.pk]["units"], by_offer[fair_offer.pk]["sales"]) == (3, 360_000)
    assert (by_offer[live_offer.pk]["orders"], by_offer[live_offer.pk]["sales"]) == (1, 400_000)
    (campaign,) = reports.sales_by_campaign()
    assert (campaign["name"], campaign["orders"], campaign["sales"]) == (fair.title, 2, 760_000)
    (livestream,) = reports.sales_by_livestream()
    assert (livestream["id"], livestream["units"]) == (live.pk, 1)
    assert reports.sales_by_campaign(start=timezone.now()) == []

    client.force_login(users["officer"])
    response = client.get("/admin/fairs/reports/?report=campaign&export=csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1] == [str(fair.pk), fair.title, "2", "4", "760000"]

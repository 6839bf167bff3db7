"""The fairs demo: one fair with two participants and offers, two livestreams, loaded once."""

import io

import pytest
from django.utils import timezone

from catalog import demo as catalog_demo
from cms import demo as cms_demo
from fairs import demo
from fairs.models import FairCampaignPage, FairParticipant, LivestreamEventPage, Offer

pytestmark = pytest.mark.django_db


def run_demos():
    out = io.StringIO()
    for module in (cms_demo, catalog_demo, demo):
        module.load(stdout=out)
    return out.getvalue()


def test_demo_fair_and_livestreams_are_loaded_once(client):
    run_demos()
    counts = (
        FairCampaignPage.objects.count(),
        Offer.objects.count(),
        LivestreamEventPage.objects.count(),
    )
    run_demos()
    assert counts == (1, 3, 2)
    assert (
        FairCampaignPage.objects.count(),
        Offer.objects.count(),
        LivestreamEventPage.objects.count(),
    ) == counts

    fair = FairCampaignPage.objects.get()
    assert fair.title == "Hội chợ OCOP Ninh Bình 2026"
    assert FairParticipant.objects.filter(campaign=fair, status="approved").count() == 2
    now = timezone.now()
    upcoming = LivestreamEventPage.objects.get(starts_at__gt=now)
    ended = LivestreamEventPage.objects.get(ends_at__lt=now)
    assert upcoming.pinned_products.count() == 2 and upcoming.offers.exists()
    assert ended.replay_url
    for page in (fair, upcoming, ended, upcoming.get_parent()):
        assert client.get(page.url).status_code == 200
    # The fair runs now: its prices are on the page.
    assert "<del" in client.get(fair.url).content.decode()

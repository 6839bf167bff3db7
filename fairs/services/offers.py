"""Offers in their windows, and the only code that changes an offer's ``sold`` count.

An offer applies at a moment when it is active, its fair or livestream page is
live and the moment is inside that page's window, boundaries included (see
``fairs.windows``); a fair's offer also needs its producer to be an approved
participant of the fair. ``sold`` changes only inside checkout's or a
cancellation's transaction, with the offer rows locked in primary-key order
(after the inventory rows, before the departures: the same order everywhere).
"""

from collections import defaultdict
from datetime import timedelta

from django.db.models import Exists, F, Min, OuterRef, Q, Value
from django.db.models.functions import Greatest

from fairs.models import (
    FairCampaignPage,
    FairParticipant,
    LivestreamEventPage,
    Offer,
    ParticipantStatus,
)


def _inside_window(at):
    return Q(campaign__live=True, campaign__starts_at__lte=at, campaign__ends_at__gte=at) | Q(
        livestream__live=True, livestream__starts_at__lte=at, livestream__ends_at__gte=at
    )


def next_window_edge(now):
    """The next moment after ``now`` a fair's or a livestream's window opens, or closes
    (the second after its end: the end itself is inside), or None. Offer prices and a
    product page's next livestream change by themselves then."""
    edges = []
    for model in (FairCampaignPage, LivestreamEventPage):
        found = model.objects.filter(live=True).aggregate(
            opens=Min("starts_at", filter=Q(starts_at__gt=now)),
            closes=Min("ends_at", filter=Q(ends_at__gte=now)),
        )
        if found["opens"] is not None:
            edges.append(found["opens"])
        if found["closes"] is not None:
            edges.append(found["closes"] + timedelta(seconds=1))
    return min(edges, default=None)


def _approved_participant():
    return Exists(
        FairParticipant.objects.filter(
            campaign=OuterRef("campaign"),
            producer=OuterRef("product__product__producer"),
            status=ParticipantStatus.APPROVED,
        )
    )


def offers_in_window(skus, at):
    """Active offers on ``skus`` whose window contains ``at``."""
    return (
        Offer.objects.filter(sku__in=list(skus), is_active=True)
        .filter(_inside_window(at))
        .annotate(approved=_approved_participant())
        .filter(Q(livestream__isnull=False) | Q(approved=True))
    )


def _by_sku(offers):
    found = defaultdict(list)
    for offer in offers:
        found[offer.sku].append(offer)
    return found


def active_offers(skus, at):
    """{sku: [offers]} applying at ``at`` (one query)."""
    skus = set(skus)
    if not skus:
        return {}
    return _by_sku(offers_in_window(skus, at).select_related("campaign", "livestream"))


def lock_offers(skus, at):
    """Under a transaction: lock the offers applying at ``at`` on ``skus``, in pk order.

    Returns {sku: [offers]} with ``sold`` as it is under the lock.
    """
    skus = set(skus)
    if not skus:
        return {}
    rows = (
        offers_in_window(skus, at)
        .select_for_update(of=("self",))
        .select_related("campaign", "livestream")
        .order_by("pk")
    )
    return _by_sku(rows)


def lock_offers_by_id(offer_ids):
    """Lock these offers in pk order (cancellations)."""
    ids = sorted({offer_id for offer_id in offer_ids if offer_id})
    if ids:
        list(Offer.objects.select_for_update().filter(pk__in=ids).order_by("pk"))


def best_offer(offers, list_price, quantity=1):
    """The offer giving the lowest unit price that still covers ``quantity``; None when no
    offer is below the list price."""
    best = None
    for offer in offers:
        amount = offer.amount_for(list_price)
        if amount >= list_price or not offer.covers(quantity):
            continue
        if best is None or amount < best.amount_for(list_price):
            best = offer
    return best


def take(offer, quantity):
    """Under the offer's lock: count ``quantity`` units sold under it (the caller has
    checked that they fit; the database refuses any excess)."""
    Offer.objects.filter(pk=offer.pk).update(sold=F("sold") + quantity)
    offer.sold += quantity


def give_back(offer_id, quantity):
    """Under the offer's lock: a cancelled line's units count no longer."""
    Offer.objects.filter(pk=offer_id).update(sold=Greatest(F("sold") - quantity, Value(0)))

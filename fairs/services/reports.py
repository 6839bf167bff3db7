"""Sales under fair and livestream offers: per campaign, per livestream, per offer.

Counts order lines that recorded an offer (``OrderLine.offer``), leaving out
cancelled and refunded sub-orders. ``sales_by_campaign`` reaches a livestream
offer's campaign through its livestream (``Offer.fair``); the payouts reports
reuse these functions.
"""

import csv
import io

from django.db.models import Count, F, Sum
from django.db.models.functions import Coalesce

from fairs.models import FairCampaignPage, LivestreamEventPage, Offer
from marketplace.admin_export import spreadsheet_text
from marketplace.models import OrderLine, SubOrderStatus

CLOSED = [SubOrderStatus.CANCELLED, SubOrderStatus.REFUNDED]


def offer_lines(start=None, end=None, producers=None):
    """Order lines sold under an offer (optionally placed in [start, end), of producers)."""
    lines = OrderLine.objects.filter(offer__isnull=False).exclude(sub_order__status__in=CLOSED)
    if start is not None:
        lines = lines.filter(sub_order__order__created_at__gte=start)
    if end is not None:
        lines = lines.filter(sub_order__order__created_at__lt=end)
    if producers is not None:
        lines = lines.filter(sub_order__producer__in=producers)
    return lines


def _totals(lines, key):
    return {
        row["key"]: row
        for row in lines.annotate(key=key)
        .values("key")
        .annotate(
            orders=Count("sub_order__order", distinct=True),
            units=Sum("quantity"),
            sales=Sum("total"),
        )
        .order_by("key")
    }


def _rows(totals, names):
    return [
        {
            "id": key,
            "name": names.get(key, "?"),
            **{k: row[k] for k in ("orders", "units", "sales")},
        }
        for key, row in totals.items()
        if key is not None
    ]


def sales_by_campaign(start=None, end=None, producers=None):
    """[{id, name, orders, units, sales}] per fair campaign (livestream offers count for
    their livestream's campaign)."""
    totals = _totals(
        offer_lines(start, end, producers),
        Coalesce(F("offer__campaign"), F("offer__livestream__campaign")),
    )
    names = dict(FairCampaignPage.objects.filter(pk__in=totals).values_list("pk", "title"))
    return _rows(totals, names)


def sales_by_livestream(start=None, end=None, producers=None):
    totals = _totals(offer_lines(start, end, producers), F("offer__livestream"))
    names = dict(LivestreamEventPage.objects.filter(pk__in=totals).values_list("pk", "title"))
    return _rows(totals, names)


def sales_by_offer(start=None, end=None, producers=None):
    totals = _totals(offer_lines(start, end, producers), F("offer"))
    offers = Offer.objects.filter(pk__in=totals).select_related("campaign", "livestream")
    names = {offer.pk: f"{offer.display_label} ({offer.sku})" for offer in offers}
    return _rows(totals, names)


REPORTS = {
    "campaign": sales_by_campaign,
    "livestream": sales_by_livestream,
    "offer": sales_by_offer,
}


def as_csv(rows, headers):
    """CSV text: a header row, then id, name, orders, units, sales (whole đồng)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    for row in rows:
        writer.writerow(
            [row["id"], spreadsheet_text(row["name"]), row["orders"], row["units"], row["sales"]]
        )
    return out.getvalue()

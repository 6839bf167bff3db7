"""Sales by month, by producer, by province (the producer's) and by campaign.

A sale is an order line of a sub-order that is neither cancelled nor refunded, in an
order that is not a card order still waiting for (or past) its payment. Its amount
is the line's total (goods or tour seats; delivery fees are not sales), counted in
the month the order was placed (Asia/Ho_Chi_Minh). The product set and stars filters
follow the line's product (tour lines have none, so they drop out); the province
filter is the producer's province.
"""

from django.db.models import Count, F, Q, Sum, Value
from django.db.models.functions import Coalesce, NullIf, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import Producer
from marketplace.models import OrderLine, PaymentStatus, SubOrder, SubOrderStatus
from reports.tables import SHOWN_ROWS, Column, Table

from .common import month_label, months_between, province_name
from .period import local_day_range

FILTERS = ("province", "product_set", "stars", "period")


# --- Sales by campaign: the one place that says which campaign a line belongs to --------


def campaign_of_line():
    """What a sold line is grouped under in "sales by campaign": the fair of the offer it
    was sold under (a livestream offer's through its livestream, as fairs.services.reports
    does), a livestream outside any fair, or the offer's copied name once the offer is
    deleted; None for a line at the list price."""
    return Coalesce(
        F("offer__campaign__title"),
        F("offer__livestream__campaign__title"),
        F("offer__livestream__title"),
        NullIf(F("offer_label"), Value("")),
    )


def campaign_label(value):
    if not value:
        return _("Giá niêm yết (ngoài chiến dịch)")
    return str(value)


# -------------------------------------------------------------------------------------------


def _in_period(filters, prefix):
    start, end = local_day_range(filters.start, filters.end)
    rows = {f"{prefix}order__created_at__gte": start, f"{prefix}order__created_at__lt": end}
    unpaid = [PaymentStatus.PENDING, PaymentStatus.EXPIRED]
    return (
        Q(**rows)
        & ~Q(**{f"{prefix}status__in": [SubOrderStatus.CANCELLED, SubOrderStatus.REFUNDED]})
        & ~Q(**{f"{prefix}order__payment_status__in": unpaid})
    )


def sold_lines(filters):
    lines = OrderLine.objects.filter(_in_period(filters, "sub_order__")).order_by()
    if filters.province:
        lines = lines.filter(sub_order__producer__province_code=filters.province)
    product = "variant__page__product__"
    if filters.product_set:
        lines = lines.filter(**{f"{product}product_set__number": filters.product_set})
    if filters.stars:
        lines = lines.filter(**{f"{product}current_certification__stars": filters.stars})
    return lines


def _sales(filters):
    """(rows, path to the sub-order, the totals) to aggregate.

    Without a product filter a sub-order's own totals are its sales (goods + tour seats,
    the sums of its lines): one row per sub-order, no line read. With one, the lines.
    """
    if filters.product_set or filters.stars:
        totals = {"amount": Sum("total"), "sub_orders": Count("sub_order", distinct=True)}
        return sold_lines(filters), "sub_order__", totals
    sub_orders = SubOrder.objects.filter(_in_period(filters, "")).order_by()
    if filters.province:
        sub_orders = sub_orders.filter(producer__province_code=filters.province)
    totals = {"amount": Sum(F("goods_total") + F("tours_total")), "sub_orders": Count("pk")}
    return sub_orders, "", totals


def _money(key, title):
    return Column(key, title, money=True)


def _by_producer_id(filters):
    rows, path, totals = _sales(filters)
    return list(
        rows.values(f"{path}producer_id")
        .annotate(**totals)
        .values_list(f"{path}producer_id", "sub_orders", "amount")
    )


def by_month(filters):
    zone = timezone.get_current_timezone()
    rows, path, totals = _sales(filters)
    found = {
        month_label(row["month"]): row
        for row in rows.annotate(month=TruncMonth(f"{path}order__created_at", tzinfo=zone))
        .values("month")
        .annotate(**totals)
    }
    rows = [
        {
            "month": month,
            "sub_orders": found.get(month, {}).get("sub_orders", 0),
            "amount": found.get(month, {}).get("amount", 0) or 0,
        }
        for month in months_between(filters.start, filters.end)
    ]
    return Table(
        key="sales_by_month",
        title=_("Doanh số theo tháng"),
        columns=[
            Column("month", _("Tháng")),
            Column("sub_orders", _("Đơn của chủ thể")),
            _money("amount", _("Doanh số")),
        ],
        rows=rows,
        chart="line",
        label="month",
        value="amount",
        filters=FILTERS,
    )


def by_producer(filters):
    """Grouped on the producer's id alone; names and provinces are read after."""
    sold = _by_producer_id(filters)
    producers = {
        pk: (name, province)
        for pk, name, province in Producer.objects.filter(
            pk__in=[producer_id for producer_id, _n, _a in sold]
        ).values_list("pk", "name", "province_code")
    }
    rows = sorted(
        (
            {
                "producer": producers[producer_id][0],
                "province": province_name(producers[producer_id][1]),
                "sub_orders": count,
                "amount": amount,
            }
            for producer_id, count, amount in sold
        ),
        key=lambda row: (-row["amount"], row["producer"]),
    )
    return Table(
        key="sales_by_producer",
        title=_("Doanh số theo chủ thể"),
        columns=[
            Column("producer", _("Chủ thể")),
            Column("province", _("Tỉnh/thành phố")),
            Column("sub_orders", _("Đơn của chủ thể")),
            _money("amount", _("Doanh số")),
        ],
        rows=rows,
        chart="hbar",
        label="producer",
        value="amount",
        filters=FILTERS,
        extra={"shown_rows": SHOWN_ROWS},
    )


def by_province(filters):
    sold = _by_producer_id(filters)
    provinces = dict(
        Producer.objects.filter(pk__in=[producer_id for producer_id, _n, _a in sold]).values_list(
            "pk", "province_code"
        )
    )
    totals = {}
    for producer_id, count, amount in sold:
        code = provinces[producer_id]
        sub_orders, money = totals.get(code, (0, 0))
        totals[code] = (sub_orders + count, money + amount)
    ordered = sorted(totals.items(), key=lambda item: (-item[1][1], item[0] or 0))
    return Table(
        key="sales_by_province",
        title=_("Doanh số theo tỉnh của chủ thể"),
        columns=[
            Column("province", _("Tỉnh/thành phố")),
            Column("sub_orders", _("Đơn của chủ thể")),
            _money("amount", _("Doanh số")),
        ],
        rows=[
            {"province": province_name(code), "sub_orders": count, "amount": amount}
            for code, (count, amount) in ordered
        ],
        chart="hbar",
        label="province",
        value="amount",
        filters=FILTERS,
    )


def by_campaign(filters):
    rows = (
        sold_lines(filters)
        .annotate(campaign=campaign_of_line())
        .values("campaign")
        .annotate(lines=Count("pk"), amount=Sum("total"))
        .order_by("-amount", "campaign")
    )
    return Table(
        key="sales_by_campaign",
        title=_("Doanh số theo chiến dịch"),
        columns=[
            Column("campaign", _("Chiến dịch / nguồn giá")),
            Column("lines", _("Dòng hàng")),
            _money("amount", _("Doanh số")),
        ],
        rows=[
            {
                "campaign": campaign_label(row["campaign"]),
                "lines": row["lines"],
                "amount": row["amount"],
            }
            for row in rows
        ],
        chart="bar",
        label="campaign",
        value="amount",
        filters=FILTERS,
    )

"""Sales by month, by producer, by province (the producer's) and by campaign.

A sale is an order line of a sub-order that is neither cancelled nor refunded, in an
order that is not a card order still waiting for (or past) its payment. Its amount
is the line's total (goods or tour seats; delivery fees are not sales), counted in
the month the order was placed (Asia/Ho_Chi_Minh). The product set and stars filters
follow the line's product (tour lines have none, so they drop out); the province
filter is the producer's province.
"""

from django.db.models import Count, F, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.models import OrderLine, PaymentStatus, SubOrderStatus
from marketplace.services.pricing import LIST_PRICE
from reports.tables import SHOWN_ROWS, Column, Table

from .common import month_label, months_between, province_name
from .period import local_day_range

FILTERS = ("province", "product_set", "stars", "period")


# --- Sales by campaign: the one place that says which campaign a line belongs to --------
# Today an order line knows only where its price came from (``price_source``: "list", or
# the offer it came from). When fair campaigns land (OrderLine.offer → a campaign or
# livestream offer), point this expression at the offer's campaign, e.g.
# ``F("offer__campaign__title")``, and ``campaign_label`` at its display; nothing else in
# the reports changes.


def campaign_of_line():
    """What a sold line is grouped under in "sales by campaign"."""
    return F("price_source")


def campaign_label(value):
    if value in (None, "", LIST_PRICE):
        return _("Giá niêm yết (ngoài chiến dịch)")
    return str(value)


# -------------------------------------------------------------------------------------------


def sold_lines(filters):
    start, end = local_day_range(filters.start, filters.end)
    lines = OrderLine.objects.filter(
        sub_order__order__created_at__gte=start, sub_order__order__created_at__lt=end
    ).exclude(sub_order__status__in=[SubOrderStatus.CANCELLED, SubOrderStatus.REFUNDED])
    lines = lines.exclude(
        sub_order__order__payment_status__in=[PaymentStatus.PENDING, PaymentStatus.EXPIRED]
    )
    if filters.province:
        lines = lines.filter(sub_order__producer__province_code=filters.province)
    product = "variant__page__product__"
    if filters.product_set:
        lines = lines.filter(**{f"{product}product_set__number": filters.product_set})
    if filters.stars:
        lines = lines.filter(**{f"{product}current_certification__stars": filters.stars})
    return lines


def _money(key, title):
    return Column(key, title, money=True)


def _totals():
    return {"amount": Sum("total"), "sub_orders": Count("sub_order", distinct=True)}


def by_month(filters):
    zone = timezone.get_current_timezone()
    found = {
        month_label(row["month"]): row
        for row in sold_lines(filters)
        .annotate(month=TruncMonth("sub_order__order__created_at", tzinfo=zone))
        .values("month")
        .annotate(**_totals())
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
    rows = (
        sold_lines(filters)
        .values("sub_order__producer_id", "sub_order__producer__name")
        .annotate(**_totals(), province=F("sub_order__producer__province_code"))
        .order_by("-amount", "sub_order__producer__name")
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
        rows=[
            {
                "producer": row["sub_order__producer__name"],
                "province": province_name(row["province"]),
                "sub_orders": row["sub_orders"],
                "amount": row["amount"],
            }
            for row in rows
        ],
        chart="hbar",
        label="producer",
        value="amount",
        filters=FILTERS,
        extra={"shown_rows": SHOWN_ROWS},
    )


def by_province(filters):
    rows = (
        sold_lines(filters)
        .values("sub_order__producer__province_code")
        .annotate(**_totals())
        .order_by("-amount", "sub_order__producer__province_code")
    )
    return Table(
        key="sales_by_province",
        title=_("Doanh số theo tỉnh của chủ thể"),
        columns=[
            Column("province", _("Tỉnh/thành phố")),
            Column("sub_orders", _("Đơn của chủ thể")),
            _money("amount", _("Doanh số")),
        ],
        rows=[
            {
                "province": province_name(row["sub_order__producer__province_code"]),
                "sub_orders": row["sub_orders"],
                "amount": row["amount"],
            }
            for row in rows
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

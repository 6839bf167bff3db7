"""Certificates: those in the renewal window (expiring within 180, 120 and 30 days, with
each producer's contact) and revocations in the 12 months up to the period's end."""

from dataclasses import replace
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _

from catalog import rules
from catalog.models import Certification, Product
from reports.tables import SHOWN_ROWS, Column, Table

from .common import month_label, months_between, product_filter, province_name

EXPIRY_THRESHOLDS = (30, 120, rules.RENEWAL_WINDOW_DAYS)  # days; 180 = the renewal window
FILTERS = ("province", "product_set", "stars")


def in_renewal_window(filters):
    """Products whose current certificate expires within 180 days of today (not revoked)."""
    on = filters.on
    window_end = on + timedelta(days=rules.RENEWAL_WINDOW_DAYS)
    return (
        Product.objects.filter(product_filter(filters))
        .filter(
            current_certification__valid_until__gte=on,
            current_certification__valid_until__lte=window_end,
        )
        .filter(
            Q(current_certification__revoked_on__isnull=True)
            | Q(current_certification__revoked_on__gt=on)
        )
    )


def expiry_summary(filters):
    on = filters.on
    counts = in_renewal_window(filters).aggregate(
        **{
            f"within_{days}": Count(
                "pk",
                filter=Q(current_certification__valid_until__lte=on + timedelta(days=days)),
            )
            for days in EXPIRY_THRESHOLDS
        }
    )
    return Table(
        key="expiry_summary",
        title=_("Chứng nhận sắp hết hạn"),
        columns=[Column("within", _("Hết hạn trong")), Column("certificates", _("Chứng nhận"))],
        rows=[
            {
                "within": _("%(days)s ngày") % {"days": days},
                "certificates": counts[f"within_{days}"],
            }
            for days in EXPIRY_THRESHOLDS
        ],
        chart="bar",
        label="within",
        value="certificates",
        note=_("Tính đến hôm nay; 180 ngày là cửa sổ đánh giá lại."),
        filters=FILTERS,
    )


def _bucket(days_left):
    return next(days for days in EXPIRY_THRESHOLDS if days_left <= days)


def expiring(filters):
    on = filters.on
    certificate, producer = "current_certification__", "producer__"
    products = (
        in_renewal_window(filters)
        .order_by(f"{certificate}valid_until", "name", "pk")
        .values(
            "name",
            f"{producer}name",
            f"{producer}province_code",
            f"{producer}representative",
            f"{producer}phone",
            f"{producer}email",
            f"{certificate}stars",
            f"{certificate}certificate_number",
            f"{certificate}decision_number",
            f"{certificate}valid_until",
        )
    )  # only the columns shown: the producer's story and the pages stay in the database
    rows = []
    for product in products:
        valid_until = product[f"{certificate}valid_until"]
        days_left = (valid_until - on).days
        rows.append(
            {
                "product": product["name"],
                "producer": product[f"{producer}name"],
                "province": province_name(product[f"{producer}province_code"]),
                "stars": product[f"{certificate}stars"],
                "certificate": product[f"{certificate}certificate_number"]
                or product[f"{certificate}decision_number"],
                "valid_until": valid_until,
                "days_left": days_left,
                "within": _bucket(days_left),
                "representative": product[f"{producer}representative"],
                "phone": product[f"{producer}phone"],
                "email": product[f"{producer}email"],
            }
        )
    return Table(
        key="expiring",
        title=_("Chứng nhận trong cửa sổ gia hạn, với liên hệ của chủ thể"),
        columns=[
            Column("product", _("Sản phẩm")),
            Column("producer", _("Chủ thể")),
            Column("province", _("Tỉnh/thành phố")),
            Column("stars", _("Hạng sao")),
            Column("certificate", _("Số giấy chứng nhận / quyết định")),
            Column("valid_until", _("Hiệu lực đến")),
            Column("days_left", _("Còn (ngày)")),
            Column("within", _("Nhóm (≤ ngày)")),
            Column("representative", _("Người đại diện")),
            Column("phone", _("Điện thoại")),
            Column("email", _("E-mail")),
        ],
        rows=rows,
        filters=FILTERS,
        extra={"shown_rows": SHOWN_ROWS},
    )


def revocation_period(filters):
    end = filters.end
    return end - relativedelta(months=12) + timedelta(days=1), end


def revoked(filters):
    start, end = revocation_period(filters)
    # The stars filter is on the revoked certificate itself, not on the product's current one.
    certificates = Certification.objects.filter(
        product_filter(replace(filters, stars=None), prefix="product__"),
        revoked_on__gte=start,
        revoked_on__lte=end,
    )
    return certificates.filter(stars=filters.stars) if filters.stars else certificates


def revocations_by_month(filters):
    start, end = revocation_period(filters)
    counts = {
        month_label(row["month"]): row["certificates"]
        for row in revoked(filters)
        .annotate(month=TruncMonth("revoked_on"))
        .values("month")
        .annotate(certificates=Count("pk"))
    }
    return Table(
        key="revocations_by_month",
        title=_("Chứng nhận bị thu hồi theo tháng (12 tháng)"),
        columns=[Column("month", _("Tháng")), Column("certificates", _("Chứng nhận"))],
        rows=[
            {"month": month, "certificates": counts.get(month, 0)}
            for month in months_between(start, end)
        ],
        chart="line",
        label="month",
        value="certificates",
        filters=(*FILTERS, "period_end"),
    )


def revocations(filters):
    certificates = revoked(filters).select_related("product__producer").order_by("-revoked_on")
    return Table(
        key="revocations",
        title=_("Chứng nhận bị thu hồi trong 12 tháng, với lý do"),
        columns=[
            Column("revoked_on", _("Ngày thu hồi")),
            Column("product", _("Sản phẩm")),
            Column("producer", _("Chủ thể")),
            Column("stars", _("Hạng sao")),
            Column("decision", _("Quyết định công nhận")),
            Column("revocation_decision", _("Quyết định thu hồi")),
            Column("reason", _("Lý do")),
        ],
        rows=[
            {
                "revoked_on": certificate.revoked_on,
                "product": certificate.product.name,
                "producer": certificate.product.producer.name,
                "stars": certificate.stars,
                "decision": certificate.decision_number,
                "revocation_decision": certificate.revocation_decision,
                "reason": certificate.revocation_reason,
            }
            for certificate in certificates
        ],
        filters=(*FILTERS, "period_end"),
        extra={"shown_rows": SHOWN_ROWS},
    )

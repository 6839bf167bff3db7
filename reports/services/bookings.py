"""Tour bookings by craft village and by month of the visit.

Confirmed bookings (not cancelled) whose departure starts in the period (local days).
A tour visiting two villages counts its bookings for each; a tour that names no
village is shown as such. The province filter is the village's province; product set
and stars do not apply to tours.
"""

from django.db.models import Count, F, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from reports.tables import Column, Table
from tours.models import Booking, BookingStatus, TourPage

from .common import month_label, months_between
from .period import local_day_range

FILTERS = ("province", "period")
VILLAGE = "departure__tour__villages"


def confirmed_bookings(filters):
    start, end = local_day_range(filters.start, filters.end)
    bookings = Booking.objects.filter(
        status=BookingStatus.CONFIRMED,
        departure__starts_at__gte=start,
        departure__starts_at__lt=end,
    )
    return bookings


def in_province(bookings, filters):
    """Bookings of tours visiting a village of the province (each booking once)."""
    if not filters.province:
        return bookings
    tours = TourPage.objects.filter(villages__province_code=filters.province)
    return bookings.filter(departure__tour__in=tours.values("pk"))


def _totals():
    return {"bookings": Count("pk", distinct=True), "visitors": Sum(F("adults") + F("children"))}


def _columns(first):
    return [first, Column("bookings", _("Lượt đặt")), Column("visitors", _("Khách"))]


def by_village(filters):
    bookings = confirmed_bookings(filters)
    if filters.province:  # the same join as the grouping: only the province's villages
        bookings = bookings.filter(**{f"{VILLAGE}__province_code": filters.province})
    rows = (
        bookings.values(f"{VILLAGE}__title")
        .annotate(**_totals())
        .order_by("-visitors", f"{VILLAGE}__title")
    )
    return Table(
        key="bookings_by_village",
        title=_("Đặt tour theo làng nghề"),
        columns=_columns(Column("village", _("Làng nghề"))),
        rows=[
            {
                "village": row[f"{VILLAGE}__title"] or _("(tour không gắn làng nghề)"),
                "bookings": row["bookings"],
                "visitors": row["visitors"] or 0,
            }
            for row in rows
        ],
        chart="hbar",
        label="village",
        value="visitors",
        filters=FILTERS,
    )


def by_month(filters):
    zone = timezone.get_current_timezone()
    found = {
        month_label(row["month"]): row
        for row in in_province(confirmed_bookings(filters), filters)
        .annotate(month=TruncMonth("departure__starts_at", tzinfo=zone))
        .values("month")
        .annotate(**_totals())
    }
    return Table(
        key="bookings_by_month",
        title=_("Đặt tour theo tháng khởi hành"),
        columns=_columns(Column("month", _("Tháng"))),
        rows=[
            {
                "month": month,
                "bookings": found.get(month, {}).get("bookings", 0),
                "visitors": found.get(month, {}).get("visitors", 0) or 0,
            }
            for month in months_between(filters.start, filters.end)
        ],
        chart="line",
        label="month",
        value="visitors",
        filters=FILTERS,
    )

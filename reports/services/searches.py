"""The search report (search/services.query_report) over the dashboard's period: the
same figures as the search app's own report page, which the dashboard links to."""

from django.utils.translation import gettext as _

from reports.tables import Column, Table
from search import services as search

MAX_DAYS = 366
FILTERS = ("period",)


def _report(filters):
    days = min(max((filters.end - filters.start).days + 1, 1), MAX_DAYS)
    return search.query_report(days=days, on=filters.end)


def frequent(filters):
    return Table(
        key="search_frequent",
        title=_("Truy vấn tìm nhiều nhất"),
        columns=[
            Column("query", _("Truy vấn")),
            Column("searches", _("Số lượt tìm")),
            Column("zero_hits", _("Không có kết quả")),
        ],
        rows=[
            {key: row[key] for key in ("query", "searches", "zero_hits")}
            for row in _report(filters)["frequent"]
        ],
        chart="hbar",
        label="query",
        value="searches",
        filters=FILTERS,
    )


def zero_hits(filters):
    return Table(
        key="search_zero_hits",
        title=_("Truy vấn không có kết quả"),
        columns=[
            Column("query", _("Truy vấn")),
            Column("zero_hits", _("Số lượt không có kết quả")),
            Column("last_day", _("Lần cuối")),
        ],
        rows=[
            {key: row[key] for key in ("query", "zero_hits", "last_day")}
            for row in _report(filters)["zero_hits"]
        ],
        filters=FILTERS,
    )

"""What several report families share: the filters on products, province names, months."""

from django.db.models import Q

from catalog import places


def product_filter(filters, prefix=""):
    """The province (of the producer), product set and stars filters on Product rows.

    ``prefix`` is the path from the queried model to a Product ("" from Product).
    """
    condition = Q()
    if filters.province:
        condition &= Q(**{f"{prefix}producer__province_code": filters.province})
    if filters.product_set:
        condition &= Q(**{f"{prefix}product_set__number": filters.product_set})
    if filters.stars:
        condition &= Q(**{f"{prefix}current_certification__stars": filters.stars})
    return condition


def province_name(code):
    province = places.province_by_code(code) if code else None
    return province.name if province else "—"


def month_label(value):
    """A month (a date or datetime) as "2026-03": sorts and reads the same everywhere."""
    return f"{value:%Y-%m}"


def months_between(start, end):
    """Every month from ``start`` to ``end`` (dates), as labels: empty months show as 0."""
    labels, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        labels.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return labels

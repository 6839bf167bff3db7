"""Certified products (a valid certificate of 3★ or more on the period's last day) by stars,
by product set and category, and by province (the producer's)."""

from django.db.models import Count
from django.utils.translation import gettext as _

from catalog.models import Product
from reports.tables import Column, Table

from .common import product_filter, province_name

FILTERS = ("province", "product_set", "stars", "period_end")


def certified_products(filters):
    return Product.objects.certified(on=filters.end).filter(product_filter(filters))


def _count_column():
    return Column("products", _("Sản phẩm"))


def by_stars(filters):
    rows = (
        certified_products(filters)
        .values("current_certification__stars")
        .annotate(products=Count("pk"))
        .order_by("current_certification__stars")
    )
    return Table(
        key="certified_by_stars",
        title=_("Sản phẩm được công nhận theo hạng sao"),
        columns=[Column("stars", _("Hạng sao")), _count_column()],
        rows=[
            {"stars": f"{row['current_certification__stars']}★", "products": row["products"]}
            for row in rows
        ],
        chart="bar",
        label="stars",
        value="products",
        filters=FILTERS,
    )


def by_product_set(filters):
    rows = (
        certified_products(filters)
        .values("product_set__number", "product_set__name", "product_set__category__name")
        .annotate(products=Count("pk"))
        .order_by("product_set__number")
    )
    return Table(
        key="certified_by_product_set",
        title=_("Sản phẩm được công nhận theo bộ sản phẩm"),
        columns=[
            Column("number", _("Số")),
            Column("product_set", _("Bộ sản phẩm")),
            Column("category", _("Ngành")),
            _count_column(),
        ],
        rows=[
            {
                "number": row["product_set__number"] or "—",
                "product_set": row["product_set__name"] or _("Chưa phân bộ"),
                "category": row["product_set__category__name"] or "—",
                "products": row["products"],
            }
            for row in rows
        ],
        chart="hbar",
        label="product_set",
        value="products",
        filters=FILTERS,
    )


def by_category(filters):
    rows = (
        certified_products(filters)
        .values("product_set__category__sort_order", "product_set__category__name")
        .annotate(products=Count("pk"))
        .order_by("product_set__category__sort_order")
    )
    return Table(
        key="certified_by_category",
        title=_("Sản phẩm được công nhận theo ngành"),
        columns=[Column("category", _("Ngành")), _count_column()],
        rows=[
            {
                "category": row["product_set__category__name"] or _("Chưa phân bộ"),
                "products": row["products"],
            }
            for row in rows
        ],
        chart="bar",
        label="category",
        value="products",
        filters=FILTERS,
    )


def by_province(filters):
    rows = (
        certified_products(filters)
        .values("producer__province_code")
        .annotate(products=Count("pk"))
        .order_by("-products", "producer__province_code")
    )
    return Table(
        key="certified_by_province",
        title=_("Sản phẩm được công nhận theo tỉnh"),
        columns=[Column("province", _("Tỉnh/thành phố")), _count_column()],
        rows=[
            {"province": province_name(row["producer__province_code"]), "products": row["products"]}
            for row in rows
        ],
        chart="hbar",
        label="province",
        value="products",
        filters=FILTERS,
    )

from datetime import date

from django import template
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from cms.formatting import format_vnd as vnd

register = template.Library()

SECTION_TITLES = {
    "certified": _("Sản phẩm được công nhận"),
    "certificates": _("Chứng nhận: gia hạn và thu hồi"),
    "sales": _("Doanh số"),
    "bookings": _("Đặt tour"),
    "search": _("Tìm kiếm"),
}
FILTER_TITLES = {
    "province": _("tỉnh"),
    "product_set": _("bộ sản phẩm"),
    "stars": _("hạng sao"),
    "period": _("kỳ báo cáo"),
    "period_end": _("ngày cuối kỳ"),
}


@register.simple_tag
def section_title(key):
    return SECTION_TITLES.get(key, key)


@register.simple_tag
def filter_title(key):
    return FILTER_TITLES.get(key, key)


@register.simple_tag
def cell(row, column):
    value = row.get(column.key)
    if column.money:
        return format_html('<td class="num">{}</td>', vnd(value or 0))
    if isinstance(value, date):
        return format_html("<td>{}</td>", date_format(value, "d/m/Y"))
    if isinstance(value, int):
        return format_html('<td class="num">{}</td>', f"{value:,}".replace(",", "."))
    return format_html("<td>{}</td>", "" if value is None else value)

"""Spreadsheet export (CSV, XLSX) of the admin listings: Wagtail's index-view export,
with local times, Vietnamese headings and shopper-typed text kept as text."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy
from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value):
    """Shoppers type names and addresses: a cell starting like a formula is kept as text."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def local_time_text(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


class ExportMixin:
    """Wagtail's CSV/XLSX export of the filtered listing, with local times and safe text."""

    custom_value_preprocess = {
        datetime.datetime: {
            SpreadsheetExportMixin.FORMAT_CSV: local_time_text,
            SpreadsheetExportMixin.FORMAT_XLSX: lambda value: timezone.make_naive(value),
        },
        # (XLSX: Wagtail already stores formula-like text as text.)
        str: {SpreadsheetExportMixin.FORMAT_CSV: spreadsheet_text},
        **SpreadsheetExportMixin.custom_value_preprocess,
    }
    export_name = "export"

    def get_filename(self):
        return f"{self.export_name}-{timezone.localdate():%Y%m%d}"


ORDER_EXPORT_HEADINGS = {
    "order.number": gettext_lazy("Mã đơn"),
    "number": gettext_lazy("Mã đơn"),
    "order.created_at": gettext_lazy("Đặt lúc"),
    "created_at": gettext_lazy("Đặt lúc"),
    "producer.name": gettext_lazy("Chủ thể"),
    "get_status_display": gettext_lazy("Trạng thái"),
    "order.contact_name": gettext_lazy("Người nhận"),
    "contact_name": gettext_lazy("Người nhận"),
    "order.phone": gettext_lazy("Điện thoại"),
    "phone": gettext_lazy("Điện thoại"),
    "order.email": gettext_lazy("E-mail"),
    "email": gettext_lazy("E-mail"),
    "order.province_name": gettext_lazy("Tỉnh/thành phố"),
    "province_name": gettext_lazy("Tỉnh/thành phố"),
    "order.ward_name": gettext_lazy("Xã/phường"),
    "ward_name": gettext_lazy("Xã/phường"),
    "order.street": gettext_lazy("Số nhà, đường"),
    "street": gettext_lazy("Số nhà, đường"),
    "order.get_payment_method_display": gettext_lazy("Thanh toán"),
    "get_payment_method_display": gettext_lazy("Thanh toán"),
    "order.get_payment_status_display": gettext_lazy("Tình trạng thanh toán"),
    "get_payment_status_display": gettext_lazy("Tình trạng thanh toán"),
    "goods_total": gettext_lazy("Tiền hàng (đồng)"),
    "delivery_fee": gettext_lazy("Phí giao hàng (đồng)"),
    "delivery_total": gettext_lazy("Phí giao hàng (đồng)"),
    "tours_total": gettext_lazy("Tiền tour (đồng)"),
    "total": gettext_lazy("Tổng cộng (đồng)"),
    "refunded_total": gettext_lazy("Đã hoàn (đồng)"),
    "carrier": gettext_lazy("Đơn vị vận chuyển"),
    "tracking_number": gettext_lazy("Mã vận đơn"),
    "cancel_reason": gettext_lazy("Lý do hủy"),
    "lines_text": gettext_lazy("Hàng / tour"),
    "producers_text": gettext_lazy("Các chủ thể (trạng thái)"),
}

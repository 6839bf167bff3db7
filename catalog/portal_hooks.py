"""Admin hooks of the producer portal: the "Giá bán" and "Chứng nhận OCOP" menu items, the
price-change log action and the producer's dashboard on the admin home."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.log_actions import LogFormatter

from catalog import admin_portal, permissions, portal
from catalog.models import Product
from cms.formatting import format_vnd


class PriceMenuItem(MenuItem):
    def is_shown(self, request):
        try:
            admin_portal.require_price_rights(request.user)
        except PermissionDenied:
            return False
        return True


@hooks.register("register_admin_menu_item")
def register_prices_menu_item():
    return PriceMenuItem(_("Giá bán"), reverse("catalog_admin:prices"), icon_name="tag", order=231)


@hooks.register("register_log_actions")
def register_price_log_action(actions):
    @actions.register_action("catalog.set_price")
    class SetPrice(LogFormatter):
        label = _("Đổi giá")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("Đổi giá %(label)s (%(sku)s): %(old)s → %(new)s") % {
                "label": data.get("label", ""),
                "sku": data.get("sku", ""),
                "old": format_amount(data.get("old")),
                "new": format_amount(data.get("new")),
            }


class CertificatesMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.is_producer_user(request.user)


@hooks.register("register_admin_menu_item")
def register_certificates_menu_item():
    return CertificatesMenuItem(
        _("Chứng nhận OCOP"), reverse("catalog_admin:certificates"), icon_name="success", order=232
    )


class ProducerDashboardPanel(Component):
    """The producer's shop on the admin home (catalog.portal)."""

    name = "ocop_producer_dashboard"
    order = 50
    template_name = "catalog/admin/producer_dashboard.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        return {
            "to_ship": list(portal.to_ship(self.user)),
            "low_stock": list(portal.low_stock(self.user)),
            "certificates": portal.certificates(self.user),
            "departures": list(portal.upcoming_departures(self.user)),
            "sales": portal.sales(self.user),
        }


@hooks.register("construct_homepage_panels")
def add_producer_dashboard(request, panels):
    if permissions.is_producer_user(request.user):
        panels.insert(0, ProducerDashboardPanel(request.user))


class InviteMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.is_officer(request.user)


@hooks.register("register_settings_menu_item")
def register_invite_menu_item():
    return InviteMenuItem(
        _("Mời người dùng chủ thể"), reverse("catalog_admin:invite"), icon_name="mail", order=610
    )


class QRLabelSheetBulkAction(BulkAction):
    """ "In nhãn QR" on the products listing: the selected products on one A4 sheet."""

    display_name = _("In nhãn QR")
    action_type = "qr_label_sheet"
    aria_label = _("In tờ nhãn QR của các sản phẩm đã chọn")
    models = [Product]
    action_priority = 20

    def get(self, request, *args, **kwargs):
        ids = [value for value in request.GET.getlist("id") if value.isdigit()]
        if not ids:
            ids = [
                str(pk)
                for pk in permissions.visible_rows(Product, request.user).values_list(
                    "pk", flat=True
                )
            ]
        query = urlencode([("product", value) for value in ids])
        return redirect(reverse("catalog_admin:qr_label_sheet") + "?" + query)

    @classmethod
    def execute_action(cls, objects, **kwargs):  # never reached: get() redirects
        return 0, 0


hooks.register("register_bulk_action", QRLabelSheetBulkAction)


def format_amount(value):
    """A logged amount as đồng (``150.000 ₫``); left as it is if it is not a number."""
    try:
        return format_vnd(int(value))
    except (TypeError, ValueError):
        return "" if value is None else str(value)

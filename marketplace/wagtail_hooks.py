"""Wagtail admin of the marketplace: the "Đơn hàng" menu (sub-orders for producers and
officers, whole orders for officers, delivery terms) and "Tồn kho" (stock per SKU).

Each model has a permission policy (marketplace/permissions.py) so the menu items
show for a producer's users too, and show them only their own rows.
"""

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from catalog import permissions as catalog_permissions
from catalog.models import ProductVariant
from marketplace import admin_payouts, admin_stock, admin_views
from marketplace.models import Inventory, Order, ProducerDelivery, SubOrder
from marketplace.permissions import DeliveryTermsPolicy, OrderPolicy, StockPolicy, SubOrderPolicy

# Registered before the viewsets: they look the policies up.
register_permission_policy(SubOrder, SubOrderPolicy(SubOrder))
register_permission_policy(Order, OrderPolicy(Order))
register_permission_policy(ProductVariant, StockPolicy(ProductVariant))
register_permission_policy(ProducerDelivery, DeliveryTermsPolicy(ProducerDelivery))


class ReadOnlyViewSet(ModelViewSet):
    """A listing plus custom pages: no generic add, edit, delete, copy or history views."""

    copy_view_enabled = False
    add_to_reference_index = False
    list_per_page = 50

    def extra_urlpatterns(self):
        return []

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            *self.extra_urlpatterns(),
        ]

    @property
    def url_finder_class(self):
        # Admin links to a row (search, logs) open its detail page.
        return type(
            "_DetailURLFinder",
            (super().url_finder_class,),
            {"edit_url_name": self.get_url_name(self.detail_name)},
        )

    detail_name = "detail"


class SubOrderViewSet(ReadOnlyViewSet):
    model = SubOrder
    name = "marketplace_orders"  # marketplace/emails.py links to marketplace_orders:detail
    url_prefix = "orders"
    icon = "list-ul"
    menu_label = gettext_lazy("Đơn theo chủ thể")
    index_view_class = admin_views.SubOrderIndexView

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(detail_url_name=self.get_url_name("detail"), **kwargs)

    def extra_urlpatterns(self):
        action_url_names = {action: self.get_url_name(action) for action in admin_views.ACTIONS}
        detail = admin_views.SubOrderDetailView.as_view(
            index_url_name=self.get_url_name("index"),
            detail_url_name=self.get_url_name("detail"),
            action_url_names=action_url_names,
            order_detail_url_name="marketplace_whole_orders:detail",
        )
        return [
            path("<int:pk>/", detail, name="detail"),
            *[
                path(
                    f"<int:pk>/{action}/",
                    admin_views.SubOrderActionView.as_view(
                        action=action, detail_url_name=self.get_url_name("detail")
                    ),
                    name=action,
                )
                for action in admin_views.ACTIONS
            ],
        ]


class OrderViewSet(ReadOnlyViewSet):
    model = Order
    name = "marketplace_whole_orders"
    url_prefix = "orders/all"
    icon = "list-ol"
    menu_label = gettext_lazy("Đơn hàng toàn sàn")
    index_view_class = admin_views.OrderIndexView

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(detail_url_name=self.get_url_name("detail"), **kwargs)

    def extra_urlpatterns(self):
        detail = admin_views.OrderDetailView.as_view(
            index_url_name=self.get_url_name("index"),
            sub_order_url_name="marketplace_orders:detail",
        )
        return [path("<int:pk>/", detail, name="detail")]


class StockViewSet(ReadOnlyViewSet):
    model = ProductVariant
    name = "marketplace_stock"
    url_prefix = "stock"
    icon = "tasks"
    menu_label = gettext_lazy("Tồn kho")
    menu_order = 230
    add_to_admin_menu = True
    index_view_class = admin_stock.StockIndexView
    detail_name = "set"
    sort_order_field = None

    def get_permissions_to_register(self):
        # Who sets every producer's stock is decided by marketplace.change_inventory, not by
        # the variant's own (page content) permissions: offer that one in the groups editor.
        return Permission.objects.filter(
            content_type=ContentType.objects.get_for_model(Inventory),
            codename__in=["view_inventory", "change_inventory"],
        )

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            set_url_name=self.get_url_name("set"),
            movements_url_name=self.get_url_name("movements"),
            **kwargs,
        )

    def extra_urlpatterns(self):
        names = {
            "index_url_name": self.get_url_name("index"),
            "set_url_name": self.get_url_name("set"),
            "movements_url_name": self.get_url_name("movements"),
        }
        return [
            path("<int:pk>/", admin_stock.StockSetView.as_view(**names), name="set"),
            path(
                "<int:pk>/movements/",
                admin_stock.StockMovementsView.as_view(**names),
                name="movements",
            ),
        ]


class DeliveryTermsViewSet(ModelViewSet):
    model = ProducerDelivery
    name = "marketplace_delivery"
    url_prefix = "orders/delivery"
    icon = "cogs"
    menu_label = gettext_lazy("Phí giao hàng của chủ thể")
    copy_view_enabled = False
    add_to_reference_index = False
    index_view_class = admin_stock.DeliveryTermsIndexView
    edit_view_class = admin_stock.DeliveryTermsEditView
    delete_view_class = admin_stock.DeliveryTermsDeleteView
    list_display = [
        "producer",
        Column("fee", label=gettext_lazy("Phí giao hàng"), accessor=lambda row: fee(row.fee)),
        Column(
            "free_threshold",
            label=gettext_lazy("Miễn phí từ"),
            accessor=lambda row: fee(row.free_threshold),
        ),
    ]
    edit_handler = ObjectList(
        [FieldPanel("producer"), FieldPanel("fee"), FieldPanel("free_threshold")],
        base_form_class=admin_stock.DeliveryTermsForm,
    )


def fee(value):
    return admin_stock.fee_text(value)


class OrdersViewSetGroup(ModelViewSetGroup):
    menu_label = gettext_lazy("Đơn hàng")
    menu_icon = "list-ul"
    menu_order = 220
    items = (SubOrderViewSet, OrderViewSet, DeliveryTermsViewSet)


@hooks.register("register_admin_viewset")
def register_orders_viewsets():
    return OrdersViewSetGroup()


@hooks.register("register_admin_viewset")
def register_stock_viewset():
    return StockViewSet()


SUB_ORDER_LOG_ACTIONS = {
    "confirm": (gettext_lazy("Xác nhận đơn"), gettext_lazy("Đã xác nhận đơn")),
    "ship": (gettext_lazy("Giao cho vận chuyển"), gettext_lazy("Đã giao cho vận chuyển")),
    "deliver": (gettext_lazy("Giao xong"), gettext_lazy("Đã giao xong")),
    "cancel": (gettext_lazy("Hủy đơn"), gettext_lazy("Đã hủy đơn")),
}


@hooks.register("register_log_actions")
def register_sub_order_log_actions(actions):
    """The status changes marketplace.services.orders logs, with who made them."""
    for name, (label, message) in SUB_ORDER_LOG_ACTIONS.items():
        actions.register_action(f"marketplace.sub_order.{name}", label, message)


# --- Payout ledgers ----------------------------------------------------------------------

payout_urls = [
    path("", admin_payouts.ledger_index, name="index"),
    path("<int:producer_id>/", admin_payouts.ledger, name="ledger"),
    path("<int:producer_id>/payout/", admin_payouts.record_payout, name="record_payout"),
    path("entries/<int:entry_id>/reverse/", admin_payouts.reverse_entry, name="reverse"),
    path(
        "<int:producer_id>/statement/<int:year>-<int:month>/",
        admin_payouts.statement,
        name="statement",
    ),
    path(
        "<int:producer_id>/statement/<int:year>-<int:month>/csv/",
        admin_payouts.statement,
        {"file_format": "csv"},
        name="statement_csv",
    ),
]


@hooks.register("register_admin_urls")
def register_payout_urls():
    return [path("payouts/", include((payout_urls, "marketplace_payouts")))]


class LedgerMenuItem(MenuItem):
    def is_shown(self, request):
        user = request.user
        return catalog_permissions.is_officer(user) or catalog_permissions.is_producer_user(user)


@hooks.register("register_admin_menu_item")
def register_ledger_menu_item():
    return LedgerMenuItem(
        gettext_lazy("Công nợ chủ thể"),
        reverse("marketplace_payouts:index"),
        icon_name="doc-full-inverse",
        order=320,
    )

"""Wagtail admin views of orders: sub-orders and their status changes, whole orders.

Every queryset comes from ``marketplace.permissions`` (a producer's users see their
own producer's sub-orders, the province's officers all of them) and every change
goes through ``marketplace.services.orders``. A row the user may not see is a 404,
on the detail page and on every action alike. Stock and delivery terms are in
``admin_stock.py``.
"""

import django_filters
from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import ModelLogEntry

from catalog import places
from catalog.models import Producer
from cms.formatting import format_vnd
from marketplace import permissions
from marketplace.admin_export import ORDER_EXPORT_HEADINGS, ExportMixin
from marketplace.models import Order, OrderStatus, PaymentMethod, SubOrder, SubOrderStatus
from marketplace.services import orders

# --- Filters ----------------------------------------------------------------------------


def producers_to_filter_by(request):
    """Producers offered in the filter: the user's own, or (officers) all with orders."""
    user = request.user
    if permissions.is_officer(user):
        return Producer.objects.filter(sub_orders__isnull=False).distinct().order_by("name")
    return Producer.objects.filter(pk__in=permissions.producers_of(user)).order_by("name")


def province_choices():
    return places.province_choices()


class SubOrderFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Trạng thái"), choices=SubOrderStatus.choices
    )
    producer = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Chủ thể"), queryset=producers_to_filter_by
    )
    province = django_filters.ChoiceFilter(
        field_name="order__province_code",
        label=gettext_lazy("Tỉnh/thành phố nhận hàng"),
        choices=province_choices,
    )
    payment_method = django_filters.ChoiceFilter(
        field_name="order__payment_method",
        label=gettext_lazy("Thanh toán"),
        choices=PaymentMethod.choices,
    )
    created = django_filters.DateFromToRangeFilter(
        field_name="order__created_at",
        label=gettext_lazy("Ngày đặt"),
        widget=DateRangePickerWidget,
    )

    class Meta:
        model = SubOrder
        fields = []


class OrderFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Trạng thái"), choices=OrderStatus.choices
    )
    producer = django_filters.ModelChoiceFilter(
        field_name="sub_orders__producer",
        label=gettext_lazy("Chủ thể"),
        queryset=producers_to_filter_by,
        distinct=True,
    )
    province = django_filters.ChoiceFilter(
        field_name="province_code",
        label=gettext_lazy("Tỉnh/thành phố nhận hàng"),
        choices=province_choices,
    )
    payment_method = django_filters.ChoiceFilter(
        label=gettext_lazy("Thanh toán"), choices=PaymentMethod.choices
    )
    created = django_filters.DateFromToRangeFilter(
        field_name="created_at", label=gettext_lazy("Ngày đặt"), widget=DateRangePickerWidget
    )

    class Meta:
        model = Order
        fields = []


def lines_text(sub_order):
    return "; ".join(
        f"{line.name} ({line.detail}) × {line.quantity}" for line in sub_order.lines.all()
    )


def vnd_column(name, label, accessor=None):
    return Column(
        name, label=label, accessor=lambda obj: format_vnd(getattr(obj, accessor or name))
    )


# --- Sub-orders -------------------------------------------------------------------------


class SubOrderIndexView(ExportMixin, generic.IndexView):
    any_permission_required = ["view", "change"]
    filterset_class = SubOrderFilterSet
    page_title = gettext_lazy("Đơn theo chủ thể")
    search_fields = ["order__number", "order__contact_name", "order__phone", "order__email"]
    search_backend_name = None
    default_ordering = "-pk"
    detail_url_name = None
    export_name = "don-theo-chu-the"
    list_export = [
        "order.number",
        "order.created_at",
        "producer.name",
        "get_status_display",
        "lines_text",
        "order.contact_name",
        "order.phone",
        "order.email",
        "order.province_name",
        "order.ward_name",
        "order.street",
        "order.get_payment_method_display",
        "order.get_payment_status_display",
        "goods_total",
        "delivery_fee",
        "tours_total",
        "total",
        "carrier",
        "tracking_number",
        "cancel_reason",
    ]
    export_headings = ORDER_EXPORT_HEADINGS

    @cached_property
    def columns(self):
        return [
            TitleColumn("order", label=_("Đơn hàng"), get_url=self.get_edit_url, sort_key="order"),
            Column("producer", label=_("Chủ thể"), sort_key="producer__name"),
            StatusTagColumn(
                "status",
                label=_("Trạng thái"),
                accessor="get_status_display",
                sort_key="status",
                primary=lambda sub_order: sub_order.status == SubOrderStatus.PLACED,
            ),
            Column("contact", label=_("Người nhận"), accessor="order.contact_name"),
            Column("province", label=_("Tỉnh/thành phố"), accessor="order.province_name"),
            Column("payment", label=_("Thanh toán"), accessor="order.get_payment_method_display"),
            vnd_column("total", _("Tổng cộng")),
            DateColumn("created", label=_("Đặt lúc"), accessor="order.created_at", sort_key="pk"),
        ]

    def get_base_queryset(self):
        queryset = permissions.sub_orders_for(self.request.user).select_related("order", "producer")
        if self.is_export:
            queryset = queryset.prefetch_related("lines")
        return queryset

    def to_row_dict(self, item):
        item.lines_text = lines_text(item)
        return super().to_row_dict(item)

    def get_edit_url(self, instance):
        return reverse(self.detail_url_name, args=[instance.pk])

    def get_inspect_url(self, instance):
        return None

    def get_copy_url(self, instance):
        return None

    def get_delete_url(self, instance):
        return None


class ShipForm(forms.Form):
    carrier = forms.CharField(label=gettext_lazy("Đơn vị vận chuyển"), max_length=100)
    tracking_number = forms.CharField(label=gettext_lazy("Mã vận đơn"), max_length=64)


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Lý do hủy"),
        max_length=255,
        help_text=gettext_lazy("Người mua sẽ nhận được lý do này qua e-mail."),
    )


class NoFieldsForm(forms.Form):
    pass


ACTIONS = {
    # action: (status it leads to, form, service, button label, success message)
    "confirm": (
        SubOrderStatus.CONFIRMED,
        NoFieldsForm,
        orders.confirm,
        gettext_lazy("Xác nhận đơn"),
        gettext_lazy("Đã xác nhận đơn %(sub_order)s."),
    ),
    "ship": (
        SubOrderStatus.SHIPPED,
        ShipForm,
        orders.ship,
        gettext_lazy("Đã giao cho vận chuyển"),
        gettext_lazy("Đơn %(sub_order)s đang được giao; người mua đã được báo."),
    ),
    "deliver": (
        SubOrderStatus.DELIVERED,
        NoFieldsForm,
        orders.deliver,
        gettext_lazy("Đã giao xong"),
        gettext_lazy("Đơn %(sub_order)s đã giao xong."),
    ),
    "cancel": (
        SubOrderStatus.CANCELLED,
        CancelForm,
        orders.cancel,
        gettext_lazy("Hủy đơn này"),
        gettext_lazy("Đã hủy đơn %(sub_order)s: hàng đã trả lại kho, chỗ tour đã hủy."),
    ),
}


def sub_order_with_details(user, pk):
    """The user's sub-order ``pk`` or a 404 (another producer's looks like no sub-order)."""
    return get_object_or_404(
        permissions.sub_orders_for(user)
        .select_related("order", "producer")
        .prefetch_related("lines__booking__departure__tour"),
        pk=pk,
    )


class SubOrderDetailView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "marketplace/admin/sub_order_detail.html"
    header_icon = "list-ul"
    index_url_name = None
    detail_url_name = None
    action_url_names = None  # {action: url name}
    order_detail_url_name = None

    def dispatch(self, request, *args, **kwargs):
        self.sub_order = sub_order_with_details(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Đơn %(number)s") % {"number": self.sub_order.order}

    def get_page_subtitle(self):
        return str(self.sub_order.producer)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": _("Đơn theo chủ thể")},
            {"url": "", "label": self.get_page_title()},
        ]

    def actions(self):
        allowed = orders.allowed_next(self.sub_order)
        labels = {}
        if not self.sub_order.has_goods:  # tours only: "delivered" means the tour took place
            labels["deliver"] = _("Hoàn tất (tour đã diễn ra)")
        return [
            {
                "name": name,
                "label": labels.get(name, label),
                "form": form_class(prefix=name),
                "url": reverse(self.action_url_names[name], args=[self.sub_order.pk]),
                "danger": name == "cancel",
            }
            for name, (status, form_class, _service, label, _message) in ACTIONS.items()
            if status in allowed
        ]

    def get_context_data(self, **kwargs):
        sub_order = self.sub_order
        user = self.request.user
        officer = permissions.is_officer(user)
        siblings = []
        if officer:
            siblings = [
                (other, reverse(self.detail_url_name, args=[other.pk]))
                for other in sub_order.order.sub_orders.exclude(pk=sub_order.pk).select_related(
                    "producer"
                )
            ]
        history = (
            ModelLogEntry.objects.for_instance(sub_order)
            .filter(action__startswith="marketplace.sub_order.")
            .select_related("user")
            .order_by("timestamp", "pk")
        )
        return super().get_context_data(
            sub_order=sub_order,
            order=sub_order.order,
            history=history,
            lines=sub_order.lines.all(),
            actions=self.actions(),
            siblings=siblings,
            order_url=(
                reverse(self.order_detail_url_name, args=[sub_order.order_id]) if officer else ""
            ),
            **kwargs,
        )


class SubOrderActionView(View):
    """POST only: one status change through the orders service; the outcome as a message."""

    http_method_names = ["post"]
    action = None
    detail_url_name = None

    def post(self, request, pk):
        sub_order = get_object_or_404(permissions.sub_orders_for(request.user), pk=pk)
        _status, form_class, service, _label, success = ACTIONS[self.action]
        form = form_class(request.POST, prefix=self.action)
        if not form.is_valid():
            for field, errors in form.errors.items():
                label = form.fields[field].label if field in form.fields else ""
                messages.error(request, f"{label}: {' '.join(errors)}" if label else errors[0])
            return redirect(self.detail_url_name, sub_order.pk)
        try:
            service(sub_order, user=request.user, **form.cleaned_data)
        except orders.OrderError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, success % {"sub_order": sub_order.order})
        return redirect(self.detail_url_name, sub_order.pk)


# --- Whole orders (officers) ------------------------------------------------------------


def producers_text(order):
    return "; ".join(
        f"{sub_order.producer.name} ({sub_order.get_status_display()})"
        for sub_order in order.sub_orders.all()
    )


class OrderIndexView(ExportMixin, generic.IndexView):
    any_permission_required = ["view"]
    filterset_class = OrderFilterSet
    page_title = gettext_lazy("Đơn hàng toàn sàn")
    search_fields = ["number", "contact_name", "phone", "email"]
    search_backend_name = None
    default_ordering = "-pk"
    detail_url_name = None
    export_name = "don-hang"
    list_export = [
        "number",
        "created_at",
        "get_status_display",
        "producers_text",
        "contact_name",
        "phone",
        "email",
        "province_name",
        "ward_name",
        "street",
        "get_payment_method_display",
        "get_payment_status_display",
        "goods_total",
        "delivery_total",
        "tours_total",
        "total",
        "refunded_total",
    ]
    export_headings = ORDER_EXPORT_HEADINGS

    @cached_property
    def columns(self):
        return [
            TitleColumn("number", label=_("Mã đơn"), get_url=self.get_edit_url, sort_key="pk"),
            Column("contact_name", label=_("Người nhận")),
            Column("province_name", label=_("Tỉnh/thành phố")),
            Column("producers", label=_("Các chủ thể"), accessor=producers_text),
            Column("payment", label=_("Thanh toán"), accessor="get_payment_method_display"),
            StatusTagColumn(
                "status",
                label=_("Trạng thái"),
                accessor="get_status_display",
                sort_key="status",
                primary=lambda order: order.status == OrderStatus.PLACED,
            ),
            vnd_column("total", _("Tổng cộng")),
            DateColumn("created_at", label=_("Đặt lúc"), sort_key="pk"),
        ]

    def get_base_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["view"]
        ).prefetch_related("sub_orders__producer")

    def to_row_dict(self, item):
        item.producers_text = producers_text(item)
        return super().to_row_dict(item)

    def get_edit_url(self, instance):
        return reverse(self.detail_url_name, args=[instance.pk])

    def get_inspect_url(self, instance):
        return None

    def get_copy_url(self, instance):
        return None

    def get_delete_url(self, instance):
        return None


class OrderDetailView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "marketplace/admin/order_detail.html"
    header_icon = "list-ul"
    index_url_name = None
    sub_order_url_name = None

    def dispatch(self, request, *args, **kwargs):
        if not permissions.is_officer(request.user):
            raise Http404
        self.order = get_object_or_404(
            permissions.orders_for(request.user).prefetch_related(
                "sub_orders__producer", "sub_orders__lines__booking"
            ),
            pk=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Đơn %(number)s") % {"number": self.order}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": _("Đơn hàng")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        sub_orders = [
            (sub_order, reverse(self.sub_order_url_name, args=[sub_order.pk]))
            for sub_order in self.order.sub_orders.all()
        ]
        return super().get_context_data(order=self.order, sub_orders=sub_orders, **kwargs)

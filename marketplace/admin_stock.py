"""Wagtail admin views of stock (per variant SKU) and of producers' delivery terms.

A producer's users see and set only their own producer's SKUs and terms; a SKU or
row of another producer is a 404. Stock changes at once (no moderation: it is not
page content) through ``marketplace.services.inventory``, logged with who and why.
"""

import django_filters
from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property, lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import BooleanRadioSelect

from catalog.models import Producer, ProductVariant
from cms.formatting import format_vnd
from marketplace import permissions
from marketplace.admin_export import ExportMixin
from marketplace.models import Inventory, ProducerDelivery, StockMovement
from marketplace.services import inventory

LOW_STOCK = 5  # at or below this many units a SKU is flagged in the listing


def with_stock_on_hand(variants):
    on_hand = Inventory.objects.filter(sku=OuterRef("sku")).values("quantity")[:1]
    return variants.annotate(stock_on_hand=Coalesce(Subquery(on_hand), 0))


def stock_producers(request):
    user = request.user
    producers = Producer.objects.filter(products__page__isnull=False).distinct()
    if not permissions.manages_all_stock(user):
        producers = producers.filter(pk__in=permissions.producers_of(user))
    return producers.order_by("name")


class StockFilterSet(WagtailFilterSet):
    producer = django_filters.ModelChoiceFilter(
        field_name="page__product__producer",
        label=gettext_lazy("Chủ thể"),
        queryset=stock_producers,
    )
    low = django_filters.BooleanFilter(
        label=lazy(lambda: _("Sắp hết hàng (≤ %(low)s)") % {"low": LOW_STOCK}, str)(),
        method="filter_low",
        widget=BooleanRadioSelect,
    )
    is_active = django_filters.BooleanFilter(
        label=gettext_lazy("Đang bán"), widget=BooleanRadioSelect
    )

    class Meta:
        model = ProductVariant
        fields = []

    def filter_low(self, queryset, name, value):
        if value is None:
            return queryset
        if value:
            return queryset.filter(stock_on_hand__lte=LOW_STOCK)
        return queryset.filter(stock_on_hand__gt=LOW_STOCK)


class StockColumn(Column):
    cell_template_name = "marketplace/admin/stock_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        quantity = instance.stock_on_hand
        context.update(quantity=quantity, sold_out=quantity == 0, low=0 < quantity <= LOW_STOCK)
        return context


class StockIndexView(ExportMixin, generic.IndexView):
    any_permission_required = ["view", "change"]
    filterset_class = StockFilterSet
    default_ordering = "page__title"
    search_fields = ["sku", "label", "page__title"]
    search_backend_name = None
    set_url_name = None
    movements_url_name = None
    page_title = gettext_lazy("Tồn kho")
    export_name = "ton-kho"
    list_export = ["sku", "page.title", "label", "price", "stock_on_hand", "producer_name"]
    export_headings = {
        "sku": gettext_lazy("Mã SKU"),
        "page.title": gettext_lazy("Sản phẩm"),
        "label": gettext_lazy("Phân loại"),
        "price": gettext_lazy("Giá (đồng)"),
        "stock_on_hand": gettext_lazy("Tồn kho"),
        "producer_name": gettext_lazy("Chủ thể"),
    }

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "product",
                label=_("Sản phẩm"),
                accessor="page.title",
                get_url=self.get_edit_url,
                sort_key="page__title",
            ),
            Column("label", label=_("Phân loại")),
            Column("sku", label=_("Mã SKU"), sort_key="sku"),
            Column("price", label=_("Giá"), accessor=lambda variant: format_vnd(variant.price)),
            StockColumn("stock", label=_("Tồn kho"), sort_key="stock_on_hand"),
            Column("producer", label=_("Chủ thể"), accessor="page.product.producer.name"),
        ]

    def get_base_queryset(self):
        variants = permissions.variants_for(self.request.user).select_related(
            "page", "page__product__producer"
        )
        return with_stock_on_hand(variants)

    def to_row_dict(self, item):
        item.producer_name = item.page.product.producer.name
        return super().to_row_dict(item)

    def get_edit_url(self, instance):
        return reverse(self.set_url_name, args=[instance.pk])

    def get_inspect_url(self, instance):
        return None

    def get_copy_url(self, instance):
        return None

    def get_delete_url(self, instance):
        return None


class StockSetForm(forms.Form):
    quantity = forms.IntegerField(
        label=gettext_lazy("Tồn kho mới"),
        min_value=0,
        max_value=inventory.MAX_STOCK,
        help_text=gettext_lazy("Số sản phẩm đang có trên kệ, sau khi kiểm đếm."),
    )
    reason = forms.CharField(
        label=gettext_lazy("Lý do"),
        max_length=255,
        help_text=gettext_lazy("Ví dụ: nhập lô mới, kiểm kho cuối tháng, hàng hỏng."),
    )
    expected = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class VariantMixin:
    """The user's variant ``pk`` (with its stock), or a 404."""

    index_url_name = None
    set_url_name = None
    movements_url_name = None
    header_icon = "doc-full-inverse"

    @cached_property
    def variant(self):
        variants = permissions.variants_for(self.request.user).select_related(
            "page", "page__product__producer"
        )
        return get_object_or_404(with_stock_on_hand(variants), pk=self.kwargs["pk"])

    def get_page_subtitle(self):
        return f"{self.variant.page.title} – {self.variant.label} ({self.variant.sku})"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": _("Tồn kho")},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def movements(self):
        return (
            StockMovement.objects.filter(inventory__sku=self.variant.sku)
            .select_related("user", "order_line__sub_order__order")
            .order_by("-created_at", "-pk")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            variant=self.variant,
            set_url=reverse(self.set_url_name, args=[self.variant.pk]),
            movements_url=reverse(self.movements_url_name, args=[self.variant.pk]),
            index_url=reverse(self.index_url_name),
            low_stock=LOW_STOCK,
            **kwargs,
        )


class StockSetView(VariantMixin, WagtailAdminTemplateMixin, FormView):
    template_name = "marketplace/admin/stock_set.html"
    form_class = StockSetForm
    page_title = gettext_lazy("Đặt tồn kho")

    def dispatch(self, request, *args, **kwargs):
        self.variant  # noqa: B018  (the 404 comes before anything else)
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        quantity = self.variant.stock_on_hand
        return {"quantity": quantity, "expected": quantity}

    def get_context_data(self, **kwargs):
        return super().get_context_data(recent=self.movements()[:10], **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            movement = inventory.set_stock(
                self.variant.sku,
                data["quantity"],
                user=self.request.user,
                note=data["reason"],
                expected=data["expected"],
            )
        except inventory.StockChanged as error:
            # Show the stock as it is now; sending the form again counts from there.
            del self.variant
            form.data = form.data.copy()
            form.data["expected"] = self.variant.stock_on_hand
            form.add_error(None, str(error))
            return self.form_invalid(form)
        except inventory.StockError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        if movement is None:
            messages.info(self.request, _("Tồn kho không đổi."))
        else:
            messages.success(
                self.request,
                _("Tồn kho của %(sku)s: %(quantity)s (%(change)+d).")
                % {
                    "sku": self.variant.sku,
                    "quantity": data["quantity"],
                    "change": movement.change,
                },
            )
        return redirect(self.index_url_name)


class StockMovementsView(VariantMixin, WagtailAdminTemplateMixin, TemplateView):
    """Every movement of one SKU, newest first: sales, cancellations, counts (who, why)."""

    template_name = "marketplace/admin/stock_movements.html"
    page_title = gettext_lazy("Lịch sử tồn kho")
    per_page = 50

    def get_context_data(self, **kwargs):
        page = Paginator(self.movements(), self.per_page).get_page(self.request.GET.get("p"))
        return super().get_context_data(page=page, movements=page.object_list, **kwargs)


# --- Delivery terms ---------------------------------------------------------------------


class DeliveryTermsForm(WagtailAdminModelForm):
    """A producer's users choose among their own producers only."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None and "producer" in self.fields:
            choices = permissions.producers_for_delivery_terms(for_user).order_by("name")
            if not permissions.manages_all_delivery_terms(for_user):
                self.fields["producer"] = forms.ModelChoiceField(
                    queryset=choices,
                    label=self.fields["producer"].label,
                    initial=choices.first() if choices.count() == 1 else None,
                )
            else:
                self.fields["producer"].queryset = choices

    class Meta:
        model = ProducerDelivery
        fields = ["producer", "fee", "free_threshold"]


class ScopedDeliveryTermsMixin:
    def get_queryset(self):
        return permissions.delivery_terms_for(self.request.user)


class DeliveryTermsIndexView(generic.IndexView):
    def get_base_queryset(self):
        return permissions.delivery_terms_for(self.request.user).select_related("producer")


class DeliveryTermsEditView(ScopedDeliveryTermsMixin, generic.EditView):
    pass


class DeliveryTermsDeleteView(ScopedDeliveryTermsMixin, generic.DeleteView):
    pass


def fee_text(value):
    return format_vnd(value) if value is not None else _("Mức chung của sàn")

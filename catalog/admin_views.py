"""Admin views of the catalogue: certification history changes and QR label downloads.

A certification is never edited in place: editors add a new decision or record a
revocation, both through ``catalog.services``.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin import messages as wagtail_messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import AdminDateInput
from wagtail.permissions import policy_registry

from catalog import labels, permissions, qr, services
from catalog.models import Certification, Product, ProductPage

MAX_ID = 2**63 - 1  # above any primary key: a 404 without asking the database
QR_CONTENT_TYPES = {"svg": "image/svg+xml", "png": "image/png"}


class CertificationForm(forms.ModelForm):
    class Meta:
        model = Certification
        fields = [
            "stars",
            "score",
            "certificate_number",
            "decision_number",
            "decision_date",
            "level",
            "source",
            "source_record_id",
        ]
        widgets = {"decision_date": AdminDateInput}


class RevocationForm(forms.Form):
    revoked_on = forms.DateField(label=gettext_lazy("Ngày thu hồi"), widget=AdminDateInput)
    decision = forms.CharField(label=gettext_lazy("Quyết định thu hồi"), max_length=64)
    reason = forms.CharField(label=gettext_lazy("Lý do thu hồi"), widget=forms.Textarea)


def product_edit_url(product):
    return reverse(Product.snippet_viewset.get_url_name("edit"), args=[product.pk])


def require_permission(user, model, action):
    if not policy_registry.get_by_type(model).user_has_permission(user, action):
        raise PermissionDenied


class CertificationFormView(WagtailAdminTemplateMixin, FormView):
    """Shared furniture: the product, breadcrumbs back to it, errors from services."""

    template_name = "wagtailadmin/generic/form.html"
    header_icon = "success"
    permission_action = "add"
    error_message = gettext_lazy("Chưa lưu được: hãy sửa các lỗi dưới đây.")

    def dispatch(self, request, *args, **kwargs):
        require_permission(request.user, Certification, self.permission_action)
        self.product = self.get_product()
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.product)

    def get_breadcrumbs_items(self):
        listing = reverse(Product.snippet_viewset.get_url_name("list"))
        return [
            *self.breadcrumbs_items,
            {"url": listing, "label": Product._meta.verbose_name_plural},
            {"url": product_edit_url(self.product), "label": str(self.product)},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            action_url=self.request.path, submit_button_label=self.submit_button_label, **kwargs
        )

    def form_valid(self, form):
        try:
            self.apply(form.cleaned_data)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect(product_edit_url(self.product))

    def form_invalid(self, form):
        # The generic form template shows field errors only: the message carries
        # the others (e.g. a decision already in the history).
        wagtail_messages.validation_error(self.request, self.error_message, form)
        return super().form_invalid(form)


class AddCertificationView(CertificationFormView):
    form_class = CertificationForm
    page_title = gettext_lazy("Thêm quyết định công nhận")
    submit_button_label = gettext_lazy("Thêm vào lịch sử chứng nhận")
    success_message = gettext_lazy("Đã thêm quyết định công nhận vào lịch sử.")

    def get_product(self):
        return get_object_or_404(Product, pk=self.kwargs["product_id"])

    def apply(self, data):
        services.record_certification(self.product, **data)


class RevokeCertificationView(CertificationFormView):
    form_class = RevocationForm
    page_title = gettext_lazy("Thu hồi chứng nhận")
    submit_button_label = gettext_lazy("Ghi nhận thu hồi")
    success_message = gettext_lazy("Đã ghi nhận quyết định thu hồi.")
    permission_action = "change"

    def get_product(self):
        self.certification = get_object_or_404(Certification, pk=self.kwargs["certification_id"])
        if self.certification.revoked_on:
            raise PermissionDenied  # a revocation is history too: it is not rewritten
        return self.certification.product

    def get_page_subtitle(self):
        return str(self.certification)

    def apply(self, data):
        services.revoke_certification(
            self.certification,
            revoked_on=data["revoked_on"],
            decision=data["decision"],
            reason=data["reason"],
        )


def qr_label(request, product_id, kind):
    """A QR label of the product's trace URL, as a download sized for printing."""
    require_permission(request.user, Product, "view")
    product = get_object_or_404(permissions.visible_rows(Product, request.user), pk=product_id)
    return _label_response(request, product, kind)


def qr_label_for_page(request, page_id, kind):
    page = get_object_or_404(ProductPage.objects.select_related("product"), id=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    if page.catalogue_product is None:
        raise Http404("no product")
    return _label_response(request, page.catalogue_product, kind)


def _label_response(request, product, kind):
    try:
        size = int(request.GET.get("size", qr.DEFAULT_LABEL_SIZE_MM))
    except ValueError:
        size = None
    if size not in qr.LABEL_SIZES_MM:
        sizes = ", ".join(str(size) for size in qr.LABEL_SIZES_MM)
        return HttpResponseBadRequest(
            _("Kích thước nhãn phải là một trong: %(sizes)s (mm).") % {"sizes": sizes}
        )
    url = qr.trace_url(product.trace_code)
    image = qr.label_svg(url, size) if kind == "svg" else qr.label_png(url, size)
    response = HttpResponse(image, content_type=QR_CONTENT_TYPES[kind])
    filename = f"ocop-qr-{product.trace_code}-{size}mm.{kind}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def qr_label_sheet(request):
    """An A4 PDF sheet of QR labels: ``?product=<id>`` (repeatable) or every product the
    user may see. A product the user may not see is a 404, a malformed id a 400."""
    require_permission(request.user, Product, "view")
    visible = permissions.visible_rows(Product, request.user).select_related(
        "producer", "current_certification"
    )
    asked = request.GET.getlist("product")
    if asked:
        ids = {int(value) for value in asked if value.isascii() and value.isdigit()}
        if len(ids) != len(set(asked)) or len(ids) > labels.MAX_LABELS:
            return HttpResponseBadRequest(_("Mã sản phẩm không hợp lệ."))
        if max(ids) > MAX_ID:
            raise Http404
        products = visible.filter(pk__in=ids)
        if len(products) != len(ids):
            raise Http404
    else:
        products = visible
    pdf = labels.label_sheet_pdf(products.order_by("name")[: labels.MAX_LABELS])
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="ocop-nhan-qr.pdf"'
    return response

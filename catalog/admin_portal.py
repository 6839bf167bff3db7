"""Producer portal pages of the admin: prices at once (no moderation) of the user's own
variants, through ``catalog.services.set_price`` (logged on the page, with who), and the
user's certificates, read-only, with days to expiry."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from catalog import invitations, permissions, portal, rules, services
from catalog.models import Producer
from cms.widgets import DongInput
from marketplace import permissions as market_permissions


def variants_for(user):
    return market_permissions.variants_for(user).select_related("page", "page__product__producer")


def require_price_rights(user):
    if not (market_permissions.manages_all_stock(user) or market_permissions.producers_of(user)):
        raise PermissionDenied


class PriceForm(forms.Form):
    price = forms.IntegerField(
        label=gettext_lazy("Giá mới (đồng)"),
        min_value=1,
        max_value=services.MAX_PRICE,
        widget=DongInput,
    )
    expected = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class PriceIndexView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "catalog/admin/prices.html"
    page_title = gettext_lazy("Giá bán")
    header_icon = "tag"

    def dispatch(self, request, *args, **kwargs):
        require_price_rights(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        variants = variants_for(self.request.user).order_by("page__title", "sort_order")
        return super().get_context_data(variants=variants[:500], **kwargs)


class SetPriceView(WagtailAdminTemplateMixin, FormView):
    template_name = "catalog/admin/price_set.html"
    form_class = PriceForm
    page_title = gettext_lazy("Đổi giá")
    header_icon = "tag"

    @cached_property
    def variant(self):
        return get_object_or_404(variants_for(self.request.user), pk=self.kwargs["pk"])

    def dispatch(self, request, *args, **kwargs):
        self.variant  # noqa: B018  (the 404 comes first)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return f"{self.variant.page.title} – {self.variant.label} ({self.variant.sku})"

    def get_initial(self):
        return {"price": self.variant.price, "expected": self.variant.price}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            variant=self.variant, index_url=reverse("catalog_admin:prices"), **kwargs
        )

    def form_valid(self, form):
        try:
            changed = services.set_price(
                self.variant.pk,
                form.cleaned_data["price"],
                user=self.request.user,
                expected=form.cleaned_data["expected"],
            )
        except services.PriceError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        if changed is None:
            messages.info(self.request, _("Giá không đổi."))
        else:
            messages.success(
                self.request,
                _("Giá của %(sku)s: %(old)s → %(new)s đồng, có hiệu lực ngay.")
                % {"sku": self.variant.sku, "old": changed[0], "new": changed[1]},
            )
        return redirect("catalog_admin:prices")


class CertificatesView(WagtailAdminTemplateMixin, TemplateView):
    """The user's products' current certificates, read-only, with days to expiry."""

    template_name = "catalog/admin/certificates.html"
    page_title = gettext_lazy("Chứng nhận OCOP của tôi")
    header_icon = "success"

    def dispatch(self, request, *args, **kwargs):
        if not (permissions.is_officer(request.user) or permissions.producers_of(request.user)):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            rows=portal.certificates(self.request.user),
            window_days=rules.RENEWAL_WINDOW_DAYS,
            **kwargs,
        )


class InvitationForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail người được mời"))
    producer = forms.ModelChoiceField(
        label=gettext_lazy("Chủ thể"), queryset=Producer.objects.order_by("name")
    )


class InviteView(WagtailAdminTemplateMixin, FormView):
    """Officers only: invite a producer user by e-mail (catalog.invitations)."""

    template_name = "catalog/admin/invite.html"
    form_class = InvitationForm
    page_title = gettext_lazy("Mời người dùng chủ thể")
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        if not permissions.is_officer(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            user, _created = invitations.invite(
                form.cleaned_data["email"],
                form.cleaned_data["producer"],
                invited_by=self.request.user,
                base_url=self.request.build_absolute_uri("/"),
            )
        except ValidationError as error:
            form.add_error("email", error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Đã gửi lời mời tới %(email)s để quản lý %(producer)s.")
            % {"email": user.email, "producer": form.cleaned_data["producer"].name},
        )
        return redirect("catalog_admin:invite")

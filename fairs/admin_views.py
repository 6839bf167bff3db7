"""Admin pages of fairs: "now showing" switched by the host, and the sales reports."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from catalog.models import ProductPage
from catalog.permissions import is_officer

from .services import livestreams, reports


class LivestreamListView(WagtailAdminTemplateMixin, TemplateView):
    """The livestreams the user may switch "now showing" on."""

    template_name = "fairs/admin/livestreams.html"
    page_title = gettext_lazy("Livestream: đang giới thiệu")
    header_icon = "media"

    def dispatch(self, request, *args, **kwargs):
        if not livestreams.hosted_by(request.user).exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        now = timezone.now()
        pages = livestreams.hosted_by(self.request.user).filter(ends_at__gte=now)
        pages = pages.select_related("host_producer")
        return super().get_context_data(
            livestreams=pages.order_by("starts_at")[:100], now=now, **kwargs
        )


class NowShowingForm(forms.Form):
    product = forms.TypedChoiceField(
        label=gettext_lazy("Sản phẩm đang giới thiệu"),
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, pinned=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].choices = [("", _("Không sản phẩm nào"))] + [
            (page.pk, page.title) for page in pinned
        ]


class NowShowingView(WagtailAdminTemplateMixin, FormView):
    template_name = "fairs/admin/now_showing.html"
    form_class = NowShowingForm
    page_title = gettext_lazy("Đang giới thiệu")
    header_icon = "media"

    def dispatch(self, request, *args, **kwargs):
        self.livestream = get_object_or_404(livestreams.hosted_by(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.livestream.title

    def pinned(self):
        ids = livestreams.pinned_page_ids(self.livestream)
        pages = {page.pk: page for page in ProductPage.objects.filter(pk__in=ids)}
        return [pages[pk] for pk in ids if pk in pages]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "pinned": self.pinned()}

    def get_initial(self):
        return {"product": livestreams.now_showing_id(self.livestream)}

    def get_context_data(self, **kwargs):
        status = self.livestream.status(timezone.now())
        return super().get_context_data(livestream=self.livestream, status=status, **kwargs)

    def form_valid(self, form):
        try:
            livestreams.set_now_showing(
                self.livestream, form.cleaned_data["product"], user=self.request.user
            )
        except livestreams.LivestreamError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, _("Đã đổi sản phẩm đang giới thiệu."))
        return redirect("fairs_admin:now_showing", pk=self.livestream.pk)


REPORT_TITLES = {
    "campaign": gettext_lazy("Theo hội chợ"),
    "livestream": gettext_lazy("Theo livestream"),
    "offer": gettext_lazy("Theo ưu đãi"),
}


class ReportsView(WagtailAdminTemplateMixin, TemplateView):
    """Sales under offers per campaign, livestream and offer; ?export=csv&report=... (officers)."""

    template_name = "fairs/admin/reports.html"
    page_title = gettext_lazy("Doanh số hội chợ và livestream")
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not is_officer(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        report = request.GET.get("report", "campaign")
        if request.GET.get("export") == "csv" and report in reports.REPORTS:
            return self.csv(report)
        return super().get(request, *args, **kwargs)

    def csv(self, report):
        headers = [
            _("Mã"),
            str(REPORT_TITLES[report]),
            _("Số đơn"),
            _("Số lượng"),
            _("Doanh số (đồng)"),
        ]
        body = reports.as_csv(reports.REPORTS[report](), headers)
        response = HttpResponse("\ufeff" + body, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="doanh-so-{report}.csv"'
        return response

    def get_context_data(self, **kwargs):
        tables = [(key, REPORT_TITLES[key], build()) for key, build in reports.REPORTS.items()]
        return super().get_context_data(tables=tables, **kwargs)

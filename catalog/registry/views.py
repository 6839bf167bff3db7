"""Wagtail admin views of registry sync: upload or fetch, review the dry run, apply, history."""

import csv
from datetime import date

from django.conf import settings
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from catalog.models import Product, SyncRun, SyncStatus
from catalog.tasks import execute_sync_run

from . import services
from .forms import ReviewedProductForm, SyncSourceForm

PER_PAGE = 50
view_runs = method_decorator(
    permission_required("catalog.view_syncrun", raise_exception=True), "dispatch"
)
run_syncs = method_decorator(
    permission_required("catalog.add_syncrun", raise_exception=True), "dispatch"
)
review_products = method_decorator(
    permission_required("catalog.change_product", raise_exception=True), "dispatch"
)


def _start(run):
    transaction.on_commit(lambda: execute_sync_run.delay(run.pk))
    return redirect("catalog_registry:run", run.pk)


class RegistryAdminMixin(WagtailAdminTemplateMixin):
    header_icon = "resubmit"
    base_crumbs = [
        {"url": reverse_lazy("wagtailadmin_home"), "label": _("Trang chủ")},
        {"url": reverse_lazy("catalog_registry:runs"), "label": _("Đồng bộ danh sách OCOP")},
    ]

    def get_breadcrumbs_items(self):
        return [*self.base_crumbs, {"url": "", "label": self.get_page_title()}]


@view_runs
class RunListView(RegistryAdminMixin, TemplateView):
    template_name = "catalog/registry/admin/run_list.html"
    page_title = _("Lịch sử đồng bộ")

    def get_breadcrumbs_items(self):
        return self.base_crumbs

    def get_context_data(self, **kwargs):
        # Each run's changes are rows of their own (SyncChange), never loaded here.
        runs = SyncRun.objects.select_related("started_by", "applied_from")
        page = Paginator(runs, PER_PAGE).get_page(self.request.GET.get("p"))
        return super().get_context_data(page=page, **kwargs)


@run_syncs
class NewRunView(RegistryAdminMixin, TemplateView):
    template_name = "catalog/registry/admin/run_form.html"
    page_title = _("Đồng bộ mới")

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", SyncSourceForm(initial={"source": SyncSourceForm.FROM_FILE}))
        return super().get_context_data(registry_url=settings.OCOP_REGISTRY_URL, **kwargs)

    def post(self, request):
        form = SyncSourceForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        from_url = form.cleaned_data["source"] == SyncSourceForm.FROM_URL
        run = services.prepare_dry_run(
            user=request.user,
            upload=None if from_url else form.cleaned_data["file"],
            url=settings.OCOP_REGISTRY_URL if from_url else None,
            format=form.cleaned_data["format"],
        )
        return _start(run)


@view_runs
class RunDetailView(RegistryAdminMixin, TemplateView):
    template_name = "catalog/registry/admin/run_detail.html"

    def get_page_title(self):
        return capfirst(str(self.run))

    def dispatch(self, request, pk):
        self.run = get_object_or_404(SyncRun, pk=pk)
        return super().dispatch(request)

    def get_context_data(self, **kwargs):
        run = self.run
        diffs = run.change_rows.order_by("position").values_list("data", flat=True)
        changes = Paginator(diffs, PER_PAGE).get_page(self.request.GET.get("changes"))
        changes.object_list = [_with_dates(change) for change in changes.object_list]
        problems = Paginator(run.problems.all(), PER_PAGE).get_page(
            self.request.GET.get("problems")
        )
        return super().get_context_data(
            run=run,
            changes=changes,
            problems=problems,
            counts=[
                (SyncRun._meta.get_field(name).verbose_name, getattr(run, name))
                for name in SyncRun.COUNTERS
            ],
            can_apply=self._can_apply(),
            application=run.applications.order_by("-pk").first(),
            refresh=not run.is_finished,
            written=0 if run.is_finished else run.change_rows.count(),
            **kwargs,
        )

    def _can_apply(self):
        return self.run.can_be_applied() and self.request.user.has_perm("catalog.add_syncrun")


def _with_dates(change):
    """The diff stores ISO dates; the page shows them as dates."""
    shown = dict(change)
    for side in ("before", "after"):
        if shown.get(side):
            shown[side] = {
                key: date.fromisoformat(value) if key in DATE_KEYS and value else value
                for key, value in shown[side].items()
            }
    return shown


DATE_KEYS = {"decided", "until", "revoked"}


@run_syncs
class ApplyRunView(View):
    def post(self, request, pk):
        dry_run = get_object_or_404(SyncRun, pk=pk, dry_run=True, status=SyncStatus.SUCCEEDED)
        run = services.run_from_dry_run(dry_run, user=request.user)
        if run is None:
            messages.error(request, _("Lần chạy thử này đã được áp dụng hoặc không còn dữ liệu."))
            return redirect("catalog_registry:run", pk)
        messages.success(request, _("Đang áp dụng thay đổi của lần chạy thử."))
        return _start(run)


@view_runs
class ProblemsCsvView(View):
    HEADER = ["row", "record_id", "column", "severity", "code", "value", "message_vi", "message_en"]

    def get(self, request, pk):
        run = get_object_or_404(SyncRun, pk=pk)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="sync-{run.pk}-problems.csv"'
        response.write("\ufeff")  # lets Excel read the Vietnamese text as UTF-8
        writer = csv.writer(response)
        writer.writerow(self.HEADER)
        for problem in run.problems.all():
            cells = [
                problem.row_number or "",
                problem.record_id,
                problem.column,
                problem.severity,
                problem.code,
                problem.value,
                problem.message_vi,
                problem.message_en,
            ]
            writer.writerow([_csv_safe(cell) for cell in cells])
        return response


# A spreadsheet runs a cell starting with one of these as a formula (OWASP CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def _csv_safe(value):
    """Every cell can carry text from the source file (STT, header, value): quote formulas."""
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


@review_products
class ReviewListView(RegistryAdminMixin, TemplateView):
    template_name = "catalog/registry/admin/review_list.html"
    page_title = _("Sản phẩm cần xem lại")

    def get_context_data(self, **kwargs):
        products = (
            Product.objects.filter(from_registry=True, needs_review=True)
            .select_related("producer", "product_set", "current_certification")
            .order_by("-created_at", "name")
        )
        page = Paginator(products, PER_PAGE).get_page(self.request.GET.get("p"))
        return super().get_context_data(page=page, **kwargs)

    def post(self, request):
        form = ReviewedProductForm(request.POST)
        if not form.is_valid():  # a product reviewed meanwhile, or a forged number
            raise Http404
        product = form.cleaned_data["product"]
        services.mark_reviewed(product)
        messages.success(request, _("Đã đánh dấu “%(name)s” là đã xem.") % {"name": product.name})
        page = request.GET.get("p", "")
        page = page if page.isascii() and page.isdigit() and len(page) < 7 else "1"
        return redirect(reverse("catalog_registry:review") + f"?p={page}")

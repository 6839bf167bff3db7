"""The province dashboard in the Wagtail admin (officers only): thin views over
reports.services, charts from reports.charts, exports from reports.exports."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from catalog import permissions
from reports import charts, exports, services
from reports.filters import filters_from


def _officers_only(request):
    if not permissions.may_read_province_reports(request.user):
        raise PermissionDenied


def dashboard(request):
    _officers_only(request)
    form, filters = filters_from(request.GET)
    query = request.GET.urlencode()
    sections = []
    for section, keys in services.SECTIONS:
        reports = []
        for key in keys:
            table = services.run(key, filters)
            shown = table.extra.get("shown_rows")
            reports.append(
                {
                    "table": table,
                    "rows": table.rows[:shown] if shown else table.rows,
                    "hidden_rows": max(len(table.rows) - shown, 0) if shown else 0,
                    "chart": charts.render(table),
                    "csv": _export_url(key, "csv", query),
                    "xlsx": _export_url(key, "xlsx", query),
                }
            )
        sections.append({"key": section, "reports": reports})
    context = {"form": form, "filters": filters, "sections": sections}
    context["search_report_url"] = reverse("search_query_report")
    return render(request, "reports/dashboard.html", context)


def _export_url(key, file_format, query):
    url = reverse("province_reports:export", args=[key, file_format])
    return f"{url}?{query}" if query else url


def export(request, key, file_format):
    _officers_only(request)
    if key not in services.REPORTS or file_format not in ("csv", "xlsx"):
        raise Http404
    _form, filters = filters_from(request.GET)
    return exports.response(services.run(key, filters), file_format)

"""Admin: the search report (most frequent queries, queries that found nothing)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from search import services

PERMISSION = "search.view_querylogentry"


def query_report_view(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    return render(request, "search/admin/query_report.html", services.query_report())


@hooks.register("register_admin_urls")
def register_urls():
    return [path("search/queries/", query_report_view, name="search_query_report")]


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return MenuItem(
        _("Truy vấn tìm kiếm"),
        reverse("search_query_report"),
        icon_name="search",
        order=900,
        attrs={},
    )

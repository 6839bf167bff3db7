"""Admin: the province dashboard under "Báo cáo" (officers only)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from catalog import permissions
from reports import views

app_name = "province_reports"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("<slug:key>/<slug:file_format>/", views.export, name="export"),
]


@hooks.register("register_admin_urls")
def register_urls():
    return [path("province-reports/", include((urlpatterns, app_name), namespace=app_name))]


class OfficersMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.may_read_province_reports(request.user)


@hooks.register("register_reports_menu_item")
def register_dashboard_menu_item():
    return OfficersMenuItem(
        _("Báo cáo của tỉnh"),
        reverse("province_reports:dashboard"),
        icon_name="doc-full",
        order=100,
    )

"""Admin menu and URLs of registry sync."""

from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from . import urls


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_urls")
def registry_urls():
    return [path("registry/", include(urls, namespace="catalog_registry"))]


def _registry_menu():
    return Menu(
        items=[
            PermissionMenuItem(
                _("Đồng bộ danh sách công nhận"),
                reverse("catalog_registry:runs"),
                name="registry-runs",
                icon_name="resubmit",
                order=100,
                permission="catalog.view_syncrun",
            ),
            PermissionMenuItem(
                _("Sản phẩm cần xem lại"),
                reverse("catalog_registry:review"),
                name="registry-review",
                icon_name="warning",
                order=200,
                permission="catalog.change_product",
            ),
        ]
    )


@hooks.register("register_admin_menu_item")
def registry_menu_item():
    return SubmenuMenuItem(
        _("Danh sách OCOP"), _registry_menu(), name="ocop-registry", icon_name="list-ul", order=310
    )


@hooks.register("register_permissions")
def registry_permissions():
    """Shown in Wagtail's group editor: view runs, and start or apply them."""
    return Permission.objects.filter(
        content_type__app_label="catalog", codename__in=["view_syncrun", "add_syncrun"]
    )

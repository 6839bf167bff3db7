"""The permission rule (catalog.permissions) applied where Wagtail's generic views do
not ask the policy for one object: the inspect view and the bulk actions.

A row the user may not see is a 404, never a page that names it; bulk actions leave it
out of both the actionable items and the "no permission" list.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from wagtail.admin.views.pages.bulk_actions.delete import DeleteBulkAction as PageDelete
from wagtail.admin.views.pages.bulk_actions.move import MoveBulkAction as PageMove
from wagtail.admin.views.pages.bulk_actions.publish import PublishBulkAction as PagePublish
from wagtail.admin.views.pages.bulk_actions.unpublish import (
    UnpublishBulkAction as PageUnpublish,
)
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.models import Page
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction as SnippetDelete
from wagtail.snippets.views.snippets import InspectView

from catalog import permissions


class ScopedInspectView(InspectView):
    def get_object(self, queryset=None):
        rows = permissions.visible_rows(self.model, self.request.user)
        return get_object_or_404(rows, pk=self.pk)


def out_of_sight(user, obj):
    """True when ``user`` may not even know that ``obj`` exists."""
    if isinstance(obj, Page):
        return permissions.is_product_page(obj) and not (
            user.is_superuser or permissions.may_manage_product_page(user, obj)
        )
    policy_class = permissions.ProducerScopedModelPolicy
    from wagtail.permissions import policy_registry

    policy = policy_registry.get_by_type(type(obj))
    if isinstance(policy, policy_class):
        return not permissions.visible_rows(type(obj), user).filter(pk=obj.pk).exists()
    return False


class ScopedBulkActionMixin:
    def get_actionable_objects(self):
        objects, context = super().get_actionable_objects()
        user = self.request.user
        objects = [obj for obj in objects if not out_of_sight(user, obj)]
        refused = [
            obj for obj in context.get("items_with_no_access", []) if not out_of_sight(user, obj)
        ]
        if not objects and not refused:
            raise Http404
        context["items_with_no_access"] = refused
        return objects, context


def scoped(action_class):
    return type(f"Scoped{action_class.__name__}", (ScopedBulkActionMixin, action_class), {})


BULK_ACTIONS = [scoped(cls) for cls in (PageDelete, PageMove, PagePublish, PageUnpublish)] + [
    scoped(SnippetDelete)
]


def refuse_producer_users(view_class):
    """Site-wide reports (counts and the last edited page of every page type) are for
    staff: a producer user gets Wagtail's "permission denied". Wagtail registers these
    URLs before any app's, so the view class itself is wrapped."""
    original = view_class.dispatch
    if getattr(original, "refuses_producer_users", False):
        return view_class

    def dispatch(self, request, *args, **kwargs):
        if permissions.is_producer_user(request.user):
            raise PermissionDenied
        return original(self, request, *args, **kwargs)

    dispatch.refuses_producer_users = True
    view_class.dispatch = dispatch
    return view_class


refuse_producer_users(PageTypesUsageReportView)

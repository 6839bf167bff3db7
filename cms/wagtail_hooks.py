"""Admin additions of the site shell."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Page
from wagtail_localize.views.submit_translations import SubmitPageTranslationView


def submit_page_translation(request, page_id):
    """wagtail-localize's "Translate this page", except for pages that have no copies in
    other languages (product pages: one page per product, docs/i18n.md)."""
    page = get_object_or_404(Page, id=page_id).specific
    if getattr(page, "translatable", True):
        return SubmitPageTranslationView.as_view()(request, page_id=page_id)
    messages.error(
        request,
        _("Trang sản phẩm không có bản dịch riêng: nhãn tiếng Anh đi theo giao diện."),
    )
    return redirect("wagtailadmin_explore", page.get_parent().id)


@hooks.register("register_admin_urls")
def register_admin_urls():
    # Registered before wagtail-localize's (cms comes first in INSTALLED_APPS), so this
    # address answers first.
    return [path("localize/submit/page/<int:page_id>/", submit_page_translation)]

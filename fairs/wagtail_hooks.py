"""Wagtail admin of fairs: applications and decisions, offers, "now showing", reports."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from catalog.permissions import is_officer
from tours.admin_views import ScopedHistoryView, ScopedIndexView, ScopedObjectMixin, ScopedUsageView

from . import admin_views
from .forms import OfferForm, ParticipantForm
from .models import FairCampaignPage, FairParticipant, LivestreamEventPage, Offer
from .permissions import OfficerPolicy, ParticipantPolicy
from .services import livestreams

register_permission_policy(FairParticipant, ParticipantPolicy(FairParticipant))
register_permission_policy(Offer, OfficerPolicy(Offer))


class ParticipantIndexView(ScopedIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("campaign", "producer")


class ParticipantEditView(ScopedObjectMixin, ModelViewSet.edit_view_class):
    pass


class ParticipantDeleteView(ScopedObjectMixin, ModelViewSet.delete_view_class):
    pass


class ParticipantViewSet(ModelViewSet):
    model = FairParticipant
    name = "fair_participants"
    url_prefix = "fairs/participants"
    icon = "group"
    menu_label = gettext_lazy("Đơn tham gia hội chợ")
    index_view_class = ParticipantIndexView
    edit_view_class = ParticipantEditView
    delete_view_class = ParticipantDeleteView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = ["producer", "campaign", "status", "booth", "applied_at"]
    list_filter = ["status", "campaign"]
    edit_handler = ObjectList(
        [
            FieldPanel("campaign"),
            FieldPanel("producer"),
            FieldPanel("products"),
            FieldPanel("note"),
            FieldRowPanel([FieldPanel("status"), FieldPanel("booth")]),
            FieldPanel("decision_note"),
        ],
        base_form_class=ParticipantForm,
    )


class OfferIndexView(ScopedIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("campaign", "livestream", "product")


class OfferViewSet(ModelViewSet):
    model = Offer
    name = "fair_offers"
    url_prefix = "fairs/offers"
    icon = "tag"
    menu_label = gettext_lazy("Ưu đãi")
    index_view_class = OfferIndexView
    copy_view_enabled = False
    list_display = [
        "__str__",
        "product",
        "sku",
        "price",
        "percent_off",
        "limit",
        "sold",
        "is_active",
    ]
    list_filter = ["is_active", "campaign", "livestream"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("campaign"), FieldPanel("livestream")]),
            FieldPanel("sku"),
            FieldPanel("label"),
            FieldRowPanel([FieldPanel("price"), FieldPanel("percent_off")]),
            FieldPanel("limit"),
            FieldPanel("is_active"),
        ],
        base_form_class=OfferForm,
    )


class FairsViewSetGroup(ModelViewSetGroup):
    menu_label = gettext_lazy("Hội chợ & livestream")
    menu_icon = "date"
    menu_order = 260
    items = (ParticipantViewSet, OfferViewSet)


@hooks.register("register_admin_viewset")
def register_fairs_viewsets():
    return FairsViewSetGroup()


app_name = "fairs_admin"
admin_urls = [
    path("livestreams/", admin_views.LivestreamListView.as_view(), name="livestreams"),
    path(
        "livestreams/<int:pk>/now-showing/",
        admin_views.NowShowingView.as_view(),
        name="now_showing",
    ),
    path("reports/", admin_views.ReportsView.as_view(), name="reports"),
]


@hooks.register("register_admin_urls")
def register_fairs_admin_urls():
    return [path("fairs/", include((admin_urls, app_name), namespace=app_name))]


class HostMenuItem(MenuItem):
    def is_shown(self, request):
        return livestreams.hosted_by(request.user).exists()


class OfficerMenuItem(MenuItem):
    def is_shown(self, request):
        return is_officer(request.user)


@hooks.register("register_admin_menu_item")
def now_showing_menu_item():
    return HostMenuItem(
        gettext_lazy("Livestream: đang giới thiệu"),
        reverse("fairs_admin:livestreams"),
        icon_name="media",
        order=261,
    )


@hooks.register("register_reports_menu_item")
def fairs_report_menu_item():
    return OfficerMenuItem(
        gettext_lazy("Doanh số hội chợ và livestream"),
        reverse("fairs_admin:reports"),
        icon_name="table",
        order=900,
    )


@hooks.register("before_delete_page")
def keep_fairs_with_sales(request, page):
    """A fair or livestream whose offers sold stays (reports need it): unpublish it instead."""
    specific = page.specific_class
    if specific not in (FairCampaignPage, LivestreamEventPage):
        return None
    field = "campaign" if specific is FairCampaignPage else "livestream"
    if Offer.objects.filter(**{field: page.pk}, order_lines__isnull=False).exists():
        messages.error(
            request,
            gettext_lazy(
                "Đã có đơn hàng theo ưu đãi của trang này: hãy ngừng xuất bản thay vì xóa."
            ),
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None

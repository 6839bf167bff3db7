from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.models import Page
from wagtail.permissions import register_permission_policy

from cms.widgets import DongInput

from . import admin_views, services
from .models import Booking, Departure
from .permissions import BookingPermissionPolicy, DeparturePermissionPolicy

# Registered before the viewsets: they look the policies up.
register_permission_policy(Departure, DeparturePermissionPolicy(Departure))
register_permission_policy(Booking, BookingPermissionPolicy(Booking))


class DepartureViewSet(ModelViewSet):
    model = Departure
    name = "tour_departures"
    url_prefix = "tours/departures"
    icon = "date"
    menu_label = gettext_lazy("Lịch khởi hành")
    index_view_class = admin_views.DepartureIndexView
    add_view_class = admin_views.DepartureCreateView
    edit_view_class = admin_views.DepartureEditView
    delete_view_class = admin_views.DepartureDeleteView
    history_view_class = admin_views.ScopedHistoryView
    usage_view_class = admin_views.ScopedUsageView
    copy_view_enabled = False
    list_display = [
        "__str__",
        "capacity",
        Column("seats_left", label=gettext_lazy("Còn trống")),
        "status",
    ]
    list_filter = {"status": ["exact"], "starts_at": ["gte", "lte"]}
    edit_handler = ObjectList(
        [
            FieldPanel("tour"),
            FieldPanel("starts_at"),
            FieldPanel("capacity"),
            FieldRowPanel(
                [
                    FieldPanel("price_adult_override", widget=DongInput),
                    FieldPanel("price_child_override", widget=DongInput),
                ]
            ),
            FieldPanel("status"),
        ],
        base_form_class=admin_views.DepartureAdminForm,
    )

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(series_url_name=self.get_url_name("series"), **kwargs)

    @property
    def series_view(self):
        return admin_views.DepartureSeriesView.as_view(
            index_url_name=self.get_url_name("index"),
            series_url_name=self.get_url_name("series"),
        )

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("series/", self.series_view, name="series")]


class BookingViewSet(ModelViewSet):
    model = Booking
    name = "tour_bookings"
    url_prefix = "tours/bookings"
    icon = "tick-inverse"
    menu_label = gettext_lazy("Đặt chỗ")
    index_view_class = admin_views.BookingIndexView
    inspect_view_class = admin_views.BookingInspectView
    history_view_class = admin_views.ScopedHistoryView
    usage_view_class = admin_views.ScopedUsageView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["code", "contact_name", "departure", "adults", "children", "amount", "status"]
    list_filter = ["status"]
    search_fields = ["code", "contact_name", "phone", "email"]
    search_backend_name = None
    inspect_view_fields = [
        "code",
        "departure",
        "contact_name",
        "phone",
        "email",
        "adults",
        "children",
        "amount",
        "payment_method",
        "status",
        "notes",
        "created_at",
        "cancelled_at",
    ]
    form_fields = ["contact_name"]  # never used: nobody may add or edit bookings here


class ToursViewSetGroup(ModelViewSetGroup):
    menu_label = gettext_lazy("Tour làng nghề")
    menu_icon = "site"
    menu_order = 250
    items = (DepartureViewSet, BookingViewSet)


@hooks.register("register_admin_viewset")
def register_tours_viewsets():
    return ToursViewSetGroup()


@hooks.register("before_delete_page")
def keep_tours_with_bookings(request, page):
    """Deleting a tour (or a page above it) would delete its bookings: unpublish it instead."""
    try:
        services.check_pages_deletable([page])
    except services.TourError as error:
        messages.error(request, error.message)
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_bulk_action")
def keep_tours_with_bookings_in_bulk(request, action_type, objects, action):
    """The same for the page explorer's bulk delete, which skips before_delete_page."""
    if action_type != "delete" or not all(isinstance(obj, Page) for obj in objects):
        return None
    try:
        services.check_pages_deletable(objects)
    except services.TourError as error:
        messages.error(request, error.message)
        if action.next_url != request.path:  # the explorer passes ?next=
            return redirect(action.next_url)
        return redirect("wagtailadmin_explore", objects[0].get_parent().pk)
    return None

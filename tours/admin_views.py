"""Wagtail admin views for departures and bookings, scoped by TourScopedPolicy."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets import HeaderButton
from wagtail.log_actions import log

from . import services
from .forms import DepartureSeriesForm
from .models import Departure
from .permissions import tours_for_user


class DepartureAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None and "tour" in self.fields:
            self.fields["tour"].queryset = tours_for_user(for_user)

    class Meta:
        model = Departure
        fields = [
            "tour",
            "starts_at",
            "capacity",
            "price_adult_override",
            "price_child_override",
            "status",
        ]


class ScopedObjectMixin:
    """Only the rows the user may act on can be opened: others are a 404."""

    def get_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["change", "delete", "view"]
        )


class ScopedBaseObjectMixin:
    """History and usage pages open only rows the user may act on: others are a 404."""

    def get_base_object_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["change", "delete", "view"]
        )


class ScopedHistoryView(ScopedBaseObjectMixin, generic.HistoryView):
    pass


class ScopedUsageView(ScopedBaseObjectMixin, generic.UsageView):
    pass


class ScopedIndexView(generic.IndexView):
    def get_base_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["add", "change", "delete", "view"]
        )


class BookingIndexView(ScopedIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("departure__tour")


class DepartureIndexView(ScopedIndexView):
    default_ordering = "starts_at"
    series_url_name = None

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("tour").with_seats()

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.permission_policy.user_has_permission(self.request.user, "add"):
            buttons.append(
                HeaderButton(
                    _("Tạo loạt lịch khởi hành"),
                    url=reverse(self.series_url_name),
                    icon_name="date",
                )
            )
        return buttons


class SavedByServiceMixin:
    """Save through services.save_departure (locks, checks seats); refusals become form errors."""

    log_action = "wagtail.edit"

    def save_instance(self):
        instance = services.save_departure(self.form.instance)
        log(instance=instance, action=self.log_action, user=self.request.user)
        return instance

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except services.TourError as error:
            form.add_error(None, error.message)
            self.produced_error_code = error.code
            self.produced_error_message = error.message
            return self.form_invalid(form)


class DepartureCreateView(SavedByServiceMixin, generic.CreateView):
    log_action = "wagtail.create"


class DepartureEditView(ScopedObjectMixin, SavedByServiceMixin, generic.EditView):
    pass


class DepartureDeleteView(ScopedObjectMixin, generic.DeleteView):
    """Deletes through services.delete_departure: refused, under the lock, while in use."""

    def delete_action(self):
        user = self.request.user
        services.delete_departure(
            self.object.pk,
            before_delete=lambda departure: log(
                instance=departure, action="wagtail.delete", user=user, deleted=True
            ),
        )

    def form_valid(self, form):
        # Not super(): its reference-index check answers "no permission" where the
        # service says why (bookings, live holds).
        try:
            self.delete_action()
        except services.TourError as error:
            messages.error(self.request, error.message)
            return redirect(self.edit_url_name, self.object.pk)
        messages.success(self.request, self.get_success_message())
        return self.run_after_hook() or redirect(self.get_success_url())


class DepartureSeriesView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """Admin: create departures for chosen weekdays × times over a date range."""

    model = Departure
    permission_required = "add"
    form_class = DepartureSeriesForm
    template_name = "tours/admin/departure_series.html"
    page_title = gettext_lazy("Tạo loạt lịch khởi hành")
    header_icon = "date"
    index_url_name = None
    series_url_name = None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "tours": tours_for_user(self.request.user)}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": _("Lịch khởi hành")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            action_url=reverse(self.series_url_name),
            submit_button_label=_("Tạo lịch"),
            submit_button_active_label=_("Đang tạo…"),
            **kwargs,
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            result = services.generate_series(
                data["tour"],
                first_day=data["first_day"],
                last_day=data["last_day"],
                weekdays=data["weekdays"],
                times=data["times"],
                capacity=data["capacity"],
                price_adult_override=data["price_adult_override"],
                price_child_override=data["price_child_override"],
            )
        except services.TourError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "Đã tạo %(created)s lịch khởi hành; bỏ qua %(existing)s lịch đã có "
                "và %(past)s giờ đã qua."
            )
            % {"created": result.created, "existing": result.existing, "past": result.past},
        )
        return redirect(self.index_url_name)


class BookingInspectView(generic.InspectView):
    def get_object(self, queryset=None):
        scoped = self.permission_policy.instances_user_has_permission_for(self.request.user, "view")
        return get_object_or_404(scoped, pk=self.pk)

"""Who manages which departures and sees which bookings in the admin.

Editors (users holding the model permission, through a group or as superusers)
see everything. A producer's users (Producer.users) see the departures and
bookings of the tours their producer operates, and nothing else.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies import ModelPermissionPolicy

from .models import TourPage


def operates_tours(user):
    if not (user.is_authenticated and user.is_active):
        return False
    cached = getattr(user, "_operates_tours", None)
    if cached is None:
        cached = user._operates_tours = TourPage.objects.filter(operator__users=user).exists()
    return cached


def tours_for_user(user):
    """The tours a user may schedule departures for."""
    if user.has_perm("tours.add_departure"):
        return TourPage.objects.all().order_by("title")
    return TourPage.objects.filter(operator__users=user).distinct().order_by("title")


class TourScopedPolicy(ModelPermissionPolicy):
    allowed_actions = frozenset()
    tour_lookup = ""  # path from the model to its TourPage

    def is_editor(self, user, action):
        return action in self.allowed_actions and super().user_has_permission(user, action)

    def user_has_permission(self, user, action):
        if action not in self.allowed_actions:
            return False
        return self.is_editor(user, action) or operates_tours(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.instances_user_has_permission_for(user, action).filter(pk=instance.pk).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        manager = self.model._default_manager
        if any(self.is_editor(user, action) for action in actions):
            return manager.all()
        if operates_tours(user) and self.allowed_actions.intersection(actions):
            return manager.filter(**{f"{self.tour_lookup}__operator__users": user}).distinct()
        return manager.none()

    def users_with_any_permission(self, actions):
        actions = [action for action in actions if action in self.allowed_actions]
        if not actions:
            return get_user_model().objects.none()
        editors = super().users_with_any_permission(actions)
        operators = get_user_model().objects.filter(
            is_active=True, producers__operated_tours__isnull=False
        )
        return get_user_model().objects.filter(
            Q(pk__in=editors.values("pk")) | Q(pk__in=operators.values("pk"))
        )


class DeparturePermissionPolicy(TourScopedPolicy):
    allowed_actions = frozenset({"add", "change", "delete", "view"})
    tour_lookup = "tour"


class BookingPermissionPolicy(TourScopedPolicy):
    """Bookings are made by visitors only; in the admin they are read."""

    allowed_actions = frozenset({"view"})
    tour_lookup = "departure__tour"

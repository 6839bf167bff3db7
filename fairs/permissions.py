"""Who does what with fairs in the admin, from the one rule (catalog/permissions.py).

- Participants: officers see and decide every application; a producer's user
  applies for its own producers with their own products and sees only those
  applications (it cannot approve, refuse or give a booth).
- Offers and reports: officers only.
- "Now showing": officers, and the users of the livestream's host producer.
"""

from django.contrib.auth import get_user_model
from wagtail.permission_policies import ModelPermissionPolicy

from catalog.permissions import is_officer, is_producer_user, producers_of

ALL_ACTIONS = frozenset({"add", "change", "delete", "view"})


class OfficerPolicy(ModelPermissionPolicy):
    """Officers: every action on every row; nobody else anything."""

    producer_actions = frozenset()

    def user_has_permission(self, user, action):
        if is_officer(user):
            return action in ALL_ACTIONS
        return action in self.producer_actions and is_producer_user(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.instances_user_has_permission_for(user, action).filter(pk=instance.pk).exists()

    def own_rows(self, user):
        return self.model._default_manager.none()

    def instances_user_has_any_permission_for(self, user, actions):
        if is_officer(user):
            return self.model._default_manager.all()
        if is_producer_user(user) and self.producer_actions.intersection(actions):
            return self.own_rows(user)
        return self.model._default_manager.none()

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        return users.filter(is_superuser=True) | users.filter(
            groups__permissions__codename="change_suborder"
        )


class ParticipantPolicy(OfficerPolicy):
    producer_actions = frozenset({"add", "view"})

    def own_rows(self, user):
        return self.model._default_manager.filter(producer__in=producers_of(user))

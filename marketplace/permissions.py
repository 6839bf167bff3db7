"""Who may see and change which orders: the one rule every admin view, export and API applies.

The province's officers (and superusers) hold the model permission
``marketplace.change_suborder`` and see every sub-order. A producer's users
(``Producer.users``) see and change only their own producer's sub-orders, and
the orders only through those sub-orders.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies import ModelPermissionPolicy

from marketplace.models import Order, ProducerDelivery, SubOrder

OFFICER_PERMISSION = "marketplace.change_suborder"
STOCK_PERMISSION = "marketplace.change_inventory"
DELIVERY_TERMS_PERMISSION = "marketplace.change_producerdelivery"


def is_officer(user):
    return user.is_active and user.has_perm(OFFICER_PERMISSION)


def producers_of(user):
    if not (user.is_authenticated and user.is_active):
        return []
    cached = getattr(user, "_marketplace_producer_ids", None)
    if cached is None:
        cached = user._marketplace_producer_ids = list(user.producers.values_list("pk", flat=True))
    return cached


def may_use_orders_admin(user):
    return user.is_authenticated and (is_officer(user) or bool(producers_of(user)))


def sub_orders_for(user):
    if not user.is_authenticated:
        return SubOrder.objects.none()
    if is_officer(user):
        return SubOrder.objects.all()
    return SubOrder.objects.filter(producer__in=producers_of(user))


def orders_for(user):
    if not user.is_authenticated:
        return Order.objects.none()
    if is_officer(user):
        return Order.objects.all()
    return Order.objects.filter(sub_orders__producer__in=producers_of(user)).distinct()


def can_manage_sub_order(user, sub_order):
    if user is None or not user.is_authenticated:
        return False
    return is_officer(user) or sub_order.producer_id in producers_of(user)


# --- Stock and delivery terms -----------------------------------------------------------
# The same shape: the province's staff (a model permission) see every row, a producer's
# users only their own producer's rows.


def manages_all_stock(user):
    return user.is_active and user.has_perm(STOCK_PERMISSION)


def variants_for(user):
    """The product variants whose stock the user may see and set."""
    from catalog.models import ProductVariant

    if not user.is_authenticated:
        return ProductVariant.objects.none()
    if manages_all_stock(user):
        return ProductVariant.objects.all()
    return ProductVariant.objects.filter(page__product__producer__in=producers_of(user))


def manages_all_delivery_terms(user):
    return user.is_active and user.has_perm(DELIVERY_TERMS_PERMISSION)


def delivery_terms_for(user):
    if not user.is_authenticated:
        return ProducerDelivery.objects.none()
    if manages_all_delivery_terms(user):
        return ProducerDelivery.objects.all()
    return ProducerDelivery.objects.filter(producer__in=producers_of(user))


def producers_for_delivery_terms(user):
    """The producers whose delivery terms the user may set."""
    from catalog.models import Producer

    if manages_all_delivery_terms(user):
        return Producer.objects.all()
    return Producer.objects.filter(pk__in=producers_of(user))


# --- Wagtail permission policies built on the rules above -------------------------------


def users_with_perm(permission):
    """Active users holding ``permission`` ("app_label.codename"), directly, by group or
    as superusers."""
    app_label, codename = permission.split(".")
    held = Q(
        user_permissions__content_type__app_label=app_label,
        user_permissions__codename=codename,
    ) | Q(
        groups__permissions__content_type__app_label=app_label,
        groups__permissions__codename=codename,
    )
    User = get_user_model()
    return User.objects.filter(
        pk__in=User.objects.filter(Q(is_superuser=True) | held).values("pk"), is_active=True
    )


class ProducerScopedPolicy(ModelPermissionPolicy):
    """Staff who pass ``sees_all`` act on every row, a producer's users on their own rows.

    Registered per model (marketplace/wagtail_hooks.py): the admin menu, listings,
    exports and object views all ask it, and through it the functions above.
    """

    allowed_actions = frozenset()
    staff_permission = ""  # "app_label.codename" that lets a user see every row

    def sees_all(self, user):
        raise NotImplementedError

    def scoped(self, user):
        """The rows a non-staff user may act on."""
        raise NotImplementedError

    def user_has_permission(self, user, action):
        if action not in self.allowed_actions or not user.is_authenticated:
            return False
        return self.sees_all(user) or bool(producers_of(user))

    def user_has_permission_for_instance(self, user, action, instance):
        return self.instances_user_has_permission_for(user, action).filter(pk=instance.pk).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        manager = self.model._default_manager
        if not any(self.user_has_permission(user, action) for action in actions):
            return manager.none()
        return manager.all() if self.sees_all(user) else self.scoped(user)

    def users_with_any_permission(self, actions):
        User = get_user_model()
        if not self.allowed_actions.intersection(actions):
            return User.objects.none()
        staff = users_with_perm(self.staff_permission)
        producer_users = User.objects.filter(is_active=True, producers__isnull=False)
        return User.objects.filter(
            Q(pk__in=staff.values("pk")) | Q(pk__in=producer_users.values("pk"))
        )


class SubOrderPolicy(ProducerScopedPolicy):
    """Sub-orders are read and moved on (through the services); never added or deleted here."""

    allowed_actions = frozenset({"view", "change"})
    staff_permission = OFFICER_PERMISSION

    def sees_all(self, user):
        return is_officer(user)

    def scoped(self, user):
        return sub_orders_for(user)


class OrderPolicy(ModelPermissionPolicy):
    """Whole orders (every producer's part) are for the province's officers only."""

    def user_has_permission(self, user, action):
        return action == "view" and user.is_authenticated and is_officer(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def instances_user_has_any_permission_for(self, user, actions):
        if any(self.user_has_permission(user, action) for action in actions):
            return orders_for(user)
        return Order.objects.none()

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return get_user_model().objects.none()
        return users_with_perm(OFFICER_PERMISSION)


class StockPolicy(ProducerScopedPolicy):
    """Product variants as stock: seen and counted (never added, edited or deleted here)."""

    allowed_actions = frozenset({"view", "change"})
    staff_permission = STOCK_PERMISSION

    def sees_all(self, user):
        return manages_all_stock(user)

    def scoped(self, user):
        return variants_for(user)


class DeliveryTermsPolicy(ProducerScopedPolicy):
    allowed_actions = frozenset({"add", "change", "delete", "view"})
    staff_permission = DELIVERY_TERMS_PERMISSION

    def sees_all(self, user):
        return manages_all_delivery_terms(user)

    def scoped(self, user):
        return delivery_terms_for(user)

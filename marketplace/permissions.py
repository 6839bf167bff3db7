"""Who may see and change which orders: the one rule every admin view, export and API applies.

The province's officers (and superusers) hold the model permission
``marketplace.change_suborder`` and see every sub-order. A producer's users
(``Producer.users``) see and change only their own producer's sub-orders, and
the orders only through those sub-orders.
"""

from marketplace.models import Order, SubOrder


def is_officer(user):
    return user.is_active and user.has_perm("marketplace.change_suborder")


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

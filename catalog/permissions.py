"""Which producers and products a user may pick in the admin, and which pages.

Users holding the catalogue's model permissions (province officers, editors, as
a group or as superusers) see every producer and product. A producer's users
(Producer.users) see only their own producers and those producers' products. The
page chooser shows producers drafts only of pages they own: others' unpublished
pages are nobody else's business.
"""

from django.db.models import Q
from wagtail.permission_policies.pages import PagePermissionPolicy

from .models import Producer, Product


def producers_for_user(user, producers=None):
    producers = Producer.objects.all() if producers is None else producers
    if user.is_active and user.has_perm("catalog.view_producer"):
        return producers
    return producers.filter(users=user).distinct() if user.is_authenticated else producers.none()


def products_for_user(user, products=None):
    products = Product.objects.all() if products is None else products
    if user.is_active and user.has_perm("catalog.view_product"):
        return products
    if not user.is_authenticated:
        return products.none()
    return products.filter(producer__users=user).distinct()


SCOPES = {Producer: producers_for_user, Product: products_for_user}


def scoped(model, user, queryset):
    scope = SCOPES.get(model)
    return queryset if scope is None else scope(user, queryset)


def pages_for_chooser(user, pages):
    """Who may publish sees every page; anyone else live pages and drafts of their own."""
    if PagePermissionPolicy().user_has_any_permission(user, ["publish"]):
        return pages
    return pages.filter(Q(live=True) | Q(owner=user))

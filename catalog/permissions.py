"""The one rule of the admin: who acts for which producer, and what each role may touch.

* ``is_officer``: the province's OCOP officers (group "Cán bộ OCOP tỉnh") and
  superusers — every producer, every product, every order (the rule of
  ``marketplace.permissions``, whose officer permission this re-uses);
* ``producers_of``: the producers a user acts for (``Producer.users``);
* a *producer user* (acting for at least one producer, not an officer) sees and
  changes its own producers' rows only, everywhere: product pages (explorer, editor,
  choosers, bulk actions, reports), products and certificates (read-only), stock,
  prices, orders, departures, bookings and QR labels.

Editors (group "Biên tập viên") hold content pages; product pages belong to the
officers and to their producer's users only.

The marketplace and tours modules keep their own policies for their models; they
ask the same two functions (``producers_of``, ``is_officer``) through
``marketplace.permissions``.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from wagtail.models import GroupPagePermission, PagePermissionTester
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy

from marketplace.permissions import OFFICER_PERMISSION, producers_of

__all__ = ["OFFICER_PERMISSION", "is_officer", "producers_of"]

# What a producer's user may do on the pages under the catalogue (on its own products'
# pages only; publishing goes through the officers' workflow).
PRODUCER_PAGE_ACTIONS = ("add_page", "change_page")


def is_officer(user):
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.has_perm(OFFICER_PERMISSION)


def is_producer_user(user):
    """Acts for one or more producers and for nobody else (not an officer)."""
    return bool(producers_of(user)) and not is_officer(user)


def producers_for(user):
    """The producers whose rows the user may see."""
    from catalog.models import Producer

    if is_officer(user):
        return Producer.objects.all()
    return Producer.objects.filter(pk__in=producers_of(user))


def products_for(user):
    from catalog.models import Product

    if is_officer(user):
        return Product.objects.all()
    return Product.objects.filter(producer__in=producers_of(user))


def product_pages_for(user):
    """The product pages the user may edit (content subject to moderation)."""
    from catalog.models import ProductPage

    if is_officer(user):
        return ProductPage.objects.all()
    return ProductPage.objects.filter(_of_producers(producers_of(user)))


def _of_producers(producers):
    """Product pages of ``producers``' products: the Vietnamese pages and their copies
    (a copy has no product of its own, docs/i18n.md)."""
    from catalog.models import ProductPage

    originals = ProductPage.objects.filter(product__producer__in=producers)
    return Q(pk__in=originals.values("pk")) | Q(
        product__isnull=True, translation_key__in=originals.values("translation_key")
    )


def foreign_product_page_ids(user):
    """The product pages that are not the user's to see in the admin (a subquery)."""
    from catalog.models import ProductPage

    return ProductPage.objects.exclude(_of_producers(producers_of(user))).values("pk")


def may_manage_product_page(user, page):
    if is_officer(user):
        return True
    return producer_of_page(page) in producers_of(user)


def producer_of_page(page):
    from catalog.models import ProductPage

    if not page.pk:
        return getattr(getattr(page, "product", None), "producer_id", None)
    cached = getattr(page, "_ocop_producer_id", None)
    if cached is None:
        # A copy's producer is its Vietnamese page's (same translation key, with a product).
        rows = ProductPage.objects.filter(
            translation_key=page.translation_key, product__isnull=False
        )
        cached = page._ocop_producer_id = rows.values_list(
            "product__producer_id", flat=True
        ).first()
    return cached


# --- Pages ------------------------------------------------------------------------------


class OcopPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page policy, plus the producers' rights under the catalogue.

    A producer user holds "add" and "change" on every catalogue index (computed, not
    stored), and every question about a product page that is not its own answers no;
    the same for editors, so product pages stay with officers and their producers.
    """

    def get_all_permissions_for_user(self, user):
        stored = list(super().get_all_permissions_for_user(user))
        if user.is_anonymous or not user.is_active or not producers_of(user):
            return stored
        from catalog.models import CatalogIndexPage

        permissions = Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=PRODUCER_PAGE_ACTIONS
        )
        computed = [
            GroupPagePermission(page=index, permission=permission)
            for index in CatalogIndexPage.objects.all()
            for permission in permissions
        ]
        return stored + computed

    def instances_user_has_any_permission_for(self, user, actions):
        pages = super().instances_user_has_any_permission_for(user, actions)
        if user.is_superuser or is_officer(user):
            return pages
        return pages.exclude(pk__in=foreign_product_page_ids(user))

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if (
            not user.is_superuser
            and is_product_page(instance)
            and not may_manage_product_page(user, instance)
        ):
            return False
        return super().user_has_any_permission_for_instance(user, actions, instance)

    def users_with_any_permission_for_instance(self, actions, instance, include_superusers=True):
        users = super().users_with_any_permission_for_instance(
            actions, instance, include_superusers
        )
        if not is_product_page(instance):
            return users
        producer_id = producer_of_page(instance)
        User = get_user_model()
        officers = User.objects.filter(
            Q(is_superuser=True)
            | Q(groups__permissions__codename="change_suborder")
            | Q(user_permissions__codename="change_suborder")
        )
        producer_users = User.objects.filter(is_active=True, producers=producer_id)
        allowed = Q(pk__in=users.filter(pk__in=officers.values("pk")).values("pk"))
        if set(actions) & {"add", "change"}:
            allowed |= Q(pk__in=producer_users.values("pk"))
        return User.objects.filter(allowed)


def images_for_chooser(user, images):
    """A producer's user chooses among the photos its own producers' users uploaded;
    officers and editors among all."""
    if not is_producer_user(user):
        return images
    from django.contrib.auth import get_user_model

    colleagues = get_user_model().objects.filter(producers__in=producers_of(user))
    return images.filter(uploaded_by_user__in=colleagues)  # a search filter field too


def is_product_page(page):
    from catalog.models import ProductPage

    if isinstance(page, ProductPage):
        return True
    specific_class = getattr(page, "specific_class", None)
    return specific_class is not None and issubclass(specific_class, ProductPage)


class ProductPagePermissionTester(PagePermissionTester):
    """A product page is out of reach (nothing allowed) for anyone but superusers,
    officers and its producer's users."""

    def __init__(self, user, page):
        super().__init__(user, page)
        self.out_of_reach = not user.is_superuser and not may_manage_product_page(user, page)
        if self.out_of_reach:
            self.permissions = set()

    def can_edit(self):
        return not self.out_of_reach and super().can_edit()

    def can_submit_for_moderation(self):
        return not self.out_of_reach and super().can_submit_for_moderation()

    def can_lock(self):
        return not self.out_of_reach and super().can_lock()

    def can_unlock(self):
        return not self.out_of_reach and super().can_unlock()

    def can_view_revisions(self):
        return not self.out_of_reach and super().can_view_revisions()


# --- Snippets: producers, products ------------------------------------------------------


class ProducerScopedModelPolicy(ModelPermissionPolicy):
    """Holders of the model permissions (officers) act on every row; a producer's users
    may only ``producer_actions`` (read) on their own producers' rows."""

    producer_actions = frozenset({"view"})

    def scoped(self, user):
        raise NotImplementedError

    def _by_model_permission(self, user, action):
        return super().user_has_permission(user, action)

    def user_has_permission(self, user, action):
        if self._by_model_permission(user, action):
            return True
        return action in self.producer_actions and bool(producers_of(user))

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        if self._by_model_permission(user, action):
            return True
        if action not in self.producer_actions:
            return False
        return self.scoped(user).filter(pk=instance.pk).exists()

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(
            self.user_has_permission_for_instance(user, action, instance) for action in actions
        )

    def instances_user_has_any_permission_for(self, user, actions):
        manager = self.model._default_manager
        if any(self._by_model_permission(user, action) for action in actions):
            return manager.all()
        if self.producer_actions.intersection(actions) and producers_of(user):
            return self.scoped(user)
        return manager.none()

    def users_with_any_permission(self, actions):
        users = super().users_with_any_permission(actions)
        if not self.producer_actions.intersection(actions):
            return users
        producer_users = get_user_model().objects.filter(is_active=True, producers__isnull=False)
        return get_user_model().objects.filter(
            Q(pk__in=users.values("pk")) | Q(pk__in=producer_users.values("pk"))
        )


class ProducerPolicy(ProducerScopedModelPolicy):
    def scoped(self, user):
        return self.model._default_manager.filter(pk__in=producers_of(user))


class ProductPolicy(ProducerScopedModelPolicy):
    def scoped(self, user):
        return self.model._default_manager.filter(producer__in=producers_of(user))


def visible_rows(model, user, actions=("view", "change")):
    """The rows of ``model`` the user may see, by its registered policy."""
    from wagtail.permissions import policy_registry

    return policy_registry.get_by_type(model).instances_user_has_any_permission_for(
        user, list(actions)
    )


# --- Choosers (names kept from the hardening branch; the rule above decides) -------------


def producers_for_user(user, producers=None):
    from catalog.models import Producer

    producers = Producer.objects.all() if producers is None else producers
    return producers.filter(pk__in=visible_rows(Producer, user).values("pk"))


def products_for_user(user, products=None):
    from catalog.models import Product

    products = Product.objects.all() if products is None else products
    return products.filter(pk__in=visible_rows(Product, user).values("pk"))


def scoped(model, user, queryset):
    from catalog.models import Producer, Product

    scope = {Producer: producers_for_user, Product: products_for_user}.get(model)
    return queryset if scope is None else scope(user, queryset)


def pages_for_chooser(user, pages):
    """Who may publish sees every page; anyone else live pages and drafts of their own."""
    from wagtail.models import Page
    from wagtail.permissions import policy_registry

    if policy_registry.get_by_type(Page).user_has_any_permission(user, ["publish"]):
        return pages
    return pages.filter(Q(live=True) | Q(owner=user))


# --- Province reports and producers' payout ledgers -------------------------------------


def may_read_province_reports(user):
    """The province dashboard (every producer's figures): officers and superusers only."""
    return is_officer(user)


def may_record_payouts(user):
    return is_officer(user)


def ledgers_for(user):
    """The producers whose payout ledger and statements the user may read: all for
    officers, its own producers for a producer's user, none for anyone else."""
    return producers_for(user)

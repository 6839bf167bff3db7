"""Business operations of the catalogue. Views, admin, tasks and commands call these."""

from django.db import router, transaction
from django.db.models import OuterRef, ProtectedError, RestrictedError, Subquery
from django.db.models.deletion import Collector
from django.utils import timezone
from django.utils.translation import gettext as _

from . import sale_listing
from .models import Certification, Product
from .signals import certification_changed


@transaction.atomic
def record_certification(product, **facts):
    """Add a certification to a product's history and make the newest one current.

    ``facts`` are Certification fields (stars, score, decision_number, ...). The
    star must match the score band and the decision must not be in the history
    already; ``ValidationError`` otherwise.
    """
    certification = Certification(product=product, **facts)
    # valid_until is derived on save; the product is checked too, for the
    # one-certification-per-decision constraint.
    certification.full_clean(exclude=["valid_until"])
    certification.save()
    refresh_current_certification([product.pk])
    return certification


@transaction.atomic
def revoke_certification(certification, *, revoked_on, decision="", reason=""):
    certification.revoked_on = revoked_on
    certification.revocation_decision = decision
    certification.revocation_reason = reason
    certification.full_clean(exclude=["product", "valid_until"])
    certification.save(update_fields=["revoked_on", "revocation_decision", "revocation_reason"])
    transaction.on_commit(
        lambda: certification_changed.send(Certification, product_ids=[certification.product_id])
    )
    return certification


@transaction.atomic
def redate_certification(certification, decision_date):
    """Move a certification's decision (and so its validity) to another day (demo data)."""
    certification.decision_date = decision_date
    certification.full_clean(exclude=["product", "valid_until"])
    certification.save()  # valid_until follows on save
    refresh_current_certification([certification.product_id])
    transaction.on_commit(
        lambda: certification_changed.send(Certification, product_ids=[certification.product_id])
    )
    return certification


def refresh_current_certification(product_ids):
    """Point each product at its newest certification (latest decision date).

    Sends ``certification_changed`` for the products whose current one changed.
    Set-based (three queries whatever the count), so registry sync can call it per batch.
    """
    product_ids = list(product_ids)
    newest = {}
    certifications = (
        Certification.objects.filter(product_id__in=product_ids)
        .order_by("product_id", "-decision_date", "-pk")
        .values_list("product_id", "pk")
    )
    for product_id, pk in certifications:
        newest.setdefault(product_id, pk)
    current = Product.objects.filter(pk__in=product_ids).values_list(
        "pk", "current_certification_id"
    )
    changed = sorted(pk for pk, current_id in current if newest.get(pk) != current_id)
    if changed:
        newest_of_product = (
            Certification.objects.filter(product_id=OuterRef("pk"))
            .order_by("-decision_date", "-pk")
            .values("pk")[:1]
        )
        Product.objects.filter(pk__in=changed).update(
            current_certification_id=Subquery(newest_of_product), updated_at=timezone.now()
        )
        sale_listing.refresh_products(changed)
        transaction.on_commit(
            lambda: certification_changed.send(Certification, product_ids=changed)
        )
    return changed


# How many of the objects that block a deletion are named in the reason.
NAMED_BLOCKERS = 3


def deletion_blockers(instance):
    """Why a producer or product may not be deleted, as phrases; empty when it may be.

    A certification history is never erased, and nothing is deleted from under a
    page, a tour or a record that still points to it (PROTECT / RESTRICT keys).
    """
    reasons = []
    if isinstance(instance, Product):
        count = instance.certifications.count()
        if count:
            reasons.append(
                _("lịch sử chứng nhận OCOP (số quyết định: %(count)s)") % {"count": count}
            )
    for model, objects in _protected_references(instance).items():
        names = ", ".join(f"“{obj}”" for obj in objects[:NAMED_BLOCKERS])
        if len(objects) > NAMED_BLOCKERS:
            others = len(objects) - NAMED_BLOCKERS
            names = _("%(names)s và %(count)s mục khác") % {"names": names, "count": others}
        reasons.append(f"{model._meta.verbose_name} {names}")
    return reasons


def _protected_references(instance):
    """{model: [objects]} of the rows whose foreign keys forbid deleting ``instance``."""
    collector = Collector(using=router.db_for_write(type(instance)))
    try:
        collector.collect([instance])
    except ProtectedError as error:
        blockers = error.protected_objects
    except RestrictedError as error:
        blockers = error.restricted_objects
    else:
        return {}
    grouped = {}
    for obj in blockers:
        grouped.setdefault(type(obj), []).append(obj)
    return grouped


# --- Prices at once ----------------------------------------------------------------------
# A producer changes a variant's price without moderation: the live row changes, and so do
# the page's latest and live revisions, so that publishing (or approving) a revision made
# before does not bring the old price back. Logged on the page with who, old and new.

MAX_PRICE = 1_000_000_000  # đồng: far above any OCOP product


class PriceError(Exception):
    """A refused price change; ``str(error)`` is the message for the user."""


class PriceChanged(PriceError):
    """Someone changed the price since the user read it: nothing was set."""


def _whole_price(value):
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        number = None
    if number is None or not 1 <= number <= MAX_PRICE:
        raise PriceError(
            _("Giá phải là số nguyên từ 1 đến %(max)s đồng.") % {"max": f"{MAX_PRICE:,}"}
        )
    return number


def _set_price_in_revision(revision, variant_pk, price):
    changed = False
    for row in revision.content.get("variants", []):
        if row.get("pk") == variant_pk and row.get("price") != price:
            row["price"] = price
            changed = True
    if changed:
        type(revision).objects.filter(pk=revision.pk).update(content=revision.content)


def set_price(variant_id, price, *, user, expected=None):
    """The variant's price becomes ``price`` at once; returns (old, new) or None if unchanged.

    ``expected``: the price the user saw (the admin form sends it); if it is no longer
    the price, PriceChanged and nothing is set.
    """
    from wagtail.log_actions import log

    from .models import ProductVariant

    price = _whole_price(price)
    with transaction.atomic():
        variant = ProductVariant.objects.select_for_update().get(pk=variant_id)
        old = variant.price
        if expected is not None and old != expected:
            raise PriceChanged(
                _("Giá của %(sku)s vừa được đổi thành %(now)s. Hãy kiểm tra rồi nhập lại.")
                % {"sku": variant.sku, "now": old}
            )
        if old == price:
            return None
        ProductVariant.objects.filter(pk=variant.pk).update(price=price)
        page = variant.page.specific
        revisions = {page.latest_revision_id, page.live_revision_id} - {None}
        for revision in page.revisions.filter(pk__in=revisions):
            _set_price_in_revision(revision, variant.pk, price)
        log(
            instance=page,
            action="catalog.set_price",
            user=user,
            data={"sku": variant.sku, "label": variant.label, "old": old, "new": price},
        )
    return old, price

"""Stock: the only code that changes ``Inventory`` rows.

Every change runs inside a transaction that has locked the rows it reads, always
in primary-key order (so two checkouts wanting the same SKUs queue instead of
deadlocking), and leaves one ``StockMovement`` saying how much, why and by whom.
"""

from functools import partial

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from catalog import page_cache
from marketplace.models import Inventory, MovementReason, StockMovement

MAX_STOCK = 1_000_000  # a sanity bound for one SKU's shelf, far above any OCOP producer's


class StockError(Exception):
    """A refused stock change; ``str(error)`` is the message for the user."""


class StockChanged(StockError):
    """The stock moved (a sale, a cancellation) since the user read it: nothing was set."""


def lock_inventories(skus):
    """Lock the inventory rows of ``skus`` (creating missing ones at 0), in primary-key order.

    Must be called inside ``transaction.atomic()``. Returns {sku: Inventory}.
    """
    skus = sorted(set(skus))
    if not skus:
        return {}
    Inventory.objects.bulk_create(
        [Inventory(sku=sku, quantity=0) for sku in skus], ignore_conflicts=True
    )
    rows = Inventory.objects.select_for_update().filter(sku__in=skus).order_by("pk")
    return {row.sku: row for row in rows}


def _move(inventory, change, reason, *, order_line=None, user=None, note=""):
    """Apply ``change`` to a locked row and log it."""
    new_quantity = inventory.quantity + change
    if new_quantity < 0:
        raise StockError(_("Không đủ hàng trong kho cho mã %(sku)s.") % {"sku": inventory.sku})
    Inventory.objects.filter(pk=inventory.pk).update(quantity=F("quantity") + change)
    sale_state_changed = (inventory.quantity > 0) != (new_quantity > 0)
    inventory.quantity = new_quantity
    transaction.on_commit(
        partial(page_cache.stock_moved, inventory.sku, sale_state_changed=sale_state_changed)
    )
    return StockMovement.objects.create(
        inventory=inventory,
        change=change,
        quantity_after=new_quantity,
        reason=reason,
        order_line=order_line,
        user=user if user is not None and user.is_authenticated else None,
        note=note[:255],
    )


def take_for_order_line(inventory, line):
    """Under the lock: take an order line's units (the caller has checked they are there)."""
    return _move(inventory, -line.quantity, MovementReason.SALE, order_line=line)


def return_for_order_line(line, reason, *, user=None, note=""):
    """Put an order line's units back (cancellation, refund, expired payment)."""
    with transaction.atomic():
        inventory = lock_inventories([line.sku])[line.sku]
        return _move(inventory, line.quantity, reason, order_line=line, user=user, note=note)


def _whole_quantity(value, *, minimum, maximum=MAX_STOCK):
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        number = None
    if number is None or not minimum <= number <= maximum:
        raise StockError(
            _("Số lượng phải là số nguyên từ %(low)s đến %(high)s.")
            % {"low": minimum, "high": maximum}
        )
    return number


def set_stock(
    sku, quantity, *, user=None, note="", reason=MovementReason.ADJUSTMENT, expected=None
):
    """Count the shelf: the stock of ``sku`` becomes ``quantity``, logged as one movement.

    ``expected``: the stock the user saw when counting (an admin form sends it); if the
    row holds something else by now, StockChanged and nothing is set, so a form left
    open does not silently undo the sales made meanwhile.
    Returns the movement, or None when nothing changed.
    """
    quantity = _whole_quantity(quantity, minimum=0)
    if reason == MovementReason.ADJUSTMENT and not str(note).strip():
        raise StockError(_("Hãy ghi lý do điều chỉnh tồn kho."))
    with transaction.atomic():
        inventory = lock_inventories([sku])[sku]
        if expected is not None and inventory.quantity != expected:
            raise StockChanged(
                _(
                    "Tồn kho của %(sku)s vừa thay đổi từ %(expected)s thành %(now)s "
                    "(có thể do đơn hàng mới). Hãy kiểm tra rồi nhập lại."
                )
                % {"sku": sku, "expected": expected, "now": inventory.quantity}
            )
        change = quantity - inventory.quantity
        if change == 0:
            return None
        return _move(inventory, change, reason, user=user, note=str(note).strip())


def adjust_stock(sku, change, *, user=None, note=""):
    """Add (or, with a negative ``change``, remove) units by hand, with the reason."""
    change = _whole_quantity(change, minimum=-MAX_STOCK)
    if change == 0:
        raise StockError(_("Thay đổi phải khác 0."))
    if not str(note).strip():
        raise StockError(_("Hãy ghi lý do điều chỉnh tồn kho."))
    with transaction.atomic():
        inventory = lock_inventories([sku])[sku]
        if inventory.quantity + change > MAX_STOCK:
            raise StockError(_("Tồn kho vượt quá giới hạn %(max)s.") % {"max": MAX_STOCK})
        return _move(
            inventory, change, MovementReason.ADJUSTMENT, user=user, note=str(note).strip()
        )


def seed_stock(levels):
    """Initial stock for SKUs that have no inventory row yet (demo data, bulk loads).

    ``levels`` is {sku: quantity}. Existing rows are left alone, so it is idempotent.
    """
    existing = set(Inventory.objects.filter(sku__in=list(levels)).values_list("sku", flat=True))
    fresh = [Inventory(sku=sku, quantity=qty) for sku, qty in levels.items() if sku not in existing]
    Inventory.objects.bulk_create(fresh, batch_size=1000)
    page_cache.bump_after_commit(page_cache.CONTENT)
    created = Inventory.objects.filter(sku__in=[row.sku for row in fresh])
    StockMovement.objects.bulk_create(
        [
            StockMovement(
                inventory=row,
                change=row.quantity,
                quantity_after=row.quantity,
                reason=MovementReason.INITIAL,
            )
            for row in created
            if row.quantity
        ],
        batch_size=1000,
    )

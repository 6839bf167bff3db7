"""What happens to an order after checkout: status changes, cancellation, look-ups.

A sub-order moves placed → confirmed → shipped → delivered (a tours-only one goes
confirmed → delivered), or is cancelled: only through these functions, each under
the sub-order's row lock, each checked against ``marketplace.permissions``.
"""

from contextlib import suppress

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from fairs.services import offers as fair_offers
from marketplace import permissions
from marketplace.models import (
    LineKind,
    MovementReason,
    Order,
    OrderLine,
    OrderStatus,
    PaymentMethod,
    PaymentStatus,
    SubOrder,
    SubOrderStatus,
)
from ocop import shared_state
from tours import services as tours

from . import inventory, payouts, stripe_payments

DEFAULT_LOOKUPS_PER_CLIENT_PER_HOUR = 10


class OrderError(Exception):
    """A refused change; ``str(error)`` is the message for the user."""


class NotAllowed(OrderError):
    pass


class OrderNotFound(OrderError):
    pass


class LookupRateLimited(OrderError):
    pass


NEXT_STATUSES = {
    SubOrderStatus.PLACED: {SubOrderStatus.CONFIRMED, SubOrderStatus.CANCELLED},
    SubOrderStatus.CONFIRMED: {
        SubOrderStatus.SHIPPED,
        SubOrderStatus.DELIVERED,
        SubOrderStatus.CANCELLED,
    },
    SubOrderStatus.SHIPPED: {SubOrderStatus.DELIVERED},
}


# Card orders whose money has not come: nothing is prepared, they can only be cancelled.
UNPAID = {PaymentStatus.PENDING, PaymentStatus.EXPIRED}


def allowed_next(sub_order):
    """The statuses this sub-order may move to next (shipping only when it has goods)."""
    statuses = set(NEXT_STATUSES.get(sub_order.status, ()))
    order = sub_order.order
    if order.payment_method == PaymentMethod.CARD and order.payment_status in UNPAID:
        statuses &= {SubOrderStatus.CANCELLED}
    if not sub_order.has_goods:
        statuses.discard(SubOrderStatus.SHIPPED)
    elif sub_order.status == SubOrderStatus.CONFIRMED:
        statuses.discard(SubOrderStatus.DELIVERED)  # goods are shipped first
    return statuses


def _locked(sub_order, user, status):
    """The sub-order under its row lock, its order's row locked first (always in that order)."""
    if not permissions.can_manage_sub_order(user, sub_order):
        raise NotAllowed(_("Bạn không có quyền với đơn này."))
    Order.objects.select_for_update().filter(pk=sub_order.order_id).first()
    locked = SubOrder.objects.select_for_update(of=("self",)).select_related("order", "producer")
    locked = locked.get(pk=sub_order.pk)
    if status not in allowed_next(locked):
        raise OrderError(
            _("Đơn đang ở trạng thái “%(current)s”: không thể chuyển sang “%(next)s”.")
            % {
                "current": locked.get_status_display(),
                "next": SubOrderStatus(status).label,
            }
        )
    return locked


def confirm(sub_order, *, user):
    with transaction.atomic():
        locked = _locked(sub_order, user, SubOrderStatus.CONFIRMED)
        locked.status = SubOrderStatus.CONFIRMED
        locked.confirmed_at = timezone.now()
        locked.save(update_fields=["status", "confirmed_at"])
        _log(locked, "confirm", user)
    return locked


def ship(sub_order, *, user, carrier, tracking_number):
    carrier, tracking_number = str(carrier or "").strip(), str(tracking_number or "").strip()
    if not carrier or not tracking_number:
        raise OrderError(_("Cần đơn vị vận chuyển và mã vận đơn."))
    if len(carrier) > 100 or len(tracking_number) > 64:
        raise OrderError(_("Đơn vị vận chuyển hoặc mã vận đơn quá dài."))
    with transaction.atomic():
        locked = _locked(sub_order, user, SubOrderStatus.SHIPPED)
        locked.status = SubOrderStatus.SHIPPED
        locked.carrier, locked.tracking_number = carrier, tracking_number
        locked.shipped_at = timezone.now()
        locked.save(update_fields=["status", "carrier", "tracking_number", "shipped_at"])
        _log(locked, "ship", user, carrier=carrier, tracking_number=tracking_number)
    transaction.on_commit(lambda: _send_later("send_sub_order_shipped", locked.pk), robust=True)
    return locked


def deliver(sub_order, *, user):
    with transaction.atomic():
        locked = _locked(sub_order, user, SubOrderStatus.DELIVERED)
        locked.status = SubOrderStatus.DELIVERED
        locked.delivered_at = timezone.now()
        locked.save(update_fields=["status", "delivered_at"])
        payouts.cash_collected(locked)  # cash on delivery: the money is in
        _log(locked, "deliver", user)
    return locked


def cancel(sub_order, *, user, reason):
    """Cancel a sub-order: its stock goes back, its bookings are cancelled, the shopper told.

    A sub-order paid by card is refunded: exactly its total goes back through Stripe
    (a partial refund of the order's PaymentIntent) and it ends ``refunded``.
    """
    reason = str(reason or "").strip()
    if not reason:
        raise OrderError(_("Hãy ghi lý do hủy đơn."))
    if len(reason) > 255:
        raise OrderError(_("Lý do hủy quá dài (tối đa 255 ký tự)."))
    with transaction.atomic():
        locked = _locked(sub_order, user, SubOrderStatus.CANCELLED)
        refund = None
        if locked.order.payment_method == PaymentMethod.CARD and locked.order.paid_at:
            refund = stripe_payments.refund_sub_order(locked.order, locked, user=user)
        lock_stock_and_seats([locked])
        give_back(
            locked,
            MovementReason.REFUND if refund else MovementReason.CANCELLATION,
            user=user,
            note=reason,
        )
        locked.status = SubOrderStatus.REFUNDED if refund else SubOrderStatus.CANCELLED
        locked.cancel_reason = reason
        locked.cancelled_at = timezone.now()
        locked.save(update_fields=["status", "cancel_reason", "cancelled_at"])
        _log(locked, "cancel", user, reason=reason)
        _close_order_if_all_cancelled(locked.order_id)
    transaction.on_commit(lambda: _send_later("send_sub_order_cancelled", locked.pk), robust=True)
    return locked


def _log(sub_order, action, user, **data):
    """Who moved the sub-order on (Wagtail's log: the admin's history shows it)."""
    log(
        instance=sub_order,
        action=f"marketplace.sub_order.{action}",
        user=user if user is not None and user.is_authenticated else None,
        data=data,
    )


def give_back(sub_order, reason, *, user=None, note=""):
    """Under the sub-order's lock: return its units to stock and cancel its bookings."""
    now = timezone.now()
    for line in sub_order.lines.order_by("pk"):
        if line.kind == LineKind.PRODUCT:
            inventory.return_for_order_line(line, reason, user=user, note=note)
            if line.offer_id:  # a cancelled sale no longer counts against the offer's limit
                fair_offers.give_back(line.offer_id, line.quantity)
        elif line.booking_id:
            with suppress(tours.AlreadyCancelled):  # the visitor cancelled it already
                tours.cancel_booking(line.booking, now=now, online=False)


def lock_stock_and_seats(sub_orders):
    """Lock the inventory rows, then the offers, then the departures, of these sub-orders,
    each in primary-key order.

    The same order as checkout, so giving back never deadlocks with a checkout.
    """
    lines = OrderLine.objects.filter(sub_order__in=sub_orders)
    skus = lines.filter(kind=LineKind.PRODUCT).values_list("sku", flat=True)
    inventory.lock_inventories(skus)
    fair_offers.lock_offers_by_id(
        lines.filter(offer__isnull=False).values_list("offer_id", flat=True)
    )
    departures = lines.filter(kind=LineKind.TOUR, booking__isnull=False).values_list(
        "booking__departure_id", flat=True
    )
    for departure_id in sorted(set(departures)):
        tours.lock_departure(departure_id)


def _close_order_if_all_cancelled(order_id):
    open_ = SubOrder.objects.filter(order_id=order_id).exclude(
        status__in=[SubOrderStatus.CANCELLED, SubOrderStatus.REFUNDED]
    )
    if not open_.exists():
        Order.objects.filter(pk=order_id).update(status=OrderStatus.CANCELLED)


def _send_later(task_name, sub_order_id):
    from marketplace import tasks

    getattr(tasks, task_name).delay(sub_order_id)


# --- Finding an order -------------------------------------------------------------------


def orders_with_details():
    return Order.objects.prefetch_related(
        "sub_orders__producer", "sub_orders__lines__booking__departure__tour"
    )


def find_order(token):
    return orders_with_details().filter(token=str(token)[:32]).first()


def lookups_per_client_per_hour():
    return getattr(
        settings, "ORDERS_LOOKUPS_PER_CLIENT_PER_HOUR", DEFAULT_LOOKUPS_PER_CLIENT_PER_HOUR
    )


def normalise_order_number(text):
    """'ocop 2026 123', 'OCOP-2026-000123' → 'OCOP-2026-000123'."""
    words = "".join(char if char.isalnum() else " " for char in text).split()
    parts = [word for word in words if word.upper() != "OCOP"]
    if len(parts) != 2 or not all(part.isascii() and part.isdigit() for part in parts):
        return ""
    year, serial = parts
    return f"OCOP-{year}-{int(serial):06d}" if len(serial) <= 12 else ""


def find_order_by_number(number, email, *, client):
    """The order with this number and e-mail. Wrong pairs are counted per client
    (ocop.shared_state: checked and counted in one atomic step)."""
    key = f"orders:lookups:{client}"
    if not shared_state.take(key, lookups_per_client_per_hour(), 3600):
        raise LookupRateLimited(_("Bạn đã thử quá nhiều lần. Vui lòng thử lại sau một giờ."))
    order = Order.objects.filter(
        number=normalise_order_number(str(number or "")),
        email__iexact=str(email or "").strip(),
    ).first()
    if order is None:
        raise OrderNotFound(_("Không tìm thấy đơn hàng với mã và e-mail này."))  # counted
    shared_state.give_back(key)  # a right pair costs nothing
    return order


def attach_guest_orders(user):
    """Orders placed as a guest with the user's (verified) e-mail join the account."""
    if not user.email:
        return 0
    return Order.objects.filter(user__isnull=True, email__iexact=user.email).update(user=user)

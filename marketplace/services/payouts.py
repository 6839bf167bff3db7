"""The payout ledger's rules: what each producer is owed, and what it has been paid.

When the money of a sub-order is in, the producer is owed its total (goods, delivery
fee and tour seats), less the platform's commission:

- a card order: when the payment is captured (``stripe_payments``, under the order's
  lock, in the transaction that marks the order paid), for each of its sub-orders;
- cash on delivery: when the sub-order is marked delivered (``orders.deliver``, under
  the sub-order's lock): the carrier, or the producer at the village, has collected
  the cash, and the producer or an officer confirms it by that step.

A refund of a sub-order is a negative entry, with its share of the commission given
back. Cancelling a sub-order after its money is in (a card sub-order refunded whole)
writes reversing entries of its sale and commission. Officers record payouts (a
negative entry with the bank-transfer reference) and correct a wrong payout with a
reversing entry; nothing is ever edited. Every entry has a unique ``event_key``, so
the same event never writes twice, whoever reports it and however often.

Commission: ``PLATFORM_COMMISSION_BASIS_POINTS`` (1/100 of a per cent, default 0),
applied to the sub-order's total and rounded half up to the whole đồng. The rate in
force when the money came in is kept on the sale entry and used for its refunds; the
commission given back on a refund is commission(refunded so far) − commission(refunded
before), so refunding everything gives back exactly the commission taken.
"""

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog import permissions
from marketplace.models import EntryKind, PaymentMethod, PayoutEntry

MAX_BASIS_POINTS = 10_000


class PayoutError(Exception):
    """A refused ledger operation; ``str(error)`` is the message for the user."""


class NotAllowed(PayoutError):
    pass


def commission_basis_points():
    rate = int(getattr(settings, "PLATFORM_COMMISSION_BASIS_POINTS", 0))
    if not 0 <= rate <= MAX_BASIS_POINTS:
        raise ValueError("PLATFORM_COMMISSION_BASIS_POINTS must be within 0–10000")
    return rate


def commission_on(amount, basis_points):
    """The commission on ``amount`` đồng, rounded half up to the whole đồng."""
    return (amount * basis_points + MAX_BASIS_POINTS // 2) // MAX_BASIS_POINTS


def _write(event_key, *, producer_id, kind, amount, **fields):
    """Insert the entry unless its event is already written (ON CONFLICT DO NOTHING)."""
    if amount == 0:
        return None
    entry = PayoutEntry(event_key=event_key, producer_id=producer_id, kind=kind, amount=amount)
    for name, value in fields.items():
        setattr(entry, name, value)
    PayoutEntry.objects.bulk_create([entry], ignore_conflicts=True)
    return PayoutEntry.objects.get(event_key=event_key)


def _entry(event_key):
    return PayoutEntry.objects.filter(event_key=event_key).first()


# --- Money in ----------------------------------------------------------------------------


def record_money_in(sub_order):
    """The producer is owed this sub-order's total, less commission (once, ever)."""
    rate = commission_basis_points()
    common = {"producer_id": sub_order.producer_id, "sub_order": sub_order}
    _write(
        f"sale:{sub_order.pk}",
        kind=EntryKind.SALE,
        amount=sub_order.total,
        commission_basis_points=rate,
        **common,
    )
    _write(
        f"commission:{sub_order.pk}",
        kind=EntryKind.COMMISSION,
        amount=-commission_on(sub_order.total, rate),
        commission_basis_points=rate,
        **common,
    )


def card_payment_captured(order):
    """Under the order's lock, as the order becomes paid: each sub-order's money is in."""
    for sub_order in order.sub_orders.order_by("pk"):
        record_money_in(sub_order)


def cash_collected(sub_order):
    """Under the sub-order's lock, as a cash-on-delivery sub-order is marked delivered."""
    if sub_order.order.payment_method == PaymentMethod.COD:
        record_money_in(sub_order)


# --- Refunds and cancellations -----------------------------------------------------------


def sub_order_refunded(sub_order, refund):
    """Under the sub-order's lock, after ``refund`` was added to its ``refunded_amount``."""
    sale = _entry(f"sale:{sub_order.pk}")
    if sale is None:
        return  # its money never came in: nothing was owed
    refunded_before = sub_order.refunded_amount - refund.amount
    if refunded_before == 0 and refund.amount == sale.amount:
        _cancel_after_money_in(sub_order, refund)
        return
    rate = sale.commission_basis_points or 0
    common = {"producer_id": sub_order.producer_id, "sub_order": sub_order, "refund": refund}
    _write(f"refund:{refund.pk}", kind=EntryKind.REFUND, amount=-refund.amount, **common)
    given_back = commission_on(sub_order.refunded_amount, rate) - commission_on(
        refunded_before, rate
    )
    _write(
        f"commission_back:{refund.pk}",
        kind=EntryKind.COMMISSION_BACK,
        amount=given_back,
        commission_basis_points=rate,
        **common,
    )


def _cancel_after_money_in(sub_order, refund):
    note = _("Hủy đơn sau khi đã thu tiền")
    for original in PayoutEntry.objects.filter(
        sub_order=sub_order, kind__in=[EntryKind.SALE, EntryKind.COMMISSION]
    ).order_by("pk"):
        _reverse(original, refund=refund, note=note)


def _reverse(original, *, user=None, note="", refund=None):
    return _write(
        f"reversal:{original.pk}",
        producer_id=original.producer_id,
        kind=EntryKind.REVERSAL,
        amount=-original.amount,
        reverses=original,
        sub_order_id=original.sub_order_id,
        refund=refund,
        created_by=user,
        note=note[:255],
    )


# --- Payouts -----------------------------------------------------------------------------


def balance(producer):
    return PayoutEntry.objects.filter(producer=producer).balance()


def record_payout(producer, *, amount, bank_reference, user, note=""):
    """An officer records a bank transfer to the producer (a negative entry)."""
    if not permissions.may_record_payouts(user):
        raise NotAllowed(_("Chỉ cán bộ OCOP tỉnh được ghi chuyển khoản."))
    reference = str(bank_reference or "").strip()
    if not reference or len(reference) > 64:
        raise PayoutError(_("Hãy ghi mã chuyển khoản ngân hàng (tối đa 64 ký tự)."))
    if not isinstance(amount, int) or amount <= 0:
        raise PayoutError(_("Số tiền phải là số đồng dương."))
    from catalog.models import Producer

    with transaction.atomic():
        Producer.objects.select_for_update().filter(pk=producer.pk).first()
        key = f"payout:{producer.pk}:{reference.casefold()}"
        if _entry(key) is not None:
            raise PayoutError(_("Chuyển khoản với mã này đã được ghi."))
        if amount > balance(producer):
            raise PayoutError(_("Số tiền lớn hơn số sàn đang nợ chủ thể."))
        return _write(
            key,
            producer_id=producer.pk,
            kind=EntryKind.PAYOUT,
            amount=-amount,
            bank_reference=reference,
            created_by=user,
            note=str(note or "").strip()[:255],
        )


def reverse_payout(entry, *, user, reason):
    """Correct a wrongly recorded payout: its exact opposite, once."""
    if not permissions.may_record_payouts(user):
        raise NotAllowed(_("Chỉ cán bộ OCOP tỉnh được đảo bút toán."))
    reason = str(reason or "").strip()
    if not reason:
        raise PayoutError(_("Hãy ghi lý do đảo bút toán."))
    if entry.kind != EntryKind.PAYOUT:
        raise PayoutError(_("Chỉ đảo được bút toán chuyển khoản."))
    with transaction.atomic():
        if _entry(f"reversal:{entry.pk}") is not None:
            raise PayoutError(_("Bút toán này đã được đảo."))
        return _reverse(entry, user=user, note=reason)


# --- Reading -----------------------------------------------------------------------------


def ledgers_for(user):
    """The producers whose ledger the user may read, each with its ``balance``.

    The balances come from one aggregate over the ledger (grouped by producer), not a
    sub-query per producer: a producer's entries are spread over the whole table.
    """
    producers = list(permissions.ledgers_for(user).only("pk", "name").order_by("name"))
    entries = PayoutEntry.objects.order_by().values("producer_id")
    if not permissions.is_officer(user):
        entries = entries.filter(producer__in=[producer.pk for producer in producers])
    balances = dict(entries.annotate(total=Sum("amount")).values_list("producer_id", "total"))
    for producer in producers:
        producer.balance = balances.get(producer.pk, 0)
    return producers


def month_bounds(year, month):
    """[start, end) of a calendar month in local time, as aware datetimes."""
    zone = timezone.get_current_timezone()
    start = datetime.combine(date(year, month, 1), time.min, tzinfo=zone)
    last = calendar.monthrange(year, month)[1]
    end = datetime.combine(date(year, month, last), time.max, tzinfo=zone)
    return start, end


@dataclass
class Statement:
    producer: object
    year: int
    month: int
    opening: int
    entries: list
    closing: int
    totals: dict


def statement(producer, year, month):
    """A producer's monthly statement: opening balance, the month's entries, closing."""
    start, end = month_bounds(year, month)
    entries = PayoutEntry.objects.filter(producer=producer)
    opening = entries.filter(created_at__lt=start).balance()
    in_month = list(
        entries.filter(created_at__gte=start, created_at__lte=end)
        .select_related("sub_order__order", "refund", "reverses")
        .order_by("created_at", "pk")
    )
    running = opening
    for entry in in_month:
        running += entry.amount
        entry.running_balance = running
    totals = {
        kind: sum(entry.amount for entry in in_month if entry.kind == kind) for kind in EntryKind
    }
    return Statement(producer, year, month, opening, in_month, running, totals)

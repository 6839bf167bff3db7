"""The payout ledger: money in, commission, refunds, cancellations, payouts; append-only,
idempotent, and always balanced."""

import pytest
from django.db import IntegrityError, connection, transaction
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from marketplace.models import (
    AppendOnlyError,
    EntryKind,
    PaymentMethod,
    PayoutEntry,
    SubOrder,
)
from marketplace.services import cart, checkout, orders, payouts, stripe_payments
from tests.marketplace.builders import build_market

from .ledger import deliver, make_officer, pay_by_card, place, refund_part

pytestmark = pytest.mark.django_db


@pytest.fixture
def market(home_page, settings, monkeypatch):
    settings.STRIPE_SECRET_KEY = "sk_test_ledger"  # card offered at checkout
    monkeypatch.setattr(stripe_payments, "start", lambda order: None)  # no Stripe here
    settings.PLATFORM_COMMISSION_BASIS_POINTS = 0
    return build_market(home_page)


@pytest.fixture
def officer(market):
    return make_officer()


def entries_of(producer):
    return list(
        PayoutEntry.objects.filter(producer=producer).order_by("pk").values_list("kind", "amount")
    )


def test_cash_on_delivery_is_owed_once_delivered_less_commission(market, officer, settings):
    settings.PLATFORM_COMMISSION_BASIS_POINTS = 250  # 2.5 %
    order = place(market, rice=2, bonsai=0, adults=0)
    rice_part = order.sub_orders.get()
    assert rice_part.total == 2 * 150_000 + 30_000  # goods + delivery fee
    orders.confirm(rice_part, user=officer)
    assert entries_of(market["hai_toan"]) == []  # not collected yet
    deliver(rice_part, officer)
    # 330 000 × 2.5 % = 8 250
    assert entries_of(market["hai_toan"]) == [
        (EntryKind.SALE, 330_000),
        (EntryKind.COMMISSION, -8_250),
    ]
    assert payouts.balance(market["hai_toan"]) == 321_750


def test_commission_is_rounded_half_up_to_the_dong():
    assert payouts.commission_on(330_001, 250) == 8_250  # 8 250.025
    assert payouts.commission_on(330_020, 250) == 8_251  # 8 250.5 → up
    assert payouts.commission_on(99, 0) == 0


def test_card_payment_owes_each_producer_its_sub_order(market, officer):
    order = place(market, payment="card", rice=1, bonsai=1, adults=2)
    assert entries_of(market["vi_khe"]) == []
    assert pay_by_card(order) == "paid"
    rice = order.sub_orders.get(producer=market["hai_toan"])
    vi_khe = order.sub_orders.get(producer=market["vi_khe"])
    assert entries_of(market["hai_toan"]) == [(EntryKind.SALE, rice.total)]
    assert entries_of(market["vi_khe"]) == [(EntryKind.SALE, vi_khe.total)]
    # Delivering a card sub-order later owes nothing more.
    deliver(rice, officer)
    assert payouts.balance(market["hai_toan"]) == rice.total


def test_the_same_payment_reported_twice_writes_once(market):
    order = place(market, payment="card", rice=1, bonsai=0, adults=0)
    pay_by_card(order)
    payment = order.payments.get()
    stripe_payments.apply_intent(
        {
            "id": payment.intent_id,
            "status": "succeeded",
            "amount_received": order.total,
            "currency": "vnd",
        }
    )
    sub_order = order.sub_orders.get()
    payouts.record_money_in(sub_order)  # and once more, straight
    assert entries_of(market["hai_toan"]) == [(EntryKind.SALE, sub_order.total)]


def test_cancelling_after_money_in_writes_reversing_entries(market, officer, settings):
    settings.PLATFORM_COMMISSION_BASIS_POINTS = 1_000  # 10 %
    order = place(market, payment="card", rice=1, bonsai=1, adults=0)
    pay_by_card(order)
    rice = order.sub_orders.get(producer=market["hai_toan"])
    orders.cancel(rice, user=officer, reason="Hết hàng")
    entries = list(PayoutEntry.objects.filter(producer=market["hai_toan"]).order_by("pk"))
    kinds = [(entry.kind, entry.amount) for entry in entries]
    assert kinds == [
        (EntryKind.SALE, 180_000),
        (EntryKind.COMMISSION, -18_000),
        (EntryKind.REVERSAL, -180_000),
        (EntryKind.REVERSAL, 18_000),
    ]
    assert entries[2].reverses == entries[0] and entries[3].reverses == entries[1]
    assert payouts.balance(market["hai_toan"]) == 0
    # The other producer keeps its money.
    assert payouts.balance(market["vi_khe"]) > 0


def test_partial_refund_is_a_negative_entry_with_its_commission_back(market, officer, settings):
    settings.PLATFORM_COMMISSION_BASIS_POINTS = 250
    order = place(market, payment="card", rice=2, bonsai=0, adults=0)
    pay_by_card(order)
    rice = order.sub_orders.get()  # 330 000, commission 8 250
    refund = refund_part(rice, 100_001, officer)
    assert refund.amount == 100_001
    assert entries_of(market["hai_toan"])[2:] == [
        (EntryKind.REFUND, -100_001),
        (EntryKind.COMMISSION_BACK, 2_500),  # 2 500.025 → 2 500
    ]
    orders.cancel(SubOrder.objects.get(pk=rice.pk), user=officer, reason="Khách trả hàng")
    # The rest goes back, and with it the rest of the commission: the balance is 0.
    assert entries_of(market["hai_toan"])[4:] == [
        (EntryKind.REFUND, -229_999),
        (EntryKind.COMMISSION_BACK, 5_750),
    ]
    assert payouts.balance(market["hai_toan"]) == 0


def test_a_sub_order_cancelled_before_the_payment_arrived_nets_to_zero(market, officer):
    order = place(market, payment="card", rice=1, bonsai=1, adults=0)
    rice = order.sub_orders.get(producer=market["hai_toan"])
    orders.cancel(rice, user=officer, reason="Khách đổi ý")
    pay_by_card(order)  # its share is refunded as the payment arrives
    assert payouts.balance(market["hai_toan"]) == 0
    assert [kind for kind, _ in entries_of(market["hai_toan"])] == [
        EntryKind.SALE,
        EntryKind.REVERSAL,
    ]


def test_payouts_need_an_officer_a_reference_and_money_owed(market, officer):
    order = place(market, rice=1, bonsai=0, adults=0)
    deliver(order.sub_orders.get(), officer)
    producer = market["hai_toan"]
    owed = payouts.balance(producer)
    producer_user = make_officer("not-officer")
    producer_user.user_permissions.clear()
    producer.users.add(producer_user)
    with pytest.raises(payouts.NotAllowed):
        payouts.record_payout(producer, amount=1, bank_reference="X", user=producer_user)
    with pytest.raises(payouts.PayoutError):
        payouts.record_payout(producer, amount=1, bank_reference=" ", user=officer)
    with pytest.raises(payouts.PayoutError):
        payouts.record_payout(producer, amount=owed + 1, bank_reference="VCB1", user=officer)
    entry = payouts.record_payout(producer, amount=owed, bank_reference="VCB1", user=officer)
    assert entry.amount == -owed and entry.bank_reference == "VCB1"
    with pytest.raises(payouts.PayoutError):  # the same transfer twice
        payouts.record_payout(producer, amount=1, bank_reference="vcb1", user=officer)
    assert payouts.balance(producer) == 0
    reversal = payouts.reverse_payout(entry, user=officer, reason="Nhầm số tiền")
    assert reversal.amount == owed and reversal.reverses == entry
    with pytest.raises(payouts.PayoutError):
        payouts.reverse_payout(entry, user=officer, reason="Lần nữa")
    assert payouts.balance(producer) == owed


def test_entries_are_never_updated_or_deleted(market, officer):
    order = place(market, rice=1, bonsai=0, adults=0)
    deliver(order.sub_orders.get(), officer)
    entry = PayoutEntry.objects.get()
    entry.amount = 1
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        PayoutEntry.objects.filter(pk=entry.pk).update(amount=1)
    with pytest.raises(AppendOnlyError):
        PayoutEntry.objects.all().delete()
    # And the database refuses too, whatever the code does.
    for statement in (
        "UPDATE marketplace_payoutentry SET amount = 1",
        "DELETE FROM marketplace_payoutentry",
    ):
        with (
            pytest.raises(Exception, match="never updated or deleted"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement)
    assert PayoutEntry.objects.get().amount == entry.sub_order.total


def test_the_event_key_is_unique_in_the_database(market, officer):
    order = place(market, rice=1, bonsai=0, adults=0)
    deliver(order.sub_orders.get(), officer)
    entry = PayoutEntry.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        PayoutEntry.objects.create(
            producer=entry.producer, kind=EntryKind.SALE, amount=5, event_key=entry.event_key
        )


# --- The ledger always balances ---------------------------------------------------------


def expected_balance(producer, rate):
    """Paid sub-orders − commission − refunds − payouts, from the orders and payouts alone."""
    total = 0
    for sub_order in SubOrder.objects.filter(producer=producer).select_related("order"):
        order = sub_order.order
        money_in = (
            order.paid_at is not None
            if order.payment_method == PaymentMethod.CARD
            else sub_order.delivered_at is not None
        )
        if not money_in:
            continue
        commission = payouts.commission_on(sub_order.total, rate) - payouts.commission_on(
            sub_order.refunded_amount, rate
        )
        total += sub_order.total - sub_order.refunded_amount - commission
    paid_out = PayoutEntry.objects.filter(
        producer=producer, kind__in=[EntryKind.PAYOUT, EntryKind.REVERSAL], sub_order=None
    ).balance()
    return total + paid_out


ORDER = st.fixed_dictionaries(
    {
        "payment": st.sampled_from(["cod", "card"]),
        "rice": st.integers(0, 2),
        "bonsai": st.integers(0, 1),
        "adults": st.integers(0, 1),
        "steps": st.lists(
            st.sampled_from(
                [
                    "pay",
                    "deliver_rice",
                    "deliver_vi_khe",
                    "cancel_rice",
                    "cancel_vi_khe",
                    "part_rice",
                    "part_vi_khe",
                ]
            ),
            max_size=5,
        ),
    }
)


def place_for_steps(market, spec):
    return place(
        market,
        payment=spec["payment"],
        rice=spec["rice"],
        bonsai=spec["bonsai"],
        adults=spec["adults"],
    )


def run_steps(market, officer, spec, fraction):
    if not (spec["rice"] or spec["bonsai"] or spec["adults"]):
        return
    try:
        order = place_for_steps(market, spec)
    except (cart.CartError, checkout.CheckoutRefused):
        return  # stock or seats ran out over the earlier orders: nothing to place
    for step in spec["steps"]:
        if step == "pay":
            if order.payment_method == PaymentMethod.CARD and order.paid_at is None:
                pay_by_card(order)
            order.refresh_from_db()
            continue
        action, who = step.split("_", 1)
        producer = market["hai_toan"] if who == "rice" else market["vi_khe"]
        sub_order = order.sub_orders.filter(producer=producer).first()
        if sub_order is None:
            continue
        try:
            if action == "deliver":
                deliver(sub_order, officer)
            elif action == "cancel":
                orders.cancel(sub_order, user=officer, reason="Thử")
            elif order.paid_at:  # a partial refund, only of money that came by card
                refund_part(sub_order, max(1, int(sub_order.total * fraction)), officer)
        except orders.OrderError:
            pass  # a step the sub-order's state refuses


@hypothesis_settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    specs=st.lists(ORDER, min_size=1, max_size=4),
    rate=st.sampled_from([0, 250, 333, 1_000]),
    fraction=st.floats(0.01, 0.9),
    payout_share=st.floats(0, 1),
)
def test_the_ledger_always_balances(market, officer, settings, specs, rate, fraction, payout_share):
    settings.PLATFORM_COMMISSION_BASIS_POINTS = rate
    with transaction.atomic():
        for spec in specs:
            run_steps(market, officer, spec, fraction)
        for index, producer in enumerate((market["hai_toan"], market["vi_khe"])):
            amount = int(payouts.balance(producer) * payout_share)
            if amount > 0:
                payouts.record_payout(
                    producer, amount=amount, bank_reference=f"CK{index}", user=officer
                )
        for producer in (market["hai_toan"], market["vi_khe"]):
            assert payouts.balance(producer) == expected_balance(producer, rate)
            assert payouts.balance(producer) >= 0
        transaction.set_rollback(True)  # the next example starts from the same market

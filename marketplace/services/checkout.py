"""Checkout: the cart becomes one order, split per producer, in one transaction.

Placing the order locks every inventory row and departure it reads, in
primary-key order (inventory first, then departures, the same in every
checkout), re-checks each line under those locks, and only then takes the stock
and turns the seats into bookings. If any line fails, nothing is taken and the
refusal names each failing line with its reason.
"""

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog import places
from cms.formatting import format_vnd
from fairs.services import offers as fair_offers
from marketplace.models import (
    LineKind,
    Order,
    OrderLine,
    PaymentMethod,
    PaymentStatus,
    SubOrder,
)
from tours import services as tours
from tours.models import Departure, HoldStatus, SeatHold

from . import cart as carts
from . import delivery, inventory, pricing, sale_checks

MAX_NAME = 150
MAX_STREET = 255
# A Vietnamese number: mobile 0[35789]xxxxxxxx or landline 02xxxxxxxxx, or the same with +84.
PHONE_PATTERN = re.compile(r"(?:\+84|84|0)([35789]\d{8}|2\d{9})")
PHONE_SEPARATORS = re.compile(r"[\s.\-()]")


class CheckoutError(Exception):
    """Refused details: ``errors`` maps a field name to its message."""

    def __init__(self, errors):
        super().__init__("; ".join(f"{key}: {value}" for key, value in errors.items()))
        self.errors = errors


class CheckoutRefused(Exception):
    """Lines without stock or seats (or no longer for sale, or whose offer price ran out):
    nothing was taken.

    ``failures`` is a list of (line id, line name, reason); ``repriced`` the ids of the
    lines refused because their offer sold out (they now cost the price named).
    """

    def __init__(self, failures, repriced=()):
        super().__init__("; ".join(f"{name}: {reason}" for _id, name, reason in failures))
        self.failures = failures
        self.repriced = list(repriced)


class EmptyCart(CheckoutError):
    def __init__(self):
        super().__init__({"cart": _("Giỏ hàng đang trống.")})


@dataclass
class Address:
    province: object = None
    ward: object = None
    street: str = ""


@dataclass
class Details:
    name: str = ""
    phone: str = ""
    email: str = ""
    province: object = None  # code, as typed or chosen
    ward: object = None
    street: str = ""
    payment: str = PaymentMethod.COD
    notes: str = ""


@dataclass
class CheckedDetails:
    name: str
    phone: str
    email: str
    address: Address = field(default_factory=Address)
    payment: str = PaymentMethod.COD
    notes: str = ""


def normalise_phone(text):
    """'+84 912.345.678' → '0912345678'; None when it is not a Vietnamese number."""
    compact = PHONE_SEPARATORS.sub("", str(text or ""))
    match = PHONE_PATTERN.fullmatch(compact)
    return f"0{match.group(1)}" if match else None


def _code(value):
    if isinstance(value, bool):
        return None
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 1_000_000 else None


def check_address(province, ward, street):
    """(Address, errors): a province of today's 34, one of its wards, a street."""
    errors = {}
    province_unit = places.province_by_code(_code(province)) if _code(province) else None
    if province_unit is None:
        errors["province"] = _("Chọn tỉnh/thành phố nhận hàng.")
    ward_unit = places.ward_by_code(_code(ward)) if _code(ward) else None
    if ward_unit is None:
        errors["ward"] = _("Chọn xã/phường nhận hàng.")
    elif province_unit is not None and int(ward_unit.province_code) != province_unit.code.value:
        errors["ward"] = _("Xã/phường này không thuộc tỉnh/thành phố đã chọn.")
    street = str(street or "").strip()
    if not street:
        errors["street"] = _("Ghi số nhà, tên đường hoặc thôn/xóm.")
    elif len(street) > MAX_STREET:
        errors["street"] = _("Địa chỉ quá dài (tối đa %(max)s ký tự).") % {"max": MAX_STREET}
    return Address(province_unit, ward_unit, street), errors


def available_payment_methods():
    from marketplace.services import payments

    return payments.available_methods()


def check_details(details, *, needs_address):
    """The shopper's details, cleaned; CheckoutError naming each wrong field."""
    errors = {}
    name = str(details.name or "").strip()
    if not name:
        errors["name"] = _("Cần họ và tên người nhận.")
    elif len(name) > MAX_NAME:
        errors["name"] = _("Họ tên quá dài (tối đa %(max)s ký tự).") % {"max": MAX_NAME}
    phone = normalise_phone(details.phone)
    if phone is None:
        errors["phone"] = _("Số điện thoại Việt Nam gồm 10 chữ số, ví dụ 0912 345 678.")
    email = str(details.email or "").strip()
    try:
        validate_email(email)
        if len(email) > 254:
            raise ValidationError("too long")
    except ValidationError:
        errors["email"] = _("Địa chỉ e-mail không hợp lệ.")
    address = Address()
    if needs_address:
        address, address_errors = check_address(details.province, details.ward, details.street)
        errors.update(address_errors)
    if details.payment not in available_payment_methods():
        errors["payment"] = _("Chọn một cách thanh toán có trên trang.")
    notes = str(details.notes or "").strip()
    if len(notes) > 1000:
        errors["notes"] = _("Ghi chú quá dài (tối đa 1000 ký tự).")
    if errors:
        raise CheckoutError(errors)
    return CheckedDetails(name, phone, email, address, details.payment, notes)


# --- Placing the order ---------------------------------------------------------------


def place_order(session, details, *, user=None, language="vi", now=None):
    """Turn the session's cart into an order. Returns the Order; the cart is emptied.

    Raises EmptyCart or CheckoutError (bad details, nothing locked) and
    CheckoutRefused (lines without stock or seats; nothing taken).
    """
    stored = carts.read_cart(session)
    if not stored:
        raise EmptyCart()
    checked = check_details(details, needs_address=bool(stored.variants))
    now = now or timezone.now()
    try:
        with transaction.atomic():
            plan = _locked_plan(stored, carts.quoted_prices(session), now)
            if plan.failures:
                raise CheckoutRefused(plan.failures, plan.repriced)
            order = _create_order(plan, checked, user, language, now)
    except CheckoutRefused as refusal:
        # The refusal named the new prices: the next attempt buys at them.
        carts.forget_quotes(session, refusal.repriced)
        raise
    carts.clear_cart(session)
    if order.payment_method == PaymentMethod.CARD:
        # The stock and seats are kept; Stripe is called only now, no row locked.
        # The e-mails wait for the payment (stripe_payments.apply_intent).
        from . import stripe_payments

        stripe_payments.start(order)
    else:
        transaction.on_commit(lambda: _notify_later(order.pk), robust=True)
    return order


@dataclass
class Plan:
    """What the locked rows allow: lines ready to be written, or the failures."""

    product_lines: list = field(default_factory=list)  # (variant, quantity, Price, Inventory)
    tour_lines: list = field(default_factory=list)  # (departure, adults, children)
    failures: list = field(default_factory=list)
    repriced: list = field(default_factory=list)  # line ids whose offer price ran out


def _locked_plan(stored, quotes, now):
    plan = Plan()
    found = {
        variant.pk: variant
        for variant in sale_checks.variants().filter(pk__in=stored.variants).order_by("pk")
    }
    for variant_id in stored.variants:
        if variant_id not in found:
            plan.failures.append((f"v{variant_id}", "?", _("Phân loại này không còn trên sàn.")))
    skus = [variant.sku for variant in found.values()]
    rows = inventory.lock_inventories(skus)
    offers = fair_offers.lock_offers(skus, now)  # after the inventory, before the departures
    for variant in found.values():
        quantity = stored.variants[variant.pk]
        row = rows[variant.sku]
        problem = sale_checks.variant_problem(variant) or sale_checks.stock_problem(
            variant, quantity, row.quantity
        )
        if problem:
            plan.failures.append((f"v{variant.pk}", _line_name(variant), problem))
            continue
        price = pricing.variant_price(
            variant, now, quantity=quantity, offers=offers.get(variant.sku, [])
        )
        quoted = quotes.get(f"v{variant.pk}")
        if quoted is not None and price.amount > quoted:
            plan.failures.append((f"v{variant.pk}", _line_name(variant), _offer_ran_out(price)))
            plan.repriced.append(f"v{variant.pk}")
            continue
        plan.product_lines.append((variant, quantity, price, row))
    _plan_tours(stored, now, plan)
    return plan


def _offer_ran_out(price):
    return _(
        "Giá ưu đãi không còn (đã hết suất hoặc hết giờ). Giá hiện nay là %(price)s "
        "một sản phẩm; chưa có gì được đặt. Xem lại giỏ hàng rồi đặt lại nếu vẫn muốn mua."
    ) % {"price": format_vnd(price.amount)}


def _line_name(variant):
    return f"{variant.page.title} – {variant.label}"


def _plan_tours(stored, now, plan):
    if not stored.departures:
        return
    locked = list(
        Departure.objects.select_for_update(of=("self",))
        .filter(pk__in=stored.departures)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    # Seats counted in a statement after the locks (see tours.services.seats_left).
    departures = {
        departure.pk: departure
        for departure in Departure.objects.with_seats(now)
        .select_related("tour__operator")
        .filter(pk__in=locked)
    }
    public = set(tours.public_tours().values_list("pk", flat=True))
    for departure_id, (adults, children) in stored.departures.items():
        departure = departures.get(departure_id)
        if departure is None:
            plan.failures.append((f"d{departure_id}", "?", _("Không tìm thấy lịch khởi hành này.")))
            continue
        problem = sale_checks.seats_problem(departure, adults, children, public)
        if problem:
            plan.failures.append((f"d{departure_id}", str(departure), problem))
        else:
            plan.tour_lines.append((departure, adults, children))


def _create_order(plan, checked, user, language, now):
    address = checked.address
    order = Order.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        contact_name=checked.name,
        phone=checked.phone,
        email=checked.email,
        province_code=address.province.code.value if address.province else None,
        province_name=address.province.name if address.province else "",
        ward_code=int(address.ward.code) if address.ward else None,
        ward_name=address.ward.name if address.ward else "",
        street=address.street,
        payment_method=checked.payment,
        payment_status=(
            PaymentStatus.PENDING
            if checked.payment == PaymentMethod.CARD
            else PaymentStatus.ON_DELIVERY
        ),
        language=(language or "vi")[:8],
        payment_due_at=payment_due(now) if checked.payment == PaymentMethod.CARD else None,
    )
    order.number = f"OCOP-{timezone.localdate(now).year}-{order.pk:06d}"
    sub_orders = {}

    def sub_order_of(producer):
        if producer.pk not in sub_orders:
            sub_orders[producer.pk] = SubOrder.objects.create(order=order, producer=producer)
        return sub_orders[producer.pk]

    for variant, quantity, price, row in plan.product_lines:
        sub_order = sub_order_of(variant.page.product.producer)
        line = OrderLine.objects.create(
            sub_order=sub_order,
            kind=LineKind.PRODUCT,
            variant_id=variant.pk,
            sku=variant.sku,
            name=variant.page.title[:255],
            detail=variant.label,
            unit_price=price.amount,
            quantity=quantity,
            total=price.amount * quantity,
            price_source=price.source,
            offer=price.offer,
            offer_label=price.offer.display_label[:150] if price.offer else "",
        )
        inventory.take_for_order_line(row, line)
        if price.offer is not None:
            fair_offers.take(price.offer, quantity)  # locked in _locked_plan
        sub_order.goods_total += line.total
    for departure, adults, children in plan.tour_lines:
        booking = _book(departure, adults, children, checked, order.language, now)
        sub_order = sub_order_of(departure.tour.operator)
        OrderLine.objects.create(
            sub_order=sub_order,
            kind=LineKind.TOUR,
            booking=booking,
            name=departure.tour.title[:255],
            detail=_seats_detail(departure, adults, children),
            unit_price=booking.price_adult,
            quantity=adults + children,
            total=booking.amount,
        )
        sub_order.tours_total += booking.amount
    _total_up(order, sub_orders.values())
    return order


def payment_due(now):
    from . import stripe_payments

    return stripe_payments.payment_due(now)


def _seats_detail(departure, adults, children):
    local = timezone.localtime(departure.starts_at)
    return _("%(when)s · %(adults)s người lớn, %(children)s trẻ em") % {
        "when": local.strftime("%H:%M %d/%m/%Y"),
        "adults": adults,
        "children": children,
    }


def _book(departure, adults, children, checked, language, now):
    """Under the departure's lock: the seats become a confirmed booking (via a used-up hold)."""
    adult_price, child_price, amount = pricing.seats_price(departure, adults, children)
    hold = SeatHold.objects.create(
        departure=departure,
        adults=adults,
        children=children,
        price_adult=adult_price,
        price_child=child_price,
        amount=amount,
        status=HoldStatus.CONFIRMED,
        expires_at=now,
        client="checkout",
    )
    contact = tours.Contact(checked.name, checked.phone, checked.email, checked.notes)
    return tours.create_booking(departure, hold, contact, language)


def _total_up(order, sub_orders):
    producers = [sub_order.producer for sub_order in sub_orders]
    terms = delivery.terms_for(producers)
    for sub_order in sub_orders:
        sub_order.delivery_fee = delivery.delivery_fee(
            terms[sub_order.producer_id], sub_order.goods_total
        )
        sub_order.total = sub_order.goods_total + sub_order.delivery_fee + sub_order.tours_total
        sub_order.save(update_fields=["goods_total", "tours_total", "delivery_fee", "total"])
        order.goods_total += sub_order.goods_total
        order.delivery_total += sub_order.delivery_fee
        order.tours_total += sub_order.tours_total
    order.total = order.goods_total + order.delivery_total + order.tours_total
    order.save(update_fields=["number", "goods_total", "delivery_total", "tours_total", "total"])


def _notify_later(order_id):
    from marketplace.tasks import send_order_placed

    send_order_placed.delay(order_id)

"""The shopping cart, kept in the session: product variants and tour seats.

Every rule about what may go into the cart lives here; views and the JSON API
only pass the shopper's input and show the outcome. A variant may be added only
when its product is purchasable (the catalogue's one sale rule), the variant is on
sale and the quantity is within the stock. Seats may be added only on a departure
that can be booked now, within the tour's group size and the seats left. Nothing
is reserved by the cart: checkout takes stock and seats under row locks.

Session format: ``{"v<variant id>": quantity, "d<departure id>": [adults, children]}``.
The same keys are the cart lines' ids in the JSON API.
"""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from catalog.models import ProductVariant
from catalog.rules import NotSellable
from tours import services as tours
from tours.models import Departure

from . import delivery, pricing

CART_SESSION_KEY = "cart"
MAX_QUANTITY = 999  # per line: a shop order, not a wholesale one


class CartError(Exception):
    """A refused cart change. ``str(error)`` is the message for the shopper."""

    status = 400


class NotEnoughStock(CartError):
    """Valid request, but the stock or seats are not there (the API answers 409)."""

    status = 409


class UnknownLine(CartError):
    status = 404


# --- What the session holds -------------------------------------------------------


@dataclass
class StoredCart:
    variants: dict = field(default_factory=dict)  # variant id → quantity
    departures: dict = field(default_factory=dict)  # departure id → (adults, children)

    def __bool__(self):
        return bool(self.variants or self.departures)


def _positive_id(text):
    number = int(text)
    if number <= 0:
        raise ValueError(text)
    return number


def read_cart(session):
    """What the session's cart holds. Entries that are not whole positive numbers (a
    session written by an older version, or tampered with) are dropped rather than
    breaking every cart page."""
    stored = session.get(CART_SESSION_KEY)
    cart = StoredCart()
    if not isinstance(stored, dict):
        return cart
    for key, value in stored.items():
        try:
            if isinstance(key, str) and key.startswith("d"):
                adults, children = (int(count) for count in value)
                if adults >= 1 and children >= 0:
                    cart.departures[_positive_id(key[1:])] = (adults, children)
                continue
            variant_id = _positive_id(key[1:] if str(key).startswith("v") else key)
            quantity = int(value)
        except (TypeError, ValueError):
            continue
        if quantity > 0:
            cart.variants[variant_id] = min(quantity, MAX_QUANTITY)
    return cart


def save_cart(session, cart):
    stored = {f"v{key}": value for key, value in cart.variants.items()}
    stored.update({f"d{key}": list(value) for key, value in cart.departures.items()})
    session[CART_SESSION_KEY] = stored


def clear_cart(session):
    session[CART_SESSION_KEY] = {}


def _whole_number(value, minimum, maximum=MAX_QUANTITY):
    if isinstance(value, bool):
        value = None
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        number = None
    if number is None or number < minimum:
        raise CartError(_("Số lượng phải là một số nguyên dương."))
    if number > maximum:
        raise CartError(_("Mỗi dòng tối đa %(max)s sản phẩm.") % {"max": maximum})
    return number


# --- Why a product cannot be bought ---------------------------------------------


def _reason_text(reason, certification):
    """The shopper's words for a ``catalog.rules.NotSellable`` reason, with its dates."""
    if reason == NotSellable.UNCERTIFIED:
        return _("Sản phẩm chưa có chứng nhận OCOP.")
    if reason == NotSellable.REVOKED:
        return _("Chứng nhận OCOP của sản phẩm đã bị thu hồi ngày %(date)s.") % {
            "date": certification.revoked_on.strftime("%d/%m/%Y")
        }
    if reason == NotSellable.EXPIRED:
        return _("Chứng nhận OCOP của sản phẩm đã hết hiệu lực từ sau ngày %(date)s.") % {
            "date": certification.valid_until.strftime("%d/%m/%Y")
        }
    if reason == NotSellable.NOT_YET_VALID:
        return _("Chứng nhận OCOP của sản phẩm có hiệu lực từ ngày %(date)s.") % {
            "date": certification.decision_date.strftime("%d/%m/%Y")
        }
    return ngettext(
        "Sản phẩm đạt %(stars)s sao: chỉ sản phẩm từ 3 sao trở lên được công nhận OCOP.",
        "Sản phẩm đạt %(stars)s sao: chỉ sản phẩm từ 3 sao trở lên được công nhận OCOP.",
        certification.stars,
    ) % {"stars": certification.stars}


def not_for_sale(page):
    """Why the product of ``page`` cannot be bought today, or "" when it can.

    The same rule as ``ProductPage.objects.purchasable()`` (a live page and the
    catalogue's one sale rule), told reason by reason.
    """
    if not page.live:
        return _("Sản phẩm đã ngừng đăng bán trên Chợ OCOP.")
    product = page.product
    reason = product.not_sellable_reason()
    if reason is None:
        return ""
    return _reason_text(reason, product.current_certification)


def variant_problem(variant):
    """Why this variant cannot be bought at all right now (stock aside), or ""."""
    problem = not_for_sale(variant.page)
    if problem:
        return problem
    if not variant.is_active:
        return _("Phân loại này đã ngừng bán.")
    return ""


def stock_problem(variant, quantity, stock):
    if stock == 0:
        return _("Phân loại này đã hết hàng.")
    if quantity > stock:
        return ngettext("Chỉ còn %(stock)s sản phẩm.", "Chỉ còn %(stock)s sản phẩm.", stock) % {
            "stock": stock
        }
    return ""


def variants():
    return ProductVariant.objects.select_related(
        "page__product__producer", "page__product__current_certification"
    )


def _sellable_variant(variant_id):
    try:
        variant_id = int(str(variant_id).strip())
    except (TypeError, ValueError):
        variant_id = None
    variant = variants().filter(pk=variant_id).first() if variant_id else None
    if variant is None:
        raise UnknownLine(_("Không tìm thấy phân loại sản phẩm này."))
    reason = not_for_sale(variant.page)
    if reason:
        refused = _("“%(product)s” hiện không được bán.") % {"product": variant.page.title}
        raise CartError(f"{refused} {reason}")
    if not variant.is_active:
        raise CartError(
            _("Phân loại “%(label)s” của “%(product)s” đã ngừng bán.")
            % {"label": variant.label, "product": variant.page.title}
        )
    return variant


def _check_stock(variant, quantity):
    names = {"product": variant.page.title, "label": variant.label}
    if variant.stock == 0:
        raise NotEnoughStock(_("“%(product)s – %(label)s” đã hết hàng.") % names)
    if quantity > variant.stock:
        raise NotEnoughStock(
            ngettext(
                "Chỉ còn %(stock)s sản phẩm “%(product)s – %(label)s”.",
                "Chỉ còn %(stock)s sản phẩm “%(product)s – %(label)s”.",
                variant.stock,
            )
            % {"stock": variant.stock, **names}
        )


# --- Changing the products in the cart ----------------------------------------------


def add_to_cart(session, variant_id, quantity):
    """Add ``quantity`` of a variant (on top of what the cart holds). Returns (variant, total)."""
    quantity = _whole_number(quantity, minimum=1)
    variant = _sellable_variant(variant_id)
    cart = read_cart(session)
    new_quantity = cart.variants.get(variant.pk, 0) + quantity
    if new_quantity > MAX_QUANTITY:
        raise CartError(_("Mỗi dòng tối đa %(max)s sản phẩm.") % {"max": MAX_QUANTITY})
    _check_stock(variant, new_quantity)
    cart.variants[variant.pk] = new_quantity
    save_cart(session, cart)
    return variant, new_quantity


def update_cart_line(session, variant_id, quantity):
    """Set a line's quantity; 0 removes it. Returns the variant, or None when removed."""
    quantity = _whole_number(quantity, minimum=0)
    if quantity == 0:
        remove_from_cart(session, variant_id)
        return None
    variant = _sellable_variant(variant_id)
    cart = read_cart(session)
    if variant.pk not in cart.variants:
        raise UnknownLine(_("Sản phẩm này không có trong giỏ hàng."))
    _check_stock(variant, quantity)
    cart.variants[variant.pk] = quantity
    save_cart(session, cart)
    return variant


def remove_from_cart(session, variant_id):
    cart = read_cart(session)
    try:
        cart.variants.pop(int(str(variant_id).strip()), None)
    except (TypeError, ValueError) as error:
        raise UnknownLine(_("Không tìm thấy phân loại sản phẩm này.")) from error
    save_cart(session, cart)


# --- Tour seats in the cart -------------------------------------------------------------


def _seat_counts(adults, children):
    adults = _whole_number(adults, minimum=0, maximum=1000)
    children = _whole_number(children if children not in (None, "") else 0, 0, maximum=1000)
    try:
        tours.check_participants(adults, children)
    except tours.TourError as error:
        raise CartError(str(error)) from None
    return adults, children


def _bookable_departure(departure_id, adults, children):
    """The departure, checked as public, bookable now, within group size and seats left."""
    try:
        departure_id = int(str(departure_id).strip())
    except (TypeError, ValueError):
        departure_id = None
    departure = (
        Departure.objects.with_seats()
        .select_related("tour__operator")
        .filter(pk=departure_id, tour__in=tours.public_tours())
        .first()
        if departure_id
        else None
    )
    if departure is None:
        raise UnknownLine(_("Không tìm thấy lịch khởi hành này."))
    try:
        tours.check_bookable(departure, timezone.now())
        tours.check_group_size(departure.tour, adults, children)
    except tours.TourError as error:
        raise CartError(str(error)) from None
    if adults + children > departure.seats_left:
        raise NotEnoughStock(_seats_left_text(departure.seats_left))
    return departure


def _seats_left_text(seats_left):
    if seats_left == 0:
        return _("Lịch khởi hành này đã hết chỗ.")
    return ngettext(
        "Lịch khởi hành này chỉ còn %(seats)s chỗ.",
        "Lịch khởi hành này chỉ còn %(seats)s chỗ.",
        seats_left,
    ) % {"seats": seats_left}


def add_seats_to_cart(session, departure_id, adults, children=0):
    """Put a party on a departure into the cart (replacing the party already there)."""
    adults, children = _seat_counts(adults, children)
    departure = _bookable_departure(departure_id, adults, children)
    cart = read_cart(session)
    cart.departures[departure.pk] = (adults, children)
    save_cart(session, cart)
    return departure


def remove_seats_from_cart(session, departure_id):
    cart = read_cart(session)
    try:
        cart.departures.pop(int(str(departure_id).strip()), None)
    except (TypeError, ValueError) as error:
        raise UnknownLine(_("Không tìm thấy lịch khởi hành này.")) from error
    save_cart(session, cart)


# --- Lines by id (the JSON API) ---------------------------------------------------------


def parse_line_id(line_id):
    """'v12' → ("v", 12); 'd7' → ("d", 7). UnknownLine for anything else."""
    text = str(line_id)
    if len(text) < 2 or text[0] not in "vd" or not text[1:].isascii() or not text[1:].isdigit():
        raise UnknownLine(_("Không có dòng này trong giỏ hàng."))
    return text[0], int(text[1:])


def update_line(session, line_id, *, quantity=None, adults=None, children=None):
    kind, object_id = parse_line_id(line_id)
    cart = read_cart(session)
    if kind == "v":
        if object_id not in cart.variants:
            raise UnknownLine(_("Không có dòng này trong giỏ hàng."))
        update_cart_line(session, object_id, quantity)
        return
    if object_id not in cart.departures:
        raise UnknownLine(_("Không có dòng này trong giỏ hàng."))
    stored_adults, stored_children = cart.departures[object_id]
    add_seats_to_cart(
        session,
        object_id,
        stored_adults if adults is None else adults,
        stored_children if children is None else children,
    )


def remove_line(session, line_id):
    kind, object_id = parse_line_id(line_id)
    cart = read_cart(session)
    held = cart.variants if kind == "v" else cart.departures
    if held.pop(object_id, None) is None:
        raise UnknownLine(_("Không có dòng này trong giỏ hàng."))
    save_cart(session, cart)


# --- The cart as shown --------------------------------------------------------------


@dataclass
class ProductLine:
    variant: ProductVariant
    quantity: int
    unit_price: int = 0
    price_source: str = pricing.LIST_PRICE
    problem: str = ""  # why the line cannot be bought (left out of the totals)
    notice: str = ""  # a change the cart made to the line, e.g. quantity cut to the stock
    kind = "product"

    @property
    def id(self):
        return f"v{self.variant.pk}"

    @property
    def page(self):
        return self.variant.page

    @property
    def name(self):
        return self.variant.page.title

    @property
    def detail(self):
        return self.variant.label

    @property
    def total(self):
        return self.unit_price * self.quantity


@dataclass
class TourLine:
    departure: Departure
    adults: int
    children: int
    price_adult: int = 0
    price_child: int = 0
    total: int = 0
    problem: str = ""
    notice: str = ""
    kind = "tour"

    @property
    def id(self):
        return f"d{self.departure.pk}"

    @property
    def page(self):
        return self.departure.tour

    @property
    def name(self):
        return self.departure.tour.title

    @property
    def seats(self):
        return self.adults + self.children

    @property
    def detail(self):
        local = timezone.localtime(self.departure.starts_at)
        return _("%(when)s · %(adults)s người lớn, %(children)s trẻ em") % {
            "when": local.strftime("%H:%M %d/%m/%Y"),
            "adults": self.adults,
            "children": self.children,
        }


@dataclass
class ProducerGroup:
    producer: object
    lines: list = field(default_factory=list)
    terms: delivery.DeliveryTerms | None = None

    def _ok(self, kind):
        return [line for line in self.lines if line.kind == kind and not line.problem]

    @property
    def goods_subtotal(self):
        return sum(line.total for line in self._ok("product"))

    @property
    def tours_subtotal(self):
        return sum(line.total for line in self._ok("tour"))

    @property
    def subtotal(self):
        return self.goods_subtotal + self.tours_subtotal

    @property
    def delivery_fee(self):
        return delivery.delivery_fee(self.terms, self.goods_subtotal) if self.terms else 0

    @property
    def total(self):
        return self.subtotal + self.delivery_fee

    @property
    def free_delivery_gap(self):
        """How much more to spend here for free delivery, when a fee is charged."""
        if not self.delivery_fee or self.terms.free_threshold is None:
            return 0
        return self.terms.free_threshold - self.goods_subtotal


@dataclass
class Cart:
    groups: list

    @property
    def lines(self):
        return [line for group in self.groups for line in group.lines]

    @property
    def buyable_lines(self):
        return [line for line in self.lines if not line.problem]

    @property
    def subtotal(self):
        return sum(group.subtotal for group in self.groups)

    @property
    def delivery_total(self):
        return sum(group.delivery_fee for group in self.groups)

    @property
    def total(self):
        return sum(group.total for group in self.groups)

    @property
    def item_count(self):
        return sum(
            line.quantity if line.kind == "product" else line.seats for line in self.buyable_lines
        )

    @property
    def has_problems(self):
        return any(line.problem for line in self.lines)

    @property
    def has_goods(self):
        return any(line.kind == "product" for line in self.buyable_lines)


def view_cart(session):
    """The cart as lines grouped by producer, each flagged when it can no longer be bought.

    Lines with a problem (product no longer for sale, with the reason; variant withdrawn
    or sold out; departure full or past) are shown but left out of the totals. A line
    asking for more than the stock is cut to the stock, and says so. A constant number
    of queries whatever the cart holds.
    """
    stored = read_cart(session)
    if not stored:
        return Cart(groups=[])
    groups = {}
    for line in _product_lines(stored) + _tour_lines(stored):
        producer = _producer_of(line)
        groups.setdefault(producer.pk, ProducerGroup(producer=producer)).lines.append(line)
    terms = delivery.terms_for([group.producer for group in groups.values()])
    for producer_id, group in groups.items():
        group.terms = terms[producer_id]
    kept = StoredCart(
        variants={line.variant.pk: line.quantity for line in _lines(groups, "product")},
        departures={
            line.departure.pk: (line.adults, line.children) for line in _lines(groups, "tour")
        },
    )
    if kept != stored:
        save_cart(session, kept)
    ordered = sorted(groups.values(), key=lambda group: (group.producer.name, group.producer.pk))
    return Cart(groups=ordered)


def _lines(groups, kind):
    return [line for group in groups.values() for line in group.lines if line.kind == kind]


def _producer_of(line):
    if line.kind == "product":
        return line.variant.page.product.producer
    return line.departure.tour.operator


def _product_lines(stored):
    found = list(
        variants().filter(pk__in=stored.variants).order_by("page__title", "sort_order", "pk")
    )
    from catalog.models.pages import stock_of_skus

    levels = stock_of_skus(variant.sku for variant in found)
    lines = []
    for variant in found:
        variant.stock_on_hand = levels.get(variant.sku, 0)
        lines.append(_product_line(variant, stored.variants[variant.pk]))
    return lines


def _product_line(variant, quantity):
    price = pricing.variant_price(variant)
    line = ProductLine(variant, quantity, unit_price=price.amount, price_source=price.source)
    line.problem = variant_problem(variant)
    if line.problem:
        return line
    if variant.stock == 0:
        line.problem = stock_problem(variant, quantity, 0)
    elif quantity > variant.stock:
        line.notice = _(
            "Chỉ còn %(stock)s sản phẩm: số lượng đã giảm từ %(asked)s xuống %(stock)s."
        ) % {"stock": variant.stock, "asked": quantity}
        line.quantity = variant.stock
    return line


def _tour_lines(stored):
    public = set(tours.public_tours().values_list("pk", flat=True))
    departures = (
        Departure.objects.with_seats()
        .filter(pk__in=stored.departures)
        .select_related("tour__operator")
        .order_by("starts_at", "pk")
    )
    lines = []
    for departure in departures:
        adults, children = stored.departures[departure.pk]
        adult_price, child_price, amount = pricing.seats_price(departure, adults, children)
        line = TourLine(departure, adults, children, adult_price, child_price, amount)
        line.problem = seats_problem(departure, adults, children, public)
        lines.append(line)
    return lines


def seats_problem(departure, adults, children, public_tour_ids):
    """Why this party cannot be booked on the departure now, or "" (needs ``with_seats()``)."""
    if departure.tour_id not in public_tour_ids:
        return _("Tour này hiện không nhận đặt chỗ.")
    try:
        tours.check_bookable(departure, timezone.now())
        tours.check_group_size(departure.tour, adults, children)
    except tours.TourError as error:
        return str(error)
    if adults + children > departure.seats_left:
        return _seats_left_text(departure.seats_left)
    return ""

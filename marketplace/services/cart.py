"""The shopping cart, kept in the session: product variants and tour seats.

Every rule about what may go into the cart lives here (with the refusal texts in
``sale_checks``; the cart as shown is ``cart_view``); views and the JSON API
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

from tours import services as tours
from tours.models import Departure

from .sale_checks import not_for_sale, seats_left_text, variants

CART_SESSION_KEY = "cart"
# {line id: unit price} of the lines the shopper was last shown at an offer price.
QUOTES_SESSION_KEY = "cart_offer_quotes"
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
    session[QUOTES_SESSION_KEY] = {}


def quoted_prices(session):
    """{line id: unit price} last shown at an offer price (see cart_view)."""
    quotes = session.get(QUOTES_SESSION_KEY)
    if not isinstance(quotes, dict):
        return {}
    return {key: value for key, value in quotes.items() if isinstance(value, int)}


def forget_quotes(session, line_ids):
    quotes = quoted_prices(session)
    for line_id in line_ids:
        quotes.pop(line_id, None)
    session[QUOTES_SESSION_KEY] = quotes


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
        raise NotEnoughStock(seats_left_text(departure.seats_left))
    return departure


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

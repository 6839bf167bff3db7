"""The shopping cart: product variants kept in the session (variant id → quantity).

Checkout, payment and stock holds build on this later. Every rule about what may go
into the cart lives here; views only pass the shopper's input and show the outcome.
A variant may be added only when its product is purchasable (the catalogue's one
visibility rule, ``ProductPage.objects.purchasable``), the variant is on sale, and the
quantity is a whole number within the stock.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from catalog.models import ProductVariant
from catalog.rules import NotSellable

CART_SESSION_KEY = "cart"


class CartError(Exception):
    """A refused cart change. ``str(error)`` is the message for the shopper."""


@dataclass
class CartLine:
    variant: ProductVariant
    quantity: int
    problem: str = ""  # why the line cannot be bought (left out of the totals)
    notice: str = ""  # a change the cart made to the line, e.g. quantity cut to the stock

    @property
    def page(self):
        return self.variant.page

    @property
    def unit_price(self):
        return self.variant.price

    @property
    def total(self):
        return self.variant.price * self.quantity


@dataclass
class ProducerGroup:
    producer: object
    lines: list = field(default_factory=list)

    @property
    def subtotal(self):
        return sum(line.total for line in self.lines if not line.problem)


@dataclass
class Cart:
    groups: list

    @property
    def lines(self):
        return [line for group in self.groups for line in group.lines]

    @property
    def total(self):
        return sum(group.subtotal for group in self.groups)

    @property
    def item_count(self):
        return sum(line.quantity for line in self.lines if not line.problem)

    @property
    def has_problems(self):
        return any(line.problem for line in self.lines)


def read_cart(session):
    """The cart's contents as {variant id: quantity}.

    Entries that are not whole positive numbers (a session written by an older
    version, or tampered with) are dropped rather than breaking every cart page.
    """
    stored = session.get(CART_SESSION_KEY)
    if not isinstance(stored, dict):
        return {}
    items = {}
    for key, value in stored.items():
        try:
            variant_id, quantity = int(key), int(value)
        except (TypeError, ValueError):
            continue
        if variant_id > 0 and quantity > 0:
            items[variant_id] = quantity
    return items


def _save_cart(session, items):
    session[CART_SESSION_KEY] = {str(key): value for key, value in items.items()}


def _whole_number(value, minimum):
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        number = None
    if number is None or number < minimum:
        raise CartError(_("Số lượng phải là một số nguyên dương."))
    return number


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


def _not_for_sale(page):
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


def _variants():
    return ProductVariant.objects.select_related(
        "page__product__producer", "page__product__current_certification"
    )


def _sellable_variant(variant_id):
    try:
        variant_id = int(variant_id)
    except (TypeError, ValueError):
        variant_id = None
    variant = _variants().filter(pk=variant_id).first()
    if variant is None:
        raise CartError(_("Không tìm thấy phân loại sản phẩm này."))
    reason = _not_for_sale(variant.page)
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
    if variant.stock == 0:
        raise CartError(
            _("“%(product)s – %(label)s” đã hết hàng.")
            % {"product": variant.page.title, "label": variant.label}
        )
    if quantity > variant.stock:
        raise CartError(
            ngettext(
                "Chỉ còn %(stock)s sản phẩm “%(product)s – %(label)s”.",
                "Chỉ còn %(stock)s sản phẩm “%(product)s – %(label)s”.",
                variant.stock,
            )
            % {"stock": variant.stock, "product": variant.page.title, "label": variant.label}
        )


def add_to_cart(session, variant_id, quantity):
    """Add ``quantity`` of a variant (on top of what the cart holds). Returns (variant, total)."""
    quantity = _whole_number(quantity, minimum=1)
    variant = _sellable_variant(variant_id)
    items = read_cart(session)
    new_quantity = items.get(variant.pk, 0) + quantity
    _check_stock(variant, new_quantity)
    items[variant.pk] = new_quantity
    _save_cart(session, items)
    return variant, new_quantity


def update_cart_line(session, variant_id, quantity):
    """Set a line's quantity; 0 removes it. Returns the variant, or None when removed."""
    quantity = _whole_number(quantity, minimum=0)
    if quantity == 0:
        remove_from_cart(session, variant_id)
        return None
    variant = _sellable_variant(variant_id)
    items = read_cart(session)
    if variant.pk not in items:
        raise CartError(_("Sản phẩm này không có trong giỏ hàng."))
    _check_stock(variant, quantity)
    items[variant.pk] = quantity
    _save_cart(session, items)
    return variant


def remove_from_cart(session, variant_id):
    items = read_cart(session)
    try:
        items.pop(int(variant_id), None)
    except (TypeError, ValueError) as error:
        raise CartError(_("Không tìm thấy phân loại sản phẩm này.")) from error
    _save_cart(session, items)


def view_cart(session):
    """The cart as lines grouped by producer, each flagged when it can no longer be bought.

    Lines with a problem (product no longer for sale, with the reason; variant withdrawn
    or sold out) are shown but left out of the totals. A line asking for more than the
    stock is cut to the stock, and says so. One query whatever the cart holds.
    """
    items = read_cart(session)
    if not items:
        return Cart(groups=[])
    variants = (
        _variants()
        .filter(pk__in=items)
        .order_by("page__product__producer__name", "page__title", "sort_order", "pk")
    )
    groups = {}
    for variant in variants:
        line = _cart_line(variant, items[variant.pk])
        items[variant.pk] = line.quantity
        producer = variant.page.product.producer
        groups.setdefault(producer.pk, ProducerGroup(producer=producer)).lines.append(line)
    if items != read_cart(session):
        _save_cart(session, items)
    return Cart(groups=list(groups.values()))


def _cart_line(variant, quantity):
    problem = _not_for_sale(variant.page)
    if problem:
        return CartLine(variant, quantity, problem=problem)
    if not variant.is_active:
        return CartLine(variant, quantity, problem=_("Phân loại này đã ngừng bán."))
    if variant.stock == 0:
        return CartLine(variant, quantity, problem=_("Phân loại này đã hết hàng."))
    if quantity > variant.stock:
        notice = _("Chỉ còn %(stock)s sản phẩm: số lượng đã giảm từ %(asked)s xuống %(stock)s.") % {
            "stock": variant.stock,
            "asked": quantity,
        }
        return CartLine(variant, variant.stock, notice=notice)
    return CartLine(variant, quantity)

"""The cart as shown: lines grouped by producer, with delivery fees and totals."""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import ProductVariant
from catalog.models.page_queries import stock_of_skus
from fairs.services import offers as fair_offers
from tours import services as tours
from tours.models import Departure

from . import delivery, pricing
from .cart import QUOTES_SESSION_KEY, StoredCart, read_cart, save_cart
from .sale_checks import seats_problem, stock_problem, variant_problem, variants


@dataclass
class ProductLine:
    variant: ProductVariant
    quantity: int
    unit_price: int = 0
    price_source: str = pricing.LIST_PRICE
    list_price: int = 0  # struck through when an offer gives ``unit_price``
    offer: object = None  # the fairs.Offer behind ``unit_price``, if any
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


def view_cart(session, at=None):
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
    product_lines = _product_lines(stored, at or timezone.now())
    quote_offer_prices(session, product_lines)
    for line in product_lines + _tour_lines(stored):
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


def _product_lines(stored, at):
    found = list(
        variants().filter(pk__in=stored.variants).order_by("page__title", "sort_order", "pk")
    )

    levels = stock_of_skus(variant.sku for variant in found)
    offers = fair_offers.active_offers((variant.sku for variant in found), at)
    lines = []
    for variant in found:
        variant.stock_on_hand = levels.get(variant.sku, 0)
        line = _product_line(variant, stored.variants[variant.pk])
        _set_price(
            line,
            pricing.variant_price(
                variant, quantity=line.quantity, offers=offers.get(variant.sku, [])
            ),
        )
        lines.append(line)
    return lines


def _set_price(line, price):
    line.unit_price, line.price_source = price.amount, price.source
    line.list_price, line.offer = price.list_amount, price.offer


def _product_line(variant, quantity):
    line = ProductLine(variant, quantity)
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


def quote_offer_prices(session, product_lines):
    """Remember the offer prices the shopper is shown: checkout refuses to charge more
    for those lines (an offer that sold out meanwhile) without telling them first."""
    quotes = {line.id: line.unit_price for line in product_lines if line.offer is not None}
    if session.get(QUOTES_SESSION_KEY, {}) != quotes:
        session[QUOTES_SESSION_KEY] = quotes


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

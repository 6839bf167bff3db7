"""What a producer's admin home shows, for the producers a user acts for (or, for an
officer, every producer): what to ship today, low stock, certificates with days to
expiry, upcoming departures with seats booked, and the last 30 days' sales.

Each function takes the user and ``on``/``now`` (tests pin them) and reads through the
permission rule (``catalog.permissions`` / ``marketplace.permissions``).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Sum
from django.utils import timezone

from catalog import permissions, rules
from catalog.models import Certification, Product

LOW_STOCK = 5  # as the stock listing (marketplace.admin_stock.LOW_STOCK)
SALES_DAYS = 30
DEPARTURES_SHOWN = 10


@dataclass
class CertificateRow:
    product: Product
    certification: Certification | None
    status: object
    days_left: int | None
    window_opens: date | None

    @property
    def in_renewal_window(self):
        return self.status == rules.CertificateStatus.RENEWAL_WINDOW

    @property
    def needs_attention(self):
        return self.status != rules.CertificateStatus.VALID


def certificates(user, on=None):
    """The user's products with their current certificate, most urgent first."""
    on = on or timezone.localdate()
    rows = []
    products = permissions.products_for(user).select_related("current_certification")
    for product in products.order_by("name"):
        certification = product.current_certification
        if certification is None:
            rows.append(CertificateRow(product, None, None, None, None))
            continue
        rows.append(
            CertificateRow(
                product,
                certification,
                certification.status(on),
                (certification.valid_until - on).days,
                certification.renewal_window_opens,
            )
        )
    rows.sort(key=lambda row: (row.days_left is not None, row.days_left or 0))
    return rows


def to_ship(user):
    """Sub-orders waiting for the producer: placed (to confirm) or confirmed (to ship)."""
    from marketplace.models import SubOrderStatus
    from marketplace.permissions import sub_orders_for

    waiting = (SubOrderStatus.PLACED, SubOrderStatus.CONFIRMED)
    return (
        sub_orders_for(user)
        .filter(status__in=waiting)
        .select_related("order", "producer")
        .order_by("order__created_at")
    )


def low_stock(user, threshold=LOW_STOCK):
    from marketplace.admin_stock import with_stock_on_hand
    from marketplace.permissions import variants_for

    variants = with_stock_on_hand(variants_for(user).filter(is_active=True).select_related("page"))
    return variants.filter(stock_on_hand__lte=threshold).order_by("stock_on_hand", "sku")


def upcoming_departures(user, now=None):
    from tours.models import Departure, DepartureStatus

    now = now or timezone.now()
    departures = Departure.objects.filter(
        starts_at__gte=now, status=DepartureStatus.SCHEDULED
    ).select_related("tour")
    if not permissions.is_officer(user):
        departures = departures.filter(tour__operator__in=permissions.producers_of(user))
    return departures.with_seats(now).order_by("starts_at")[:DEPARTURES_SHOWN]


def sales(user, now=None, days=SALES_DAYS):
    """{"orders": n, "total": đồng} of the sub-orders placed in the last ``days`` days,
    cancelled and refunded ones left out."""
    from marketplace.models import SubOrderStatus
    from marketplace.permissions import sub_orders_for

    now = now or timezone.now()
    totals = (
        sub_orders_for(user)
        .filter(order__created_at__gte=now - timedelta(days=days))
        .exclude(status__in=(SubOrderStatus.CANCELLED, SubOrderStatus.REFUNDED))
        .aggregate(orders=Count("pk"), total=Sum("total"))
    )
    return {"orders": totals["orders"], "total": totals["total"] or 0, "days": days}

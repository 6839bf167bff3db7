"""A small known data set for the province reports; "today" is 15 June 2026.

Producers: HTX Alpha (Ninh Bình, 37) and HTX Beta (Hà Nội, 1).

| product | producer | set | stars | decided | valid until | on 15/06/2026 |
| P1 Chè Alpha | Alpha | 6 | 4 | 2025-01-15 | 2028-01-15 | certified |
| P2 Rượu Alpha | Alpha | 14 | 3 | 2023-07-20 | 2026-07-20 | certified, 35 days left |
| P3 Gạo Beta | Beta | 6 | 5 | 2023-07-01 | 2026-07-01 | certified, 16 days left |
| P4 Mây tre Beta | Beta | 21 | 4 | 2023-12-01 | 2026-12-01 | certified, 169 days left |
| P5 Nón Beta | Beta | 21 | 3 | 2024-03-01 | revoked 2026-02-10 | not certified |
| P6 Bánh Alpha | Alpha | 6 | 2 | 2025-01-01 | 2028-01-01 | not certified (2★) |

Orders (local time Asia/Ho_Chi_Minh):
- O1 cash, 10/03, Alpha delivered: P1 300 000 (list), P1 100 000 (an offer of the fair
  "Hội chợ OCOP Ninh Bình 2026")
- O6 cash, 31/03 18:30 UTC = 01/04 01:30 local, Alpha delivered: P1 70 000 (list)
- O2 card paid, 05/04, Beta confirmed: P3 500 000 (list)
- O3 card unpaid, 06/04, Beta: P3 200 000 — not a sale
- O4 cash, 20/04, Alpha cancelled: P1 50 000 — not a sale
- O5 cash, 02/05, Beta placed: tour seats 600 000 (list)

Bookings: Làng gốm (Hà Nội) on tours T1 and T2, Làng hoa (Ninh Bình) on T2.
- T1 10/04: 2 adults + 1 child; T2 20/05: 3 adults; T1 25/05: 1 adult cancelled, 2 adults.

Search log: 01/06 "gạo" 5 searches; "nước mắm" 2 searches, 2 without results;
01/01/2025 "cũ" 9 searches (outside the period).
"""

from datetime import UTC, date, datetime

from catalog import services as catalog_services
from catalog.models import CertificationLevel
from fairs.models import Offer
from marketplace.models import (
    LineKind,
    Order,
    OrderLine,
    PaymentMethod,
    PaymentStatus,
    SubOrder,
    SubOrderStatus,
)
from search.models import QueryLogEntry
from tests.factories import make_producer, make_product, make_product_page
from tests.fairs.builders import approve, make_fair, make_offer, vn
from tests.tours.builders import make_departure, make_tour, make_village
from tours.models import Booking, BookingStatus

TODAY = date(2026, 6, 15)
NOW = datetime(2026, 6, 15, 3, 0, tzinfo=UTC)
NINH_BINH, HA_NOI = 37, 1
NINH_BINH_WARD = 14464


def build(home_page):
    alpha = make_producer(
        "HTX Alpha",
        province_code=NINH_BINH,
        representative="Ông Alpha",
        phone="0900000001",
        email="alpha@example.vn",
    )
    beta = make_producer(
        "HTX Beta",
        province_code=HA_NOI,
        representative="Bà Beta",
        phone="0900000002",
        email="beta@example.vn",
    )
    products = {
        "P1": make_product("Chè Alpha", alpha, 6, 4, "75", date(2025, 1, 15)),
        "P2": make_product("Rượu Alpha", alpha, 14, 3, "60", date(2023, 7, 20)),
        "P3": make_product(
            "Gạo Beta", beta, 6, 5, "92", date(2023, 7, 1), level=CertificationLevel.NATIONAL
        ),
        "P4": make_product("Mây tre Beta", beta, 21, 4, "75", date(2023, 12, 1)),
        "P5": make_product("Nón Beta", beta, 21, 3, "60", date(2024, 3, 1)),
        "P6": make_product("Bánh Alpha", alpha, 6, 2, "40", date(2025, 1, 1)),
    }
    catalog_services.revoke_certification(
        products["P5"].current_certification,
        revoked_on=date(2026, 2, 10),
        decision="12/QĐ-UBND",
        reason="Vi phạm an toàn thực phẩm",
    )
    pages = {
        key: make_product_page(home_page, products[key], variants=((100_000, 50),))
        for key in ("P1", "P3")
    }
    variants = {key: page.variants.first() for key, page in pages.items()}
    fair = make_fair(home_page, vn(2026, 3, 8, 8), vn(2026, 3, 12, 21), slug="hoi-cho-2026")
    approve(fair, alpha, pages["P1"])
    variants["fair offer"] = make_offer(variants["P1"], campaign=fair, price=100_000)
    _orders(alpha, beta, variants)
    _bookings(home_page, alpha)
    _search_log()
    return {"alpha": alpha, "beta": beta, "products": products}


def _order(created_at, method, producer, status, lines, payment_status=None):
    order = Order.objects.create(
        contact_name="Khách",
        phone="0911111111",
        email="khach@example.vn",
        payment_method=method,
        payment_status=payment_status
        or (PaymentStatus.ON_DELIVERY if method == PaymentMethod.COD else PaymentStatus.PAID),
    )
    Order.objects.filter(pk=order.pk).update(created_at=created_at)
    total = sum(amount for _kind, _variant, amount, _source in lines)
    sub_order = SubOrder.objects.create(
        order=order, producer=producer, status=status, goods_total=total, total=total
    )
    for kind, variant, amount, source in lines:
        offer = source if isinstance(source, Offer) else None
        OrderLine.objects.create(
            sub_order=sub_order,
            kind=kind,
            variant=variant,
            sku=variant.sku if variant else "",
            name=variant.label if variant else "Tour",
            unit_price=amount,
            quantity=1,
            total=amount,
            price_source="offer" if offer else source,
            offer=offer,
            offer_label=offer.display_label if offer else "",
        )
    return order


def _orders(alpha, beta, variants):
    product, tour = LineKind.PRODUCT, LineKind.TOUR
    cod, card = PaymentMethod.COD, PaymentMethod.CARD
    p1, p3 = variants["P1"], variants["P3"]
    delivered = SubOrderStatus.DELIVERED
    _order(
        datetime(2026, 3, 10, 2, tzinfo=UTC),
        cod,
        alpha,
        delivered,
        [(product, p1, 300_000, "list"), (product, p1, 100_000, variants["fair offer"])],
    )
    _order(
        datetime(2026, 3, 31, 18, 30, tzinfo=UTC),
        cod,
        alpha,
        delivered,
        [(product, p1, 70_000, "list")],
    )
    _order(
        datetime(2026, 4, 5, 2, tzinfo=UTC),
        card,
        beta,
        SubOrderStatus.CONFIRMED,
        [(product, p3, 500_000, "list")],
    )
    _order(
        datetime(2026, 4, 6, 2, tzinfo=UTC),
        card,
        beta,
        SubOrderStatus.PLACED,
        [(product, p3, 200_000, "list")],
        payment_status=PaymentStatus.PENDING,
    )
    _order(
        datetime(2026, 4, 20, 2, tzinfo=UTC),
        cod,
        alpha,
        SubOrderStatus.CANCELLED,
        [(product, p1, 50_000, "list")],
    )
    _order(
        datetime(2026, 5, 2, 2, tzinfo=UTC),
        cod,
        beta,
        SubOrderStatus.PLACED,
        [(tour, None, 600_000, "list")],
    )


def _booking(departure, adults, children=0, status=BookingStatus.CONFIRMED):
    return Booking.objects.create(
        departure=departure,
        contact_name="Khách tour",
        phone="0922222222",
        email="tour@example.vn",
        adults=adults,
        children=children,
        price_adult=100_000,
        price_child=50_000,
        amount=adults * 100_000 + children * 50_000,
        status=status,
    )


def _bookings(home_page, operator):
    pottery = make_village(home_page, title="Làng gốm")
    flowers = make_village(
        home_page, title="Làng hoa", province_code=NINH_BINH, ward_code=NINH_BINH_WARD
    )
    t1 = make_tour(home_page, villages=[pottery], operator=operator)
    t2 = make_tour(home_page, villages=[pottery, flowers], operator=operator)
    _booking(make_departure(t1, starts_at=datetime(2026, 4, 10, 1, tzinfo=UTC)), 2, 1)
    _booking(make_departure(t2, starts_at=datetime(2026, 5, 20, 1, tzinfo=UTC)), 3)
    late_may = make_departure(t1, starts_at=datetime(2026, 5, 25, 1, tzinfo=UTC))
    _booking(late_may, 1, status=BookingStatus.CANCELLED)
    _booking(late_may, 2)


def _search_log():
    QueryLogEntry.objects.create(day=date(2026, 6, 1), query="gạo", searches=5)
    QueryLogEntry.objects.create(day=date(2026, 6, 1), query="nước mắm", searches=2, zero_hits=2)
    QueryLogEntry.objects.create(day=date(2025, 1, 1), query="cũ", searches=9)

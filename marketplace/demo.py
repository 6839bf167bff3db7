"""Demo orders: a few checkouts in every state, for the demo producers.

Each is made the way a shopper makes one (a session cart and
``checkout.place_order``) and moved on the way the producer would move it
(``marketplace.services.orders``, as the producer's user: ``htx-vikhe`` for Vị Khê),
so stock, bookings and movements are all real. Runs after the catalogue and tours
demos (INSTALLED_APPS order). Idempotent: an order is found by its shopper's
e-mail and made only once. Shoppers' addresses are at example.com; the e-mails
checkout sends are not sent while the demo loads (dummy backend, when Celery runs
in-process).
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from catalog.models import Producer, ProductPage
from catalog.text import match_key
from marketplace.models import Order, ProducerDelivery
from marketplace.services import cart, checkout, orders
from tours.models import DepartureStatus, TourPage

VI_KHE = "Hợp tác xã Sinh vật cảnh Vị Khê"
PEACH = "Hoa đào Vị Khê"

# products: (product name, variant position, quantity); seats: (tour slug, adults, children)
# steps: producer name → what its user did, in order.
ORDERS = [
    {
        "email": "lan.nguyen@example.com",
        "name": "Nguyễn Thị Lan",
        "phone": "0912 345 678",
        "address": (1, 9556, "12 phố Quang Trung"),  # Phường Hà Đông, Hà Nội
        "products": [(PEACH, 0, 1), ("Cà phê Arabica Cầu Đất", 0, 2)],
        "days_ago": 0,
        "steps": {},  # just placed
    },
    {
        "email": "minh.tran@example.com",
        "name": "Trần Văn Minh",
        "phone": "0987 654 321",
        "address": (37, 13972, "Xóm 4, thôn Vị Khê"),  # Phường Vị Khê, Ninh Bình
        "products": [(PEACH, 0, 1)],
        "seats": ("vi-khe-mua-hoa", 2, 1),
        "days_ago": 1,
        "steps": {VI_KHE: [("confirm",)]},
    },
    {
        "email": "hoa.le@example.com",
        "name": "Lê Thị Hoa",
        "phone": "0903 111 222",
        "address": (48, 20242, "45 đường Bạch Đằng"),  # Phường Hải Châu, Đà Nẵng
        "products": [(PEACH, 0, 1), ("Chè Tân Cương đặc biệt", 0, 1)],
        "days_ago": 3,
        "steps": {
            VI_KHE: [("confirm",), ("ship", "Viettel Post", "VTP2026110045")],
            "Hợp tác xã Chè Tân Cương Sông Công": [("confirm",)],
        },
    },
    {
        "email": "nam.pham@example.com",
        "name": "Phạm Văn Nam",
        "phone": "0868 333 444",
        "address": (1, 583, "Xóm 2, thôn Giang Cao"),  # Xã Bát Tràng, Hà Nội
        "products": [(PEACH, 1, 1), ("Tương Bần ớt", 0, 3)],
        "days_ago": 9,
        "steps": {
            VI_KHE: [
                ("confirm",),
                ("ship", "Giao hàng tiết kiệm", "GHTK-S2611-0081"),
                ("deliver",),
            ],
            "Công ty TNHH Thực phẩm Sơn Nam": [
                ("confirm",),
                ("ship", "Bưu điện Việt Nam (VNPost)", "EB260011204VN"),
                ("deliver",),
            ],
        },
    },
    {
        "email": "thu.vu@example.com",
        "name": "Vũ Minh Thư",
        "phone": "0977 555 666",
        "address": (37, 13870, "Thôn Yên Cường"),  # Xã Yên Cường, Ninh Bình
        "products": [(PEACH, 0, 1), ("Mật ong bạc hà Mèo Vạc", 0, 1)],
        "days_ago": 5,
        "steps": {VI_KHE: [("cancel", "Người mua gọi điện đổi ý trước khi đóng hàng")]},
    },
]


# Vị Khê's peach trees are bulky: its own fee and threshold (the others use the default).
DELIVERY_TERMS = {VI_KHE: {"fee": 60_000, "free_threshold": 3_000_000}}


def load(stdout, products=0):
    for producer_name, terms in DELIVERY_TERMS.items():
        producer = Producer.objects.filter(name_key=match_key(producer_name)).first()
        if producer is not None:
            ProducerDelivery.objects.get_or_create(producer=producer, defaults=terms)
    # Celery runs in-process without Redis: keep checkout's e-mails out of the demo.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        made = sum(ensure_order(spec, stdout) for spec in ORDERS)
    if made:
        stdout.write(f"Created {made} demo orders.")


def ensure_order(spec, stdout):
    if Order.objects.filter(email=spec["email"]).exists():
        return False
    try:
        with transaction.atomic():
            order = place(spec)
            for producer_name, steps in spec.get("steps", {}).items():
                sub_order = order.sub_orders.get(producer__name_key=match_key(producer_name))
                user = acting_user(sub_order.producer)
                for action, *args in steps:
                    run_step(sub_order, action, args, user)
            if spec["days_ago"]:
                placed_at = timezone.now() - timedelta(days=spec["days_ago"])
                Order.objects.filter(pk=order.pk).update(created_at=placed_at)
    except (cart.CartError, checkout.CheckoutError, checkout.CheckoutRefused) as error:
        stdout.write(f"Demo order for {spec['email']} not made: {error}")
        return False
    except orders.OrderError as error:
        stdout.write(f"Demo order for {spec['email']} not made: {error}")
        return False
    return True


def place(spec):
    session = SessionStore()
    for name, position, quantity in spec["products"]:
        page = ProductPage.objects.live().filter(product__name_key=match_key(name)).first()
        if page is None:
            raise cart.CartError(f"no live page for {name!r}")
        variant = page.variants.order_by("sort_order")[position]
        cart.add_to_cart(session, variant.pk, quantity)
    if spec.get("seats"):
        slug, adults, children = spec["seats"]
        cart.add_seats_to_cart(session, first_departure(slug).pk, adults, children)
    province, ward, street = spec["address"]
    details = checkout.Details(
        name=spec["name"],
        phone=spec["phone"],
        email=spec["email"],
        province=province,
        ward=ward,
        street=street,
    )
    return checkout.place_order(session, details)


def first_departure(slug):
    tour = TourPage.objects.live().filter(slug=slug).first()
    departure = None
    if tour is not None:
        departure = (
            tour.departures.filter(
                status=DepartureStatus.SCHEDULED, starts_at__gt=timezone.now() + timedelta(days=2)
            )
            .order_by("starts_at")
            .first()
        )
    if departure is None:
        raise cart.CartError(f"no departure of {slug!r} to book")
    return departure


def acting_user(producer):
    """The producer's own user (``htx-vikhe`` for Vị Khê), else the demo admin."""
    user = producer.users.filter(is_active=True).order_by("pk").first()
    return user or get_user_model().objects.filter(is_superuser=True).order_by("pk").first()


def run_step(sub_order, action, args, user):
    if action == "confirm":
        orders.confirm(sub_order, user=user)
    elif action == "ship":
        carrier, tracking_number = args
        orders.ship(sub_order, user=user, carrier=carrier, tracking_number=tracking_number)
    elif action == "deliver":
        orders.deliver(sub_order, user=user)
    elif action == "cancel":
        orders.cancel(sub_order, user=user, reason=args[0])
    sub_order.refresh_from_db()

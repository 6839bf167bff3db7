"""A small market for order tests: two producers' products and a tour, all buyable today."""

from datetime import date, timedelta

from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone

from marketplace.services import cart
from marketplace.services.checkout import Details
from tests.factories import catalog_index, make_producer, make_product, make_product_page
from tests.tours.builders import make_departure, make_tour

DECISION = date.today() - timedelta(days=200)  # valid for another 2½ years
NINH_BINH = 37
NINH_BINH_WARD = 14464  # Xã Gia Viễn, Ninh Bình
HA_NOI_WARD = 4  # a ward of Hà Nội (province 1), not of Ninh Bình


def build_market(home_page):
    catalog_index(home_page).save_revision().publish()
    vi_khe = make_producer("HTX Vĩ Khê", email="vikhe@example.vn")
    hai_toan = make_producer("HTX Hải Toàn", email="haitoan@example.vn")
    rice = make_product_page(
        home_page,
        make_product(name="Gạo tám", producer=hai_toan, decision_date=DECISION),
        variants=((150_000, 10), (70_000, 4)),
    )
    bonsai = make_product_page(
        home_page,
        make_product(name="Cây cảnh Vĩ Khê", producer=vi_khe, decision_date=DECISION),
        variants=((420_000, 3),),
    )
    tour = make_tour(home_page, operator=vi_khe, price_adult=300_000, price_child=150_000)
    departure = make_departure(tour, starts_at=timezone.now() + timedelta(days=10), capacity=6)
    return {
        "vi_khe": vi_khe,
        "hai_toan": hai_toan,
        "rice": rice,
        "bonsai": bonsai,
        "tour": tour,
        "departure": departure,
    }


def first_variant(page, position=0):
    return page.variants.order_by("sort_order")[position]


def new_session():
    session = SessionStore()
    session.create()
    return session


def details(**overrides):
    fields = {
        "name": "Nguyễn Thị Lan",
        "phone": "0912 345 678",
        "email": "lan@example.vn",
        "province": NINH_BINH,
        "ward": NINH_BINH_WARD,
        "street": "12 đường Trần Hưng Đạo",
        "payment": "cod",
    }
    fields.update(overrides)
    return Details(**fields)


def fill_cart(session, market, rice=2, bonsai=1, adults=2, children=0):
    if rice:
        cart.add_to_cart(session, first_variant(market["rice"]).pk, rice)
    if bonsai:
        cart.add_to_cart(session, first_variant(market["bonsai"]).pk, bonsai)
    if adults:
        cart.add_seats_to_cart(session, market["departure"].pk, adults, children)
    return session

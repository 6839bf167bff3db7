import os
from datetime import date

import pytest
import time_machine

from catalog import rules
from search import indexing
from tests.catalog.conftest import revoke
from tests.factories import catalog_index, make_producer, make_product, make_product_page
from tests.tours.builders import make_tour, make_village

TODAY = date(2026, 11, 23)
VALID = date(2025, 1, 15)
EXPIRED = date(2023, 6, 1)
# A certificate whose last valid day is TODAY: gone from results tomorrow.
LAST_DAY = TODAY - (rules.valid_until(TODAY) - TODAY)

HA_NOI, NINH_BINH, AN_GIANG, TUYEN_QUANG = 1, 37, 91, 8


@pytest.fixture
def today():
    with time_machine.travel(TODAY, tick=False):
        yield TODAY


def product(
    home_page,
    name,
    *,
    product_set,
    stars=4,
    price=150_000,
    province=NINH_BINH,
    producer=None,
    decision_date=VALID,
    **page_fields,
):
    score = {3: "60", 4: "75", 5: "92"}[stars]
    producer = producer or make_producer(name=f"Hợp tác xã {name}", province_code=province)
    item = make_product(
        name=name,
        producer=producer,
        product_set=product_set,
        stars=stars,
        score=score,
        decision_date=decision_date,
    )
    return make_product_page(home_page, item, variants=((price, 5),), **page_fields)


@pytest.fixture
def world(today, home_page):
    """The shared catalogue of the contract suite: products, a village, a tour, and
    products that must never appear."""
    index = catalog_index(home_page)
    index.save_revision().publish()
    pages = {
        "banh_gai": product(
            home_page,
            "Bánh gai Ninh Giang",
            product_set=6,
            stars=4,
            price=150_000,
            province=NINH_BINH,
            summary="Bánh gai lá gai, nhân đỗ xanh.",
        ),
        "nuoc_mam": product(
            home_page, "Nước mắm Phú Quốc", product_set=9, stars=5, price=250_000, province=AN_GIANG
        ),
        "dau_phu": product(
            home_page, "Đậu phụ Mơ", product_set=6, stars=3, price=40_000, province=HA_NOI
        ),
        "mat_ong": product(
            home_page,
            "Mật ong bạc hà Đồng Văn",
            product_set=4,
            stars=4,
            price=320_000,
            province=TUYEN_QUANG,
        ),
        "che": product(
            home_page,
            "Chè Shan tuyết Hà Giang",
            product_set=11,
            stars=5,
            price=1_200_000,
            province=TUYEN_QUANG,
        ),
        "last_day": product(
            home_page,
            "Bánh đa kế hết hạn hôm nay",
            product_set=6,
            decision_date=LAST_DAY,
            province=NINH_BINH,
        ),
        # Never shown:
        "expired": product(home_page, "Bánh gai hết hạn", product_set=6, decision_date=EXPIRED),
        "unpublished": product(home_page, "Bánh gai chưa đăng", product_set=6),
    }
    pages["revoked"] = make_product_page(
        home_page,
        revoke(make_product(name="Bánh gai bị thu hồi", product_set=6), on=date(2026, 5, 2)),
    )
    pages["uncertified"] = make_product_page(
        home_page, make_product(name="Bánh gai chưa chứng nhận", certified=False)
    )
    pages["unpublished"].unpublish()
    village = make_village(
        home_page, title="Làng gốm Bát Tràng", craft="Gốm sứ", province_code=HA_NOI
    )
    village.save_revision().publish()
    tour = make_tour(home_page, villages=[village], title="Một ngày làm gốm", price_adult=350_000)
    tour.save_revision().publish()
    pages["village"], pages["tour"] = village, tour
    indexing.rebuild()
    return pages


HIDDEN = ("expired", "unpublished", "revoked", "uncertified")


def elasticsearch_url():
    return os.environ.get("ELASTICSEARCH_URL", "")

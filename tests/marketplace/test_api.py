"""Cart and checkout JSON: session cookie, CSRF token and application/json on every write."""

import json

import pytest
from django.test import Client

from marketplace.models import Inventory, Order
from tours.models import Booking

from .builders import HA_NOI_WARD, NINH_BINH, NINH_BINH_WARD, build_market, first_variant

pytestmark = pytest.mark.django_db

CHECKOUT = {
    "name": "Trần Văn Minh",
    "phone": "0987654321",
    "email": "minh@example.vn",
    "address": {"province": NINH_BINH, "ward": NINH_BINH_WARD, "street": "5 phố Hàng Bè"},
    "payment": "cod",
}


@pytest.fixture
def market(home_page):
    return build_market(home_page)


class Shopper:
    """A browser-like client: gets the CSRF cookie first and sends its token as a header."""

    def __init__(self):
        self.client = Client(enforce_csrf_checks=True)
        self.client.get("/gio-hang/")
        self.token = self.client.cookies["csrftoken"].value

    def send(self, method, url, data=None, content_type="application/json", token=True):
        headers = {"HTTP_X_CSRFTOKEN": self.token} if token else {}
        body = json.dumps(data) if content_type == "application/json" else data
        return getattr(self.client, method)(url, body, content_type=content_type, **headers)

    def get(self, url):
        return self.client.get(url)


@pytest.fixture
def shopper():
    return Shopper()


def test_cart_lines_groups_and_checkout(market, shopper):
    rice, bonsai = first_variant(market["rice"]), first_variant(market["bonsai"])
    departure = market["departure"]
    assert (
        shopper.send("post", "/api/cart/lines/", {"variant": rice.pk, "quantity": 2}).status_code
        == 201
    )
    assert shopper.send("post", "/api/cart/lines/", {"variant": bonsai.pk}).status_code == 201
    response = shopper.send(
        "post", "/api/cart/lines/", {"departure": departure.pk, "adults": 2, "children": 0}
    )
    assert response.status_code == 201 and response.json()["line"] == f"d{departure.pk}"

    cart = shopper.get("/api/cart/").json()
    assert [line["id"] for line in cart["lines"]] == [
        f"v{rice.pk}",
        f"v{bonsai.pk}",
        f"d{departure.pk}",
    ]
    groups = {group["producer"]["name"]: group for group in cart["groups"]}
    assert groups["HTX Hải Toàn"]["subtotal"] == 300_000
    assert groups["HTX Hải Toàn"]["delivery"] == 30_000
    assert groups["HTX Vĩ Khê"]["subtotal"] == 420_000 + 600_000
    assert cart["total"] == 300_000 + 30_000 + 420_000 + 30_000 + 600_000

    response = shopper.send("patch", f"/api/cart/lines/v{rice.pk}/", {"quantity": 1})
    assert response.status_code == 200
    [rice_line] = [line for line in response.json()["lines"] if line["id"] == f"v{rice.pk}"]
    assert rice_line["quantity"] == 1

    response = shopper.send("post", "/api/checkout/", CHECKOUT)
    assert response.status_code == 201, response.content
    order = response.json()
    assert order["number"].startswith("OCOP-") and order["status"] == "placed"
    assert order["total"] == Order.objects.get().total
    assert order["url"].endswith(f"/don-hang/{Order.objects.get().token}/")
    assert sorted(sub["producer"]["name"] for sub in order["sub_orders"]) == [
        "HTX Hải Toàn",
        "HTX Vĩ Khê",
    ]
    assert Booking.objects.count() == 1
    assert shopper.get("/api/cart/").json()["lines"] == []


def test_checkout_409_names_the_lines_and_takes_nothing(market, shopper):
    rice = first_variant(market["rice"])
    shopper.send("post", "/api/cart/lines/", {"variant": rice.pk, "quantity": 5})
    Inventory.objects.filter(sku=rice.sku).update(quantity=2)
    response = shopper.send("post", "/api/checkout/", CHECKOUT)
    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "unavailable"
    assert error["lines"] == [
        {"id": f"v{rice.pk}", "name": "Gạo tám – Hộp 1", "reason": "Chỉ còn 2 sản phẩm."}
    ]
    assert Order.objects.count() == 0 and Inventory.objects.get(sku=rice.sku).quantity == 2


def test_adding_more_than_the_stock_is_409(market, shopper):
    rice = first_variant(market["rice"])
    response = shopper.send("post", "/api/cart/lines/", {"variant": rice.pk, "quantity": 11})
    assert response.status_code == 409 and response.json()["error"]["code"] == "unavailable"


def test_more_seats_than_left_is_409(market, shopper):
    departure = market["departure"]
    response = shopper.send("post", "/api/cart/lines/", {"departure": departure.pk, "adults": 7})
    assert response.status_code == 409 and response.json()["error"]["code"] == "unavailable"
    response = shopper.send(
        "post", "/api/cart/lines/", {"departure": departure.pk, "adults": 5, "children": 2}
    )
    assert response.status_code == 409 and response.json()["error"]["code"] == "unavailable"
    assert shopper.get("/api/cart/").json()["lines"] == []


@pytest.mark.parametrize(
    "body",
    [
        {"variant": 999_999, "quantity": 1},
        {"variant": "abc", "quantity": 1},
        {"variant": 1, "quantity": 0},
        {"variant": 1, "quantity": 10**9},
        {"variant": 1, "departure": 1, "adults": 1},
        {"departure": 999_999, "adults": 1},
        {"departure": 1, "adults": 0, "children": 2},
        {"departure": 1},
        {"variant": True},
        {},
        [],
        "text",
        {"variant": 2**63},
    ],
)
def test_bad_lines_get_a_4xx_and_change_nothing(market, shopper, body):
    response = shopper.send("post", "/api/cart/lines/", body)
    assert 400 <= response.status_code < 500
    assert "error" in response.json()
    assert shopper.get("/api/cart/").json()["lines"] == []


def test_writes_need_the_csrf_token(market, shopper):
    rice = first_variant(market["rice"])
    response = shopper.send("post", "/api/cart/lines/", {"variant": rice.pk}, token=False)
    assert response.status_code == 403
    response = shopper.send("post", "/api/checkout/", CHECKOUT, token=False)
    assert response.status_code == 403
    assert shopper.get("/api/cart/").json()["lines"] == []


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"],
)
def test_writes_must_be_json(market, shopper, content_type):
    rice = first_variant(market["rice"])
    body = json.dumps({"variant": rice.pk, "quantity": 1})
    response = shopper.send("post", "/api/cart/lines/", body, content_type=content_type)
    assert response.status_code == 415
    assert shopper.get("/api/cart/").json()["lines"] == []


def test_deeply_nested_json_is_a_400(market, shopper):
    body = "[" * 100_000 + "]" * 100_000
    response = shopper.client.post(
        "/api/cart/lines/", body, content_type="application/json", HTTP_X_CSRFTOKEN=shopper.token
    )
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"phone": "123"}, "phone"),
        ({"email": "nope"}, "email"),
        ({"address": {"province": NINH_BINH, "ward": HA_NOI_WARD, "street": "x"}}, "ward"),
        ({"address": {"province": 0, "ward": NINH_BINH_WARD, "street": "x"}}, "province"),
        ({"address": None}, "address"),
        ({"payment": "card"}, "payment"),
    ],
)
def test_bad_checkout_details_are_400_naming_the_field(market, shopper, change, field):
    shopper.send("post", "/api/cart/lines/", {"variant": first_variant(market["rice"]).pk})
    response = shopper.send("post", "/api/checkout/", {**CHECKOUT, **change})
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"] or field in str(response.json())
    assert Order.objects.count() == 0


def test_unknown_line_is_404(market, shopper):
    assert shopper.send("delete", "/api/cart/lines/v1/").status_code == 404
    assert shopper.send("delete", "/api/cart/lines/zz/").status_code == 404
    assert shopper.send("patch", "/api/cart/lines/d99/", {"adults": 1}).status_code == 404


def test_delete_line(market, shopper):
    rice = first_variant(market["rice"])
    shopper.send("post", "/api/cart/lines/", {"variant": rice.pk})
    response = shopper.send("delete", f"/api/cart/lines/v{rice.pk}/")
    assert response.status_code == 200 and response.json()["lines"] == []


def test_checkout_of_an_empty_cart_is_400(market, shopper):
    response = shopper.send("post", "/api/checkout/", CHECKOUT)
    assert response.status_code == 400 and "cart" in response.json()["error"]["fields"]

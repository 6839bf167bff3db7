"""The public JSON: GET /api/search/ and GET /api/search/suggest/; hostile input → 4xx."""

import pytest

from search.models import QueryLogEntry


@pytest.fixture
def api(client, world):
    def get(path="/api/search/", **params):
        return client.get(path, params)

    return get


def test_search_json_shape(api, world):
    response = api(q="banh gai")
    assert response.status_code == 200
    data = response.json()
    assert data["total"] == 1
    assert data["suggestion"] is None
    assert data["results"] == [
        {
            "type": "product",
            "id": world["banh_gai"].pk,
            "title": "Bánh gai Ninh Giang",
            "url": world["banh_gai"].url,
            "stars": 4,
            "min_price": 150_000,
            "province": {"code": 37, "name": "Ninh Bình"},
            "producer": "Hợp tác xã Bánh gai Ninh Giang",
            "image": None,
        }
    ]
    assert data["facets"]["stars"] == [{"value": 4, "label": "4 sao", "count": 1}]
    assert data["facets"]["category"] == [{"value": "thuc-pham", "label": "Thực phẩm", "count": 1}]
    assert data["facets"]["price"] == [
        {"value": "100000-199999", "label": "100.000\u00a0₫ – 199.999\u00a0₫", "count": 1}
    ]
    assert data["facets"]["product_set"][0]["value"] == 6


def test_filters_sort_and_page_parameters(api):
    data = api(stars="5", sort="-price", province="91").json()
    assert [r["title"] for r in data["results"]] == ["Nước mắm Phú Quốc"]
    data = api(price_min="100000", price_max="300000", sort="price").json()
    assert [r["min_price"] for r in data["results"]] == [150_000, 150_000, 250_000]
    data = api(type="tour").json()
    assert [r["type"] for r in data["results"]] == ["tour"]
    data = api(page="2").json()
    assert data["total"] == 8 and data["results"] == []


def test_did_you_mean_in_json(api):
    data = api(q="nuoc mmam phu quocx").json()
    assert data["total"] == 0
    assert data["suggestion"] == "nuoc mam phu quoc"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"category": "khong-co"}, "category"),
        ({"product_set": "99"}, "product_set"),
        ({"product_set": "abc"}, "product_set"),
        ({"stars": "2"}, "stars"),
        ({"province": "9999"}, "province"),
        ({"type": "shop"}, "type"),
        ({"price_min": "500000", "price_max": "100000"}, "price_max"),
        ({"price_min": "-1"}, "price_min"),
        ({"price_max": "1e99"}, "price_max"),
        ({"q": "x" * 10_240}, "q"),
        ({"q": "banh\x07gai"}, "q"),
        ({"q": "banh\x00gai"}, "q"),
        ({"q": "banh\u202egai"}, "q"),
        ({"sort": "cheapest"}, "sort"),
        ({"page": "0"}, "page"),
        ({"page": "abc"}, "page"),
        ({"page": "100000"}, "page"),
    ],
)
def test_bad_parameters_get_a_clear_400(api, params, field):
    response = api(**params)
    assert response.status_code == 400
    errors = response.json()
    assert list(errors) == [field]
    assert errors[field][0]  # a message saying what is wrong


def test_the_query_log_counts_searches_and_zero_hits(api):
    api(q="Bánh gai")
    api(q="banh gai")
    api(q="khong co gi")
    rows = {row.query: (row.searches, row.zero_hits) for row in QueryLogEntry.objects.all()}
    assert rows == {"banh gai": (2, 0), "khong co gi": (1, 1)}


def test_suggest_json(api, world):
    response = api("/api/search/suggest/", q="Mật o")
    assert response.status_code == 200
    assert response.json() == {
        "suggestions": [
            {"title": "Mật ong bạc hà Đồng Văn", "url": world["mat_ong"].url, "type": "product"}
        ]
    }
    assert api("/api/search/suggest/", q="b").json() == {"suggestions": []}
    assert len(api("/api/search/suggest/", q="ba").json()["suggestions"]) <= 8


@pytest.mark.parametrize("q", ["x" * 10_240, "ba\x00", "ba\x1b[2J"])
def test_suggest_refuses_hostile_queries(api, q):
    response = api("/api/search/suggest/", q=q)
    assert response.status_code == 400
    assert "q" in response.json()

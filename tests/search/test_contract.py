"""The shared contract: the same queries and expected hits on every backend.

Runs on the database backend (SQLite or PostgreSQL, whichever the suite runs on), and
on Elasticsearch when ELASTICSEARCH_URL names a server (skipped otherwise).
"""

from datetime import timedelta

import pytest
from django.test import override_settings

from search import indexing, services
from search.backends import elasticsearch_backend
from search.query import FACETS, SearchQuery

from .conftest import HIDDEN, TODAY, elasticsearch_url


@pytest.fixture(
    params=[
        "database",
        pytest.param(
            "elasticsearch",
            marks=pytest.mark.skipif(
                not elasticsearch_url(),
                reason="no Elasticsearch server: set ELASTICSEARCH_URL to run the contract on it",
            ),
        ),
    ]
)
def backend(request, world):
    if request.param == "database":
        with override_settings(ELASTICSEARCH_URL=""):
            yield request.param
        return
    with override_settings(
        ELASTICSEARCH_URL=elasticsearch_url(), ELASTICSEARCH_INDEX_PREFIX="ocop-contract"
    ):
        indexing.rebuild()
        engine = elasticsearch_backend.get()
        engine.client.indices.refresh(index=engine.alias)
        yield request.param


def titles(text="", on=None, **filters):
    query = SearchQuery(text=text, filters=filters, per_page=50)
    return [hit.title for hit in services.search(query, on).hits]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("banh gai", "Bánh gai Ninh Giang"),  # no accents
        ("BÁNH GÀI", "Bánh gai Ninh Giang"),  # wrong accents, upper case
        ("bành gãi ninh giang", "Bánh gai Ninh Giang"),
        ("nuoc mam", "Nước mắm Phú Quốc"),
        ("dau phu", "Đậu phụ Mơ"),  # đ
        ("Dau Phu Mo", "Đậu phụ Mơ"),
        ("dong van", "Mật ong bạc hà Đồng Văn"),  # Đ
        ("mật ong", "Mật ong bạc hà Đồng Văn"),  # exact accents still work
        ("bat trang", "Làng gốm Bát Tràng"),
    ],
)
def test_queries_without_or_with_wrong_accents_find_the_accented_names(backend, text, expected):
    assert expected in titles(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("banh gai ninh giamg", "Bánh gai Ninh Giang"),  # substitution
        ("bat trnag", "Làng gốm Bát Tràng"),  # two neighbours swapped
        ("shan tuyeet", "Chè Shan tuyết Hà Giang"),  # one letter too many
        ("shan tuyt", "Chè Shan tuyết Hà Giang"),  # one letter missing
        ("nuoc mam phu quocc", "Nước mắm Phú Quốc"),
        ("che shan tueyt", "Chè Shan tuyết Hà Giang"),
        ("lang gom bat xrang", "Làng gốm Bát Tràng"),  # wrong first letter
    ],
)
def test_a_one_letter_typo_in_a_long_word_still_finds_the_product(backend, text, expected):
    assert expected in titles(text)


def test_expired_revoked_unpublished_and_uncertified_products_never_appear(backend, world):
    hidden = {world[name].title for name in HIDDEN}
    for text in ("", "banh gai", "banh", "bi thu hoi", "het han", "chua dang", "chung nhan"):
        assert hidden.isdisjoint(titles(text)), text
    # Not through a filter, a sort or a suggestion either.
    assert hidden.isdisjoint(titles("banh", product_set=6, stars=4))
    assert hidden.isdisjoint(
        hit.title for hit in services.search(SearchQuery(sort="price", per_page=50)).hits
    )
    assert hidden.isdisjoint(s.title for s in services.suggest("banh gai"))


def test_a_certificate_expiring_today_is_gone_tomorrow_without_reindexing(backend, world):
    name = world["last_day"].title
    assert name in titles("banh da")
    assert name in [s.title for s in services.suggest("banh da")]
    tomorrow = TODAY + timedelta(days=1)
    assert name not in titles("banh da", on=tomorrow)
    assert name not in [s.title for s in services.suggest("banh da", on=tomorrow)]


def test_villages_and_tours_come_in_the_same_list_with_their_type(backend, world):
    page = services.search(SearchQuery(text="bat trang"))
    kinds = {hit.title: hit.kind for hit in page.hits}
    assert kinds == {"Làng gốm Bát Tràng": "village", "Một ngày làm gốm": "tour"}


def check_facets_against_filtered_totals(text, filters):
    page = services.search(SearchQuery(text=text, filters=filters))
    checked = 0
    for facet in FACETS:
        for item in page.facets[facet]:
            chosen = dict(filters)
            if facet == "price":
                low, _sep, high = item.value.partition("-")
                chosen["price"] = (int(low) if low else None, int(high) if high else None)
            else:
                chosen[facet] = item.value
            total = services.search(SearchQuery(text=text, filters=chosen)).total
            assert item.count == total, (facet, item.value, filters)
            checked += 1
    return checked


@pytest.mark.parametrize(
    ("text", "filters"),
    [
        ("", {}),
        ("banh", {}),
        ("", {"stars": 4}),
        ("", {"province": 91}),
        ("", {"category": "thuc-pham", "price": (100_000, 499_999)}),
        ("gai", {"product_set": 6}),
    ],
)
def test_facet_counts_equal_the_counts_of_the_filtered_results(backend, text, filters):
    assert check_facets_against_filtered_totals(text, filters) > 0


def test_facet_counts_reflect_the_other_chosen_filters(backend):
    everything = services.search(SearchQuery())
    four_stars = services.search(SearchQuery(filters={"stars": 4}))
    # The stars facet ignores its own filter: every star level stays on offer.
    assert [(i.value, i.count) for i in four_stars.facets["stars"]] == [
        (i.value, i.count) for i in everything.facets["stars"]
    ]
    # Another facet counts within the chosen star level only.
    assert sum(i.count for i in four_stars.facets["province"]) == four_stars.total == 3


def sorted_products(sort, attribute):
    query = SearchQuery(sort=sort, filters={"type": "product"})
    return [getattr(hit, attribute) for hit in services.search(query).hits]


def test_sorting_by_price_either_way_and_by_stars(backend):
    assert sorted_products("price", "min_price") == [
        40_000,
        150_000,
        150_000,
        250_000,
        320_000,
        1_200_000,
    ]
    assert sorted_products("-price", "min_price") == [
        1_200_000,
        320_000,
        250_000,
        150_000,
        150_000,
        40_000,
    ]
    assert sorted_products("stars", "stars") == [5, 5, 4, 4, 4, 3]


def test_newest_first(backend, world):
    newest = services.search(SearchQuery(sort="newest")).hits
    assert newest[0].title == world["tour"].title


def test_exact_accents_rank_first(backend, world):
    assert titles("Bánh gai")[0] == "Bánh gai Ninh Giang"


def test_paging(backend):
    first = services.search(SearchQuery(per_page=3, page=1))
    second = services.search(SearchQuery(per_page=3, page=2))
    assert first.total == second.total == 8
    assert len(first.hits) == 3 and len(second.hits) == 3
    assert {h.page_id for h in first.hits}.isdisjoint(h.page_id for h in second.hits)


def test_did_you_mean_when_nothing_is_found(backend):
    page = services.search(SearchQuery(text="banh gai ninh giqqg"))
    assert page.total == 0
    assert page.suggestion == "banh gai ninh giang"


def test_suggestions_as_you_type(backend, world):
    suggestions = services.suggest("mat o")
    assert [(s.title, s.kind) for s in suggestions] == [("Mật ong bạc hà Đồng Văn", "product")]
    assert suggestions[0].url == world["mat_ong"].url
    assert len(services.suggest("ba")) <= 8

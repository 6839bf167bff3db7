"""The Elasticsearch backend without a server: the exact bodies elasticsearch-dsl
builds, and the backend against a stub HTTP server that checks what it is sent."""

import json
from datetime import date

import pytest
from django.test import override_settings
from elasticsearch import UnsupportedProductError

from search import indexing, services
from search.backends import elasticsearch_backend
from search.backends.elasticsearch_backend import build_search, build_suggest, index_body
from search.query import SearchQuery

from .es_stub import StubElasticsearch

DAY = date(2026, 11, 23)
VISIBLE = {
    "bool": {
        "should": [
            {"bool": {"must_not": [{"exists": {"field": "visible_from"}}]}},
            {
                "bool": {
                    "filter": [
                        {"range": {"visible_from": {"lte": "2026-11-23"}}},
                        {"range": {"visible_until": {"gte": "2026-11-23"}}},
                    ]
                }
            },
        ],
        "minimum_should_match": 1,
    }
}


def test_index_settings_and_mappings():
    body = index_body()
    assert body["settings"] == {
        "number_of_shards": 1,
        "number_of_replicas": 0,
        "max_ngram_diff": 19,
        "analysis": {
            "analyzer": {
                "ocop_folded": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "ocop_folding"],
                },
                "ocop_exact": {"type": "custom", "tokenizer": "standard", "filter": ["lowercase"]},
                "ocop_autocomplete": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "asciifolding", "ocop_edge_ngrams"],
                },
                "ocop_autocomplete_search": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "asciifolding"],
                },
            },
            "filter": {
                "ocop_folding": {"type": "asciifolding", "preserve_original": True},
                "ocop_edge_ngrams": {"type": "edge_ngram", "min_gram": 1, "max_gram": 20},
            },
        },
    }
    properties = body["mappings"]["properties"]
    assert properties["title"] == {
        "type": "text",
        "analyzer": "ocop_folded",
        "fields": {
            "exact": {"type": "text", "analyzer": "ocop_exact"},
            "suggest": {
                "type": "text",
                "analyzer": "ocop_autocomplete",
                "search_analyzer": "ocop_autocomplete_search",
            },
        },
    }
    assert properties["body"] == {"type": "text", "analyzer": "ocop_folded"}
    assert {name: properties[name]["type"] for name in properties} == {
        "kind": "keyword",
        "title": "text",
        "body": "text",
        "producer": "text",
        "url": "keyword",
        "category": "keyword",
        "product_set": "integer",
        "stars": "integer",
        "province_code": "integer",
        "min_price": "integer",
        "image_id": "integer",
        "published_at": "date",
        "visible_from": "date",
        "visible_until": "date",
    }


def test_search_body_with_fuzziness_aggregations_and_post_filter():
    query = SearchQuery(text="bánh gai", filters={"stars": 4, "province": 37}, per_page=20)
    body = build_search(query, DAY).to_dict()
    stars, province = {"term": {"stars": 4}}, {"term": {"province_code": 37}}
    assert body["query"] == {
        "bool": {
            "must": [
                {
                    "bool": {
                        "must": [
                            {
                                "multi_match": {
                                    "query": "bánh gai",
                                    "fields": ["title^4", "producer^2", "body"],
                                    "type": "most_fields",
                                    "operator": "and",
                                    "fuzziness": "AUTO:4,9",
                                }
                            }
                        ],
                        "should": [
                            {"match": {"title.exact": {"query": "bánh gai", "boost": 3}}},
                            {"match_phrase": {"title": {"query": "bánh gai", "boost": 2}}},
                        ],
                    }
                }
            ],
            "filter": [VISIBLE],
        }
    }
    assert body["post_filter"] == {"bool": {"filter": [stars, province]}}
    # Each facet counts under the other chosen filters, never its own.
    assert body["aggs"]["stars"] == {
        "filter": {"bool": {"filter": [province]}},
        "aggs": {"values": {"terms": {"field": "stars", "size": 100}}},
    }
    assert body["aggs"]["province"]["filter"] == {"bool": {"filter": [stars]}}
    assert body["aggs"]["category"]["filter"] == {"bool": {"filter": [stars, province]}}
    assert body["aggs"]["price"] == {
        "filter": {"bool": {"filter": [stars, province]}},
        "aggs": {
            "values": {
                "range": {
                    "field": "min_price",
                    "ranges": [
                        {"key": "-99999", "to": 100000},
                        {"key": "100000-199999", "from": 100000, "to": 200000},
                        {"key": "200000-499999", "from": 200000, "to": 500000},
                        {"key": "500000-999999", "from": 500000, "to": 1000000},
                        {"key": "1000000-", "from": 1000000},
                    ],
                }
            }
        },
    }
    assert list(body["aggs"]) == ["type", "category", "product_set", "stars", "province", "price"]
    assert body["sort"] == [
        "_score",
        {"stars": {"order": "desc", "missing": "_last"}},
        {"_id": "asc"},
    ]
    assert (body["from"], body["size"], body["track_total_hits"]) == (0, 20, True)
    assert body["suggest"] == {"did_you_mean": {"text": "banh gai", "term": {"field": "body"}}}


def test_price_range_sort_and_paging_body():
    query = SearchQuery(filters={"price": (100_000, None)}, sort="-price", page=3, per_page=20)
    body = build_search(query, DAY).to_dict()
    assert body["query"] == {"bool": {"must": [{"match_all": {}}], "filter": [VISIBLE]}}
    assert body["post_filter"] == {"bool": {"filter": [{"range": {"min_price": {"gte": 100000}}}]}}
    assert body["aggs"]["price"]["filter"] == {"match_all": {}}
    assert body["sort"] == [{"min_price": {"order": "desc", "missing": "_last"}}, {"_id": "asc"}]
    assert (body["from"], body["size"]) == (40, 20)
    assert "suggest" not in body


def test_suggest_body_uses_the_edge_ngram_field():
    assert build_suggest("mat o", DAY).to_dict() == {
        "query": {
            "bool": {
                "must": [{"match": {"title.suggest": {"query": "mat o", "operator": "and"}}}],
                "filter": [VISIBLE],
            }
        },
        "_source": ["title", "url", "kind"],
        "size": 8,
    }


@pytest.fixture
def stub():
    server = StubElasticsearch().start()
    elasticsearch_backend._backend.cache_clear()
    with override_settings(ELASTICSEARCH_URL=server.url, ELASTICSEARCH_INDEX_PREFIX="ocop"):
        yield server
    elasticsearch_backend._backend.cache_clear()
    server.stop()


def test_rebuild_fills_a_new_index_and_swaps_the_alias(world, stub):
    indexing.rebuild()
    (first,) = stub.indexes
    assert stub.aliases == {"ocop-search": {first}}
    assert stub.indexes[first]["body"] == json.loads(json.dumps(index_body()))
    assert len(stub.indexes[first]["docs"]) == 8
    banh_gai = stub.indexes[first]["docs"][str(world["banh_gai"].pk)]
    assert banh_gai["title"] == "Bánh gai Ninh Giang"
    assert banh_gai["visible_from"] == "2025-01-15"
    assert " ninh binh " in f" {banh_gai['body']} "
    bulk = stub.requests_to("PUT", "/_bulk") + stub.requests_to("POST", "/_bulk")
    headers = {name.lower(): value for name, value in bulk[0]["headers"].items()}
    assert headers["content-type"].startswith("application/vnd.elasticsearch+x-ndjson")
    # The 8.x client: it asks for Elasticsearch 8 compatible answers (8 and 9 servers).
    assert "compatible-with=8" in headers["accept"]

    indexing.rebuild()
    (second,) = stub.indexes  # the old index is gone
    assert second != first
    assert stub.aliases == {"ocop-search": {second}}
    swap = json.loads(stub.requests_to("POST", "/_aliases")[-1]["body"])
    assert swap == {
        "actions": [
            {"remove": {"index": first, "alias": "ocop-search"}},
            {"add": {"index": second, "alias": "ocop-search"}},
        ]
    }


def test_page_changes_are_mirrored_in_bulk(world, stub, django_capture_on_commit_callbacks):
    indexing.rebuild()
    (name,) = stub.indexes
    docs = stub.indexes[name]["docs"]
    with django_capture_on_commit_callbacks(execute=True):
        world["nuoc_mam"].unpublish()
    assert str(world["nuoc_mam"].pk) not in docs
    with django_capture_on_commit_callbacks(execute=True):
        world["nuoc_mam"].save_revision().publish()
    assert docs[str(world["nuoc_mam"].pk)]["title"] == "Nước mắm Phú Quốc"


def test_update_deletes_documents_that_should_go(world, stub):
    indexing.rebuild()
    (name,) = stub.indexes
    stub.indexes[name]["docs"]["999999"] = {"title": "stale"}
    indexing.update()
    assert "999999" not in stub.indexes[name]["docs"]
    assert len(stub.indexes[name]["docs"]) == 8


def test_search_through_the_stub(world, stub):
    stub.search_response = {
        "took": 2,
        "timed_out": False,
        "hits": {
            "total": {"value": 1, "relation": "eq"},
            "hits": [
                {
                    "_index": "ocop-search-1",
                    "_id": str(world["banh_gai"].pk),
                    "_score": 3.2,
                    "_source": {
                        "kind": "product",
                        "title": "Bánh gai Ninh Giang",
                        "url": "/san-pham/sp-1/",
                        "stars": 4,
                        "min_price": 150000,
                        "province_code": 37,
                        "producer": "HTX",
                        "image_id": None,
                    },
                }
            ],
        },
        "aggregations": {
            "stars": {"doc_count": 1, "values": {"buckets": [{"key": 4, "doc_count": 1}]}},
            "price": {
                "doc_count": 1,
                "values": {
                    "buckets": [
                        {"key": "-99999", "to": 100000.0, "doc_count": 0},
                        {"key": "100000-199999", "from": 100000.0, "to": 200000.0, "doc_count": 1},
                    ]
                },
            },
        },
    }
    query = SearchQuery(text="banh gai", filters={"stars": 4})
    page = services.search(query, on=DAY)
    (sent,) = stub.requests_to("POST", "/ocop-search/_search")
    assert json.loads(sent["body"]) == json.loads(json.dumps(build_search(query, DAY).to_dict()))
    assert page.total == 1
    assert [(hit.page_id, hit.title, hit.min_price) for hit in page.hits] == [
        (world["banh_gai"].pk, "Bánh gai Ninh Giang", 150000)
    ]
    assert [(f.value, f.count, f.chosen) for f in page.facets["stars"]] == [(4, 1, True)]
    assert [(f.value, f.label) for f in page.facets["price"]] == [
        ("100000-199999", "100.000\u00a0₫ – 199.999\u00a0₫")
    ]


def test_did_you_mean_from_the_term_suggester(world, stub):
    stub.search_response = {
        "hits": {"total": {"value": 0, "relation": "eq"}, "hits": []},
        "suggest": {
            "did_you_mean": [
                {"text": "nuoc", "offset": 0, "length": 4, "options": []},
                {
                    "text": "mmam",
                    "offset": 5,
                    "length": 4,
                    "options": [{"text": "mam", "score": 0.7, "freq": 3}],
                },
            ]
        },
    }
    page = services.search(SearchQuery(text="nuoc mmam"), on=DAY)
    assert page.total == 0 and page.suggestion == "nuoc mam"


def test_suggestions_through_the_stub(world, stub):
    stub.search_response = {
        "hits": {
            "total": {"value": 1, "relation": "eq"},
            "hits": [
                {
                    "_id": "8",
                    "_score": 1.0,
                    "_source": {"title": "Mật ong", "url": "/san-pham/mo/", "kind": "product"},
                }
            ],
        }
    }
    suggestions = services.suggest("Mật o", on=DAY)
    assert [(s.title, s.url, s.kind) for s in suggestions] == [
        ("Mật ong", "/san-pham/mo/", "product")
    ]
    (sent,) = stub.requests_to("POST", "/ocop-search/_search")
    assert json.loads(sent["body"]) == build_suggest("mat o", DAY).to_dict()


def test_a_server_without_the_elastic_product_header_is_refused(db, stub):
    stub.product_header = False
    with pytest.raises(UnsupportedProductError):
        services.suggest("banh", on=DAY)

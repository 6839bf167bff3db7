"""The Elasticsearch backend (``ELASTICSEARCH_URL``), written with elasticsearch-dsl.

* Analysis: ``asciifolding`` with ``preserve_original`` (đ folds to d too), so a
  query without accents finds accented words and one with the right accents matches
  both tokens and ranks higher; the ``title.suggest`` sub-field is edge n-grams for
  suggestions as you type; ``fuzziness: AUTO`` forgives typos.
* Facets: one ``filter`` aggregation per facet holding the *other* chosen filters,
  and the chosen filters as ``post_filter``, so each facet counts what choosing one
  of its values would give.
* Visibility: the same date window as the database backend, applied in every query.
* Indexing: documents come from the database ``SearchDocument`` rows. The index is
  reached through an alias; a rebuild fills a new index and swaps the alias in one
  ``_aliases`` call (no downtime), then drops the old index. Writes use the bulk API.
"""

import secrets
from datetime import UTC, datetime
from functools import cache

from django.conf import settings
from elasticsearch import Elasticsearch, helpers
from elasticsearch_dsl import (
    A,
    Date,
    Document,
    Index,
    Integer,
    Keyword,
    Q,
    Search,
    Text,
    analyzer,
    token_filter,
)

from catalog.models.products import today
from search.backends import Hit, Result, Suggestion
from search.query import FACET_FIELDS, FACETS, PRICE_RANGES
from search.text import fold

SUGGESTIONS = 8
MIN_SUGGEST_LENGTH = 2

folding = token_filter("ocop_folding", "asciifolding", preserve_original=True)
edge_ngrams = token_filter("ocop_edge_ngrams", "edge_ngram", min_gram=1, max_gram=20)
folded = analyzer("ocop_folded", tokenizer="standard", filter=["lowercase", folding])
exact = analyzer("ocop_exact", tokenizer="standard", filter=["lowercase"])
autocomplete = analyzer(
    "ocop_autocomplete", tokenizer="standard", filter=["lowercase", "asciifolding", edge_ngrams]
)
autocomplete_search = analyzer(
    "ocop_autocomplete_search", tokenizer="standard", filter=["lowercase", "asciifolding"]
)


class SearchDoc(Document):
    kind = Keyword()
    title = Text(
        analyzer=folded,
        fields={
            "exact": Text(analyzer=exact),
            "suggest": Text(analyzer=autocomplete, search_analyzer=autocomplete_search),
        },
    )
    body = Text(analyzer=folded)
    producer = Text(analyzer=folded, fields={"raw": Keyword()})
    url = Keyword(index=False)
    category = Keyword()
    product_set = Integer()
    stars = Integer()
    province_code = Integer()
    min_price = Integer()
    image_id = Integer(index=False)
    published_at = Date()
    visible_from = Date()
    visible_until = Date()


def index_body():
    """Settings (analysis) and mappings of a search index, as sent on creation."""
    index = Index("ocop-search-template")
    index.settings(number_of_shards=1, number_of_replicas=0, max_ngram_diff=19)
    index.document(SearchDoc)
    return index.to_dict()


def source(document):
    """The Elasticsearch ``_source`` of a database SearchDocument."""
    return {
        "kind": document.kind,
        "title": document.title,
        "body": document.text_folded.strip(),
        "producer": document.producer,
        "url": document.url,
        "category": document.category or None,
        "product_set": document.product_set,
        "stars": document.stars,
        "province_code": document.province_code,
        "min_price": document.min_price,
        "image_id": document.image_id,
        "published_at": document.published_at.isoformat() if document.published_at else None,
        "visible_from": document.visible_from.isoformat() if document.visible_from else None,
        "visible_until": document.visible_until.isoformat() if document.visible_until else None,
    }


def visibility(on):
    """Villages and tours (no window), and products whose window holds ``on``."""
    return Q(
        "bool",
        should=[
            Q("bool", must_not=[Q("exists", field="visible_from")]),
            Q(
                "bool",
                filter=[
                    Q("range", visible_from={"lte": on.isoformat()}),
                    Q("range", visible_until={"gte": on.isoformat()}),
                ],
            ),
        ],
        minimum_should_match=1,
    )


def filter_clauses(filters):
    clauses = []
    for name, value in filters.items():
        if name == "price":
            low, high = value
            bounds = {}
            if low is not None:
                bounds["gte"] = low
            if high is not None:
                bounds["lte"] = high
            clauses.append(Q("range", min_price=bounds))
        else:
            clauses.append(Q("term", **{FACET_FIELDS[name]: value}))
    return clauses


def text_query(text):
    if not text:
        return Q("match_all")
    return Q(
        "bool",
        must=[
            Q(
                "multi_match",
                query=text,
                fields=["title^4", "producer^2", "body"],
                type="most_fields",
                operator="and",
                fuzziness="AUTO:4,9",  # one edit from four letters (a 5-letter word minus one)
            )
        ],
        should=[
            Q("match", **{"title.exact": {"query": text, "boost": 3}}),
            Q("match_phrase", title={"query": text, "boost": 2}),
        ],
    )


SORTS = {
    "price": [{"min_price": {"order": "asc", "missing": "_last"}}, {"_id": "asc"}],
    "-price": [{"min_price": {"order": "desc", "missing": "_last"}}, {"_id": "asc"}],
    "stars": [{"stars": {"order": "desc", "missing": "_last"}}, "_score", {"_id": "asc"}],
    "newest": [{"published_at": {"order": "desc", "missing": "_last"}}, {"_id": "desc"}],
    "relevance": ["_score", {"stars": {"order": "desc", "missing": "_last"}}, {"_id": "asc"}],
}


def build_search(query, on, index="ocop-search", using=None):
    """The elasticsearch-dsl Search for a SearchQuery on day ``on``."""
    text = query.text.strip()
    search = Search(using=using, index=index).extra(track_total_hits=True)
    search = search.query(Q("bool", must=[text_query(text)], filter=[visibility(on)]))
    chosen = filter_clauses(query.filters)
    if chosen:
        search = search.post_filter(Q("bool", filter=chosen))
    for facet in FACETS:
        others = filter_clauses(query.without(facet))
        holder = A("filter", Q("bool", filter=others) if others else Q("match_all"))
        if facet == "price":
            ranges = []
            for low, high in PRICE_RANGES:
                bucket = {"key": f"{'' if low is None else low}-{'' if high is None else high}"}
                if low is not None:
                    bucket["from"] = low
                if high is not None:
                    bucket["to"] = high + 1  # "to" is exclusive
                ranges.append(bucket)
            holder.bucket("values", "range", field="min_price", ranges=ranges)
        else:
            holder.bucket("values", "terms", field=FACET_FIELDS[facet], size=100)
        search.aggs.bucket(facet, holder)
    sort = query.sort if text or query.sort != "relevance" else "newest"
    search = search.sort(*SORTS[sort])
    search = search[query.offset : query.offset + query.per_page]
    if text:
        search = search.suggest("did_you_mean", fold(text), term={"field": "body"})
    return search


def build_suggest(text, on, index="ocop-search", using=None, limit=SUGGESTIONS):
    return (
        Search(using=using, index=index)
        .query(
            Q(
                "bool",
                must=[Q("match", **{"title.suggest": {"query": text, "operator": "and"}})],
                filter=[visibility(on)],
            )
        )
        .source(["title", "url", "kind"])
        .extra(size=limit)
    )


def read_result(response):
    hits = [
        Hit(
            page_id=int(hit.meta.id),
            kind=hit.kind,
            title=hit.title,
            url=hit.url,
            stars=getattr(hit, "stars", None),
            min_price=getattr(hit, "min_price", None),
            province_code=getattr(hit, "province_code", None),
            producer=getattr(hit, "producer", "") or "",
            image_id=getattr(hit, "image_id", None),
        )
        for hit in response
    ]
    facets = {}
    aggregations = response.aggregations.to_dict() if "aggregations" in response else {}
    for facet in FACETS:
        buckets = aggregations.get(facet, {}).get("values", {}).get("buckets", [])
        facets[facet] = [
            (bucket["key"], bucket["doc_count"]) for bucket in buckets if bucket["doc_count"]
        ]
    return Result(total=response.hits.total.value, hits=hits, facets=facets)


def read_suggestion(response, text):
    """The query with each word the term suggester knows a better one for replaced."""
    suggest = response.to_dict().get("suggest", {}).get("did_you_mean", [])
    words, changed = [], False
    for entry in suggest:
        options = entry.get("options", [])
        if options:
            words.append(options[0]["text"])
            changed = True
        else:
            words.append(entry["text"])
    return " ".join(words) if changed else None


class ElasticsearchBackend:
    name = "elasticsearch"

    def __init__(self, url, prefix):
        self.client = Elasticsearch(url, request_timeout=10, retry_on_timeout=True, max_retries=2)
        self.alias = f"{prefix}-search"

    # --- reading -------------------------------------------------------------------
    def search(self, query, on=None):
        response = build_search(query, on or today(), self.alias, self.client).execute()
        result = read_result(response)
        if result.total == 0 and query.text.strip():
            result.suggestion = read_suggestion(response, query.text)
        return result

    def suggest(self, text_folded, on=None, limit=SUGGESTIONS):
        if len(text_folded) < MIN_SUGGEST_LENGTH:
            return []
        response = build_suggest(
            text_folded, on or today(), self.alias, self.client, limit
        ).execute()
        return [Suggestion(hit.title, hit.url, hit.kind) for hit in response]

    # --- writing -------------------------------------------------------------------
    def new_index_name(self):
        return f"{self.alias}-{datetime.now(UTC):%Y%m%d%H%M%S}-{secrets.token_hex(3)}"

    def create_index(self, name):
        self.client.indices.create(index=name, **index_body())

    def ensure_index(self):
        if not self.client.indices.exists_alias(name=self.alias):
            name = self.new_index_name()
            self.create_index(name)
            self.client.indices.update_aliases(
                actions=[{"add": {"index": name, "alias": self.alias}}]
            )

    def _index_actions(self, documents, index):
        for document in documents:
            yield {
                "_op_type": "index",
                "_index": index,
                "_id": document.page_id,
                "_source": source(document),
            }

    def index(self, documents):
        if not documents:
            return 0
        self.ensure_index()
        indexed, _errors = helpers.bulk(self.client, self._index_actions(documents, self.alias))
        return indexed

    def remove(self, page_ids):
        if not page_ids:
            return 0
        self.ensure_index()
        actions = ({"_op_type": "delete", "_index": self.alias, "_id": pk} for pk in page_ids)
        removed, _errors = helpers.bulk(self.client, actions, raise_on_error=False)
        return removed

    def rebuild(self, documents):
        """Fill a new index, then point the alias at it and drop the old one(s)."""
        name = self.new_index_name()
        self.create_index(name)
        helpers.bulk(self.client, self._index_actions(documents, name))
        self.client.indices.refresh(index=name)
        old = []
        if self.client.indices.exists_alias(name=self.alias):
            old = list(self.client.indices.get_alias(name=self.alias).body)
        actions = [{"remove": {"index": index, "alias": self.alias}} for index in old]
        actions.append({"add": {"index": name, "alias": self.alias}})
        self.client.indices.update_aliases(actions=actions)
        for index in old:
            self.client.indices.delete(index=index)
        return name

    def update(self, documents):
        """Re-index every document in the live index and delete those that should go."""
        self.index(documents)
        wanted = {str(document.page_id) for document in documents}
        present = {
            hit["_id"]
            for hit in helpers.scan(self.client, index=self.alias, query={"_source": False})
        }
        self.remove(sorted(present - wanted))


@cache
def _backend(url, prefix):
    return ElasticsearchBackend(url, prefix)


def get():
    """The Elasticsearch backend when ELASTICSEARCH_URL is set, else None."""
    if not settings.ELASTICSEARCH_URL:
        return None
    return _backend(settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_INDEX_PREFIX)

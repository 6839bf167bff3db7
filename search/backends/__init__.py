"""Search backends: the database (embedded default) and Elasticsearch.

Both answer the same questions with the same shapes (``Hit``, ``Result``,
``Suggestion``); ``search.services`` adds labels, promotions and the query log.
"""

from dataclasses import dataclass, field


@dataclass
class Hit:
    page_id: int
    kind: str
    title: str
    url: str
    stars: int | None = None
    min_price: int | None = None
    province_code: int | None = None
    producer: str = ""
    image_id: int | None = None


@dataclass
class Result:
    total: int
    hits: list
    facets: dict  # facet name → [(value, count)], values as the filter parameter takes them
    suggestion: str | None = None
    corrections: dict = field(default_factory=dict)  # query word → words it also matched


@dataclass
class Suggestion:
    title: str
    url: str
    kind: str


def get_backend():
    """Elasticsearch when ELASTICSEARCH_URL is set, the database otherwise."""
    from . import elasticsearch_backend
    from .database import DatabaseBackend

    return elasticsearch_backend.get() or DatabaseBackend()

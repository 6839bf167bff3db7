"""Search for shoppers: one entry point for the page, the JSON API and the benchmark.

``search()`` asks the backend (database or Elasticsearch), then labels the facets,
adds the editors' promoted results (Wagtail search promotions) and the card images.
``log_query()`` counts each query per day for the editors' report.
"""

import time
from dataclasses import dataclass

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.images import get_image_model

from catalog import places
from catalog.models import ProductCategory, ProductSet
from catalog.models.products import today
from cms.formatting import format_vnd
from search.backends import get_backend
from search.models import DocumentKind, QueryLogEntry
from search.query import FACETS, SORTS, SearchQuery, parse
from search.text import fold

CARD_IMAGE = "fill-480x360"

__all__ = ["SORTS", "SearchQuery", "log_query", "parse", "search", "suggest"]


@dataclass
class FacetValue:
    value: object
    label: str
    count: int
    chosen: bool


@dataclass
class SearchPage:
    query: SearchQuery
    total: int
    hits: list
    facets: dict  # facet name → [FacetValue]
    suggestion: str | None
    corrections: dict
    promoted: list  # [{"title", "url", "description"}]
    images: dict  # image id → card rendition URL

    @property
    def pages(self):
        return max(1, -(-self.total // self.query.per_page))


def search(query, on=None):
    """Run ``query`` (a SearchQuery) on the configured backend, on day ``on`` (today)."""
    result = get_backend().search(query, on or today())
    return SearchPage(
        query=query,
        total=result.total,
        hits=result.hits,
        facets=label_facets(result.facets, query),
        suggestion=result.suggestion,
        corrections=result.corrections,
        promoted=promoted(query.text) if query.page == 1 else [],
        images=card_images({hit.image_id for hit in result.hits if hit.image_id}),
    )


def suggest(text, on=None):
    """Up to 8 suggestions (title, url, type) for what has been typed so far."""
    return get_backend().suggest(fold(text), on or today())


# --- labels ----------------------------------------------------------------------
def price_label(value):
    low, _sep, high = value.partition("-")
    if not low:
        return _("Dưới %(price)s") % {"price": format_vnd(int(high) + 1)}
    if not high:
        return _("Từ %(price)s") % {"price": format_vnd(int(low))}
    return f"{format_vnd(int(low))} – {format_vnd(int(high))}"


TAXONOMY_SECONDS = 300


def taxonomy_labels():
    """({category slug: name}, {set number: "n. name"}) in the current language.

    The 6 categories and 26 product sets are loaded by migration and change with a
    government decision, not daily: read them once per process and five minutes."""
    language = get_language() or ""
    cached = _taxonomy.get(language)
    if cached is None or cached[0] < time.monotonic():
        categories = {c.slug: c.display_name for c in ProductCategory.objects.all()}
        product_sets = {s.number: f"{s.number}. {s.display_name}" for s in ProductSet.objects.all()}
        cached = _taxonomy[language] = (
            time.monotonic() + TAXONOMY_SECONDS,
            categories,
            product_sets,
        )
    return cached[1], cached[2]


_taxonomy = {}


def label_facets(facets, query):
    categories, product_sets = taxonomy_labels()
    kinds = dict(DocumentKind.choices)

    def label(name, value):
        if name == "type":
            return str(kinds.get(value, value))
        if name == "category":
            return categories.get(value, value)
        if name == "product_set":
            return product_sets.get(value, str(value))
        if name == "stars":
            return ngettext("%(stars)s sao", "%(stars)s sao", value) % {"stars": value}
        if name == "province":
            province = places.province_by_code(value)
            return province.name if province else str(value)
        return price_label(value)

    price = query.filters.get("price")
    chosen_price = (
        f"{'' if price[0] is None else price[0]}-{'' if price[1] is None else price[1]}"
        if price
        else None
    )
    labelled = {}
    for name in FACETS:
        chosen = chosen_price if name == "price" else query.filters.get(name)
        values = [
            FacetValue(value, label(name, value), count, value == chosen)
            for value, count in facets.get(name, [])
        ]
        if name in ("product_set", "stars"):
            values.sort(key=lambda item: -item.value if name == "stars" else item.value)
        labelled[name] = values
    return labelled


# --- promotions and images -------------------------------------------------------
PROMOTIONS_KEY = "search:promotions"


def all_promotions():
    """{folded query: [promoted result]} of every Wagtail search promotion, cached until a
    promotion, its query or a page changes (see search.signals)."""
    promotions = cache.get(PROMOTIONS_KEY)
    if promotions is None:
        promotions = {}
        rows = SearchPromotion.objects.select_related("query", "page").order_by("sort_order", "pk")
        for promotion in rows:
            if promotion.page_id:
                if not promotion.page.live:
                    continue
                title, url = promotion.page.title, promotion.page.url
            else:
                title, url = promotion.external_link_text, promotion.external_link_url
            promotions.setdefault(fold(promotion.query.query_string), []).append(
                {"title": title, "url": url, "description": promotion.description}
            )
        cache.set(PROMOTIONS_KEY, promotions, timeout=3600)
    return promotions


def forget_promotions():
    cache.delete(PROMOTIONS_KEY)


def promoted(text):
    """Editors' promoted results for this query (Wagtail search promotions), compared
    folded: a promotion for "bánh gai" also answers "banh gai"."""
    folded = fold(text)
    return all_promotions().get(folded, []) if folded else []


def card_images(image_ids):
    """{image id: URL of its card rendition}, loaded in two queries."""
    if not image_ids:
        return {}
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec=CARD_IMAGE)
    from django.db.models import Prefetch

    images = (
        get_image_model()
        .objects.filter(pk__in=image_ids)
        .prefetch_related(Prefetch("renditions", queryset=renditions))
    )
    urls = {}
    for image in images:
        try:
            urls[image.pk] = image.get_rendition(CARD_IMAGE).url
        except (OSError, ValueError):  # a missing or unreadable file: no picture
            continue
    return urls


# --- query log -------------------------------------------------------------------
def log_query(text, total, on=None):
    """Count a search of ``text`` (folded) on its day; remembers whether it found nothing."""
    folded = fold(text)[:200]
    if not folded:
        return
    day = on or today()
    changes = {
        "searches": F("searches") + 1,
        "zero_hits": F("zero_hits") + (1 if total == 0 else 0),
        "last_total": total,
    }
    if QueryLogEntry.objects.filter(day=day, query=folded).update(**changes):
        return
    try:
        with transaction.atomic():
            QueryLogEntry.objects.create(
                day=day, query=folded, searches=1, zero_hits=int(total == 0), last_total=total
            )
    except IntegrityError:  # another request created it meanwhile
        QueryLogEntry.objects.filter(day=day, query=folded).update(**changes)


def query_report(days=30, limit=50, on=None):
    """The most frequent queries and those that found nothing, over the last ``days``."""
    from datetime import timedelta

    from django.db.models import Max, Sum

    since = (on or today()) - timedelta(days=days - 1)
    entries = (
        QueryLogEntry.objects.filter(day__gte=since)
        .values("query")
        .annotate(searches=Sum("searches"), zero_hits=Sum("zero_hits"), last_day=Max("day"))
    )
    return {
        "since": since,
        "frequent": list(entries.order_by("-searches", "query")[:limit]),
        "zero_hits": list(entries.filter(zero_hits__gt=0).order_by("-zero_hits", "query")[:limit]),
    }


# --- JSON ------------------------------------------------------------------------
def as_json(page):
    """The public shape of ``GET /api/search/`` (docs/search.md)."""
    return {
        "total": page.total,
        "page": page.query.page,
        "pages": page.pages,
        "results": [
            {
                "type": hit.kind,
                "id": hit.page_id,
                "title": hit.title,
                "url": hit.url,
                "stars": hit.stars,
                "min_price": hit.min_price,
                "province": province_json(hit.province_code),
                "producer": hit.producer or None,
                "image": page.images.get(hit.image_id),
            }
            for hit in page.hits
        ],
        "facets": {
            name: [
                {"value": item.value, "label": item.label, "count": item.count} for item in values
            ]
            for name, values in page.facets.items()
        },
        "suggestion": page.suggestion,
        "promoted": page.promoted,
    }


def province_json(code):
    province = places.province_by_code(code) if code else None
    return {"code": code, "name": province.name} if province else None

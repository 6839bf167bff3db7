"""Keeping the index true: the write side of search. Tasks and the command call these.

The database documents (``SearchDocument`` + the ``SearchTerm`` vocabulary) are always
kept: they are the database backend's index and the source Elasticsearch is fed from.
When ``ELASTICSEARCH_URL`` is set every change is mirrored there too.
"""

import time
from collections import Counter
from dataclasses import dataclass

from django.db import transaction

from catalog.models import ProductPage
from search.backends import elasticsearch_backend
from search.documents import all_documents
from search.models import SearchDocument, SearchTerm

BATCH = 1000
MIN_TERM_LENGTH = 3
MAX_TERM_LENGTH = 60


@dataclass
class IndexReport:
    documents: int
    removed: int
    seconds: float
    elasticsearch: bool


def terms_of(text_folded):
    """Vocabulary words of a document's folded text (digits and short words left out)."""
    return {
        word
        for word in text_folded.split()
        if MIN_TERM_LENGTH <= len(word) <= MAX_TERM_LENGTH and not word.isdigit()
    }


def _add_terms(documents):
    terms = set()
    for document in documents:
        terms |= terms_of(document.text_folded)
    SearchTerm.objects.bulk_create(
        [SearchTerm(term=term) for term in sorted(terms)], batch_size=BATCH, ignore_conflicts=True
    )


def _rebuild_terms(documents):
    counts = Counter()
    for document in documents:
        counts.update(terms_of(document.text_folded))
    SearchTerm.objects.all().delete()
    SearchTerm.objects.bulk_create(
        [SearchTerm(term=term, documents=count) for term, count in sorted(counts.items())],
        batch_size=BATCH,
    )


def refresh_pages(page_ids):
    """Re-read the given pages: index those that should be searchable, drop the others.

    In chunks of BATCH pages (SQLite caps the parameters of one statement)."""
    page_ids = sorted(set(page_ids))
    if len(page_ids) <= BATCH:
        return _refresh_chunk(page_ids)
    started = time.perf_counter()
    reports = [_refresh_chunk(page_ids[i : i + BATCH]) for i in range(0, len(page_ids), BATCH)]
    return IndexReport(
        sum(report.documents for report in reports),
        sum(report.removed for report in reports),
        time.perf_counter() - started,
        any(report.elasticsearch for report in reports),
    )


def _refresh_chunk(page_ids):
    if not page_ids:
        return IndexReport(0, 0, 0.0, False)
    started = time.perf_counter()
    documents = all_documents(page_ids)
    kept = {document.page_id for document in documents}
    gone = [pk for pk in page_ids if pk not in kept]
    with transaction.atomic():
        SearchDocument.objects.filter(page_id__in=page_ids).delete()
        SearchDocument.objects.bulk_create(documents, batch_size=BATCH)
        _add_terms(documents)
    engine = elasticsearch_backend.get()
    if engine is not None:
        engine.index(documents)
        engine.remove(gone)
    return IndexReport(len(documents), len(gone), time.perf_counter() - started, engine is not None)


def refresh_products(product_ids):
    """After a certification change: re-read the pages of these products."""
    product_ids = sorted(set(product_ids))
    page_ids = []
    for start in range(0, len(product_ids), BATCH):
        chunk = product_ids[start : start + BATCH]
        page_ids += ProductPage.objects.filter(product_id__in=chunk).values_list("pk", flat=True)
        page_ids += SearchDocument.objects.filter(product_id__in=chunk).values_list(
            "page_id", flat=True
        )
    return refresh_pages(page_ids)


def remove_pages(page_ids):
    page_ids = sorted(set(page_ids))
    removed, _detail = SearchDocument.objects.filter(page_id__in=page_ids).delete()
    engine = elasticsearch_backend.get()
    if engine is not None:
        engine.remove(page_ids)
    return removed


def drop_expired(on=None):
    """Daily: documents whose window closed are removed (queries hide them already)."""
    from catalog.models.products import today

    expired = list(
        SearchDocument.objects.filter(visible_until__lt=on or today()).values_list(
            "page_id", flat=True
        )
    )
    return remove_pages(expired) if expired else 0


def rebuild():
    """Everything from scratch. On Elasticsearch: a new index, swapped in under the alias."""
    started = time.perf_counter()
    documents = all_documents()
    with transaction.atomic():
        removed, _detail = SearchDocument.objects.all().delete()
        SearchDocument.objects.bulk_create(documents, batch_size=BATCH)
        _rebuild_terms(documents)
    engine = elasticsearch_backend.get()
    if engine is not None:
        engine.rebuild(documents)
    return IndexReport(
        len(documents),
        max(removed - len(documents), 0),
        time.perf_counter() - started,
        engine is not None,
    )


def update():
    """Bring the live index in line with the pages: re-index all, drop what should go."""
    started = time.perf_counter()
    documents = all_documents()
    kept = {document.page_id for document in documents}
    with transaction.atomic():
        existing = set(SearchDocument.objects.values_list("page_id", flat=True))
        stale = existing - kept
        SearchDocument.objects.all().delete()
        SearchDocument.objects.bulk_create(documents, batch_size=BATCH)
        _rebuild_terms(documents)
    engine = elasticsearch_backend.get()
    if engine is not None:
        engine.update(documents)
    return IndexReport(
        len(documents), len(stale), time.perf_counter() - started, engine is not None
    )


def pages_of_producer(producer_id):
    """Pages whose document names the producer: its products and the tours it runs."""
    from tours.models import TourPage

    return [
        *ProductPage.objects.filter(product__producer_id=producer_id).values_list("pk", flat=True),
        *TourPage.objects.filter(operator_id=producer_id).values_list("pk", flat=True),
    ]


def pages_around_village(page_id):
    """The village, the tours visiting it and its producers' product pages."""
    from tours.models import CraftVillagePage, TourPage

    village = CraftVillagePage.objects.filter(pk=page_id).first()
    if village is None:
        return [page_id]
    return [
        page_id,
        *TourPage.objects.filter(villages=village).values_list("pk", flat=True),
        *ProductPage.objects.filter(product__producer__in=village.located_producers()).values_list(
            "pk", flat=True
        ),
    ]

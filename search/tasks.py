"""Celery tasks keeping the search index true (eager in-process without Redis)."""

from celery import shared_task

from search import indexing


@shared_task
def refresh_pages(page_ids):
    """Re-index (or drop) these pages after a publish, unpublish or edit."""
    return indexing.refresh_pages(page_ids).documents


@shared_task
def refresh_products(product_ids):
    """A certification changed (registry sync, revocation, the daily sweep)."""
    return indexing.refresh_products(product_ids).documents


@shared_task
def refresh_village(page_id):
    """A village names its producers' products and the tours visiting it: re-read them."""
    return indexing.refresh_pages(indexing.pages_around_village(page_id)).documents


@shared_task
def refresh_producer(producer_id):
    return indexing.refresh_pages(indexing.pages_of_producer(producer_id)).documents


@shared_task
def remove_pages(page_ids):
    return indexing.remove_pages(page_ids)


@shared_task
def daily_sweep():
    """Just after midnight: drop the documents whose certificate window closed."""
    return indexing.drop_expired()


@shared_task
def update_index():
    return indexing.update().documents

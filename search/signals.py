"""What changes the index: every handler queues a Celery task once the transaction commits."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from catalog.models import Producer, ProductPage
from catalog.signals import certification_changed
from search import tasks
from tours.models import CraftVillagePage, TourPage

INDEXED_PAGES = (ProductPage, CraftVillagePage, TourPage)


def _later(task, *args):
    # robust: an unreachable broker or Elasticsearch (tasks run eagerly without Redis)
    # is logged, never turned into an error for the editor who published; the nightly
    # update_index catches up.
    transaction.on_commit(lambda: task.delay(*args), robust=True)


def page_changed(sender, instance, **kwargs):
    if isinstance(instance, CraftVillagePage):
        _later(tasks.refresh_village, instance.pk)
    elif isinstance(instance, INDEXED_PAGES):
        _later(tasks.refresh_pages, [instance.pk])


def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, INDEXED_PAGES):
        _later(tasks.remove_pages, [instance.pk])


def certifications_changed(sender, product_ids, **kwargs):
    _later(tasks.refresh_products, list(product_ids))


def producer_saved(sender, instance, created, raw=False, **kwargs):
    if not created and not raw:
        _later(tasks.refresh_producer, instance.pk)


def promotions_changed(sender, **kwargs):
    from search.services import forget_promotions

    forget_promotions()


def connect():
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    for model in (SearchPromotion, Query):
        post_save.connect(promotions_changed, sender=model, dispatch_uid=f"search-{model.__name__}")
        post_delete.connect(
            promotions_changed, sender=model, dispatch_uid=f"search-del-{model.__name__}"
        )
    # A promoted page's title, address or live state may change with any publish.
    page_published.connect(promotions_changed, dispatch_uid="search-promoted-published")
    page_unpublished.connect(promotions_changed, dispatch_uid="search-promoted-unpublished")

    page_published.connect(page_changed, dispatch_uid="search-page-published")
    page_unpublished.connect(page_changed, dispatch_uid="search-page-unpublished")
    for model in INDEXED_PAGES:
        post_delete.connect(
            page_deleted, sender=model, dispatch_uid=f"search-delete-{model.__name__}"
        )
    certification_changed.connect(certifications_changed, dispatch_uid="search-certification")
    post_save.connect(producer_saved, sender=Producer, dispatch_uid="search-producer-saved")

"""Keeping the index true: publish, unpublish, delete, certification changes, the
daily sweep, and ``search_index --rebuild|--update``."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import CommandError, call_command

from catalog import services as catalog_services
from catalog.models import ProductPage
from catalog.registry import services as registry
from search import indexing, tasks
from search.documents import product_documents
from search.models import SearchDocument, SearchTerm
from tests.catalog.conftest import EXPIRED_DECISION, RENEWAL_DECISION, VALID_DECISION
from tests.factories import make_product, make_product_page

from .conftest import LAST_DAY, TODAY, product


def indexed():
    return set(SearchDocument.objects.values_list("title", flat=True))


def test_publish_and_unpublish_update_the_index_through_tasks(
    world, home_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = product(home_page, "Cốm làng Vòng", product_set=6)
        page.save_revision().publish()
    assert "Cốm làng Vòng" in indexed()
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert "Cốm làng Vòng" not in indexed()


def test_a_deleted_page_leaves_the_index(world, django_capture_on_commit_callbacks):
    village = world["village"]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        village.delete()
    assert callbacks  # the removal task was queued
    assert "Làng gốm Bát Tràng" not in indexed()


def test_revocation_from_the_registry_removes_the_product(
    world, django_capture_on_commit_callbacks
):
    certification = world["nuoc_mam"].product.current_certification
    with django_capture_on_commit_callbacks(execute=True):
        catalog_services.revoke_certification(
            certification, revoked_on=TODAY, decision="5/QĐ-UBND", reason="Vi phạm"
        )
    assert "Nước mắm Phú Quốc" not in indexed()


def test_a_new_certification_brings_a_product_in(
    world, home_page, django_capture_on_commit_callbacks
):
    page = world["uncertified"]
    assert page.title not in indexed()
    with django_capture_on_commit_callbacks(execute=True):
        catalog_services.record_certification(
            page.product,
            stars=4,
            score="80",
            decision_number="9/QĐ-UBND",
            decision_date=VALID_DECISION,
            level="province",
        )
    assert page.title in indexed()


def test_the_daily_sweep_drops_what_expired_overnight(world):
    assert "Bánh đa kế hết hạn hôm nay" in indexed()
    tomorrow = TODAY + timedelta(days=1)
    with time_machine.travel(tomorrow, tick=False):
        registry.daily_sweep(tomorrow, days=1)  # certification_changed for the expiry
        tasks.daily_sweep.delay()
    assert "Bánh đa kế hết hạn hôm nay" not in indexed()


def test_a_producer_renamed_is_searchable_under_its_new_name(
    world, django_capture_on_commit_callbacks
):
    producer = world["dau_phu"].product.producer
    with django_capture_on_commit_callbacks(execute=True):
        producer.name = "Hợp tác xã đậu làng Mơ Thượng"
        producer.save()
    assert " thuong " in SearchDocument.objects.get(page=world["dau_phu"]).text_folded


def test_documents_follow_the_catalogues_visibility_rule_day_by_day(today, home_page):
    pages = [
        make_product_page(home_page, make_product(decision_date=decision))
        for decision in (VALID_DECISION, RENEWAL_DECISION, EXPIRED_DECISION, LAST_DAY)
    ]
    revoked = make_product(decision_date=VALID_DECISION)
    catalog_services.revoke_certification(
        revoked.current_certification, revoked_on=TODAY + timedelta(days=3)
    )
    pages.append(make_product_page(home_page, revoked))
    pages.append(make_product_page(home_page, make_product(stars=2, score="40")))
    documents = product_documents()
    for offset in range(-2, 800, 7):
        day = TODAY + timedelta(days=offset)
        shown = {d.page_id for d in documents if d.visible_from <= day <= d.visible_until}
        purchasable = set(ProductPage.objects.purchasable(on=day).values_list("pk", flat=True))
        # Documents are built today: products that expired before today are not in them.
        assert shown == {pk for pk in purchasable if day >= TODAY or pk in shown}, day
        assert shown <= purchasable


def test_search_index_command_rebuild_and_update(world, capsys):
    SearchDocument.objects.all().delete()
    SearchTerm.objects.all().delete()
    call_command("search_index", "--rebuild")
    assert "8 documents indexed" in capsys.readouterr().out
    # Ninh Giang, Hà Giang, and An Giang (the province of the fish sauce's producer).
    assert SearchTerm.objects.get(term="giang").documents == 3
    SearchDocument.objects.filter(page=world["che"]).delete()
    ProductPage.objects.filter(pk=world["nuoc_mam"].pk).update(live=False)
    call_command("search_index", "--update")
    out = capsys.readouterr().out
    assert "7 documents indexed, 1 removed" in out
    assert "Chè Shan tuyết Hà Giang" in indexed() and "Nước mắm Phú Quốc" not in indexed()


def test_search_index_needs_one_action():
    with pytest.raises(CommandError, match="--rebuild --update"):
        call_command("search_index")


def test_refresh_pages_is_set_based(world, django_assert_max_num_queries):
    ids = [page.pk for page in world.values()]
    with django_assert_max_num_queries(16):
        report = indexing.refresh_pages(ids)
    assert report.documents == 8 and report.removed == len(ids) - 8


def test_large_refreshes_go_in_chunks(world, monkeypatch):
    monkeypatch.setattr(indexing, "BATCH", 3)
    SearchDocument.objects.all().delete()
    product_ids = [page.product_id for page in world.values() if hasattr(page, "product_id")]
    report = indexing.refresh_products(product_ids)
    assert report.documents == 6  # the six visible products
    assert SearchDocument.objects.filter(kind="product").count() == 6


def test_an_unreachable_elasticsearch_does_not_fail_a_publish(
    world, settings, django_capture_on_commit_callbacks
):
    from search.backends import elasticsearch_backend

    elasticsearch_backend._backend.cache_clear()
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    try:
        with django_capture_on_commit_callbacks(execute=True):
            world["che"].save_revision().publish()
    finally:
        elasticsearch_backend._backend.cache_clear()
    # The database documents were written before Elasticsearch was tried.
    assert SearchDocument.objects.filter(page=world["che"]).exists()

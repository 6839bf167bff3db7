"""Issue 4 acceptance: the sample list as CSV, XLSX and paginated JSON; bad sources; dry run."""

from datetime import date
from io import StringIO

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.models import (
    Certification,
    Producer,
    Product,
    ProductPage,
    SyncProblem,
    SyncRun,
    SyncStatus,
)
from catalog.registry.services import WRITER_LOCK
from catalog.rules import CertificateStatus
from tests.factories import make_product

from .conftest import Route
from .sources import json_pages, sample_json_items, write_sample_xlsx

pytestmark = pytest.mark.django_db

TODAY = date(2025, 9, 1)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


# The rows the sample marks wrong in its `ghi chú` column: (STT, column, problem code).
EXPECTED_ERRORS = {
    ("14", "stars_score_mismatch"),
    ("15", "missing_value"),
    ("15", "impossible_date"),
    ("16", "duplicate_row"),
}


def run_command(source, *args):
    out = StringIO()
    call_command("sync_registry", str(source), *args, stdout=out)
    return SyncRun.objects.latest("pk"), out.getvalue()


def catalogue_state():
    """What the registry sync is responsible for, independent of primary keys."""
    return sorted(
        (
            cert.product.name,
            cert.product.producer.name,
            cert.stars,
            cert.score,
            cert.certificate_number,
            cert.decision_number,
            cert.decision_date,
            cert.revoked_on,
            str(cert.status(TODAY)),
            cert.product.current_certification_id == cert.pk,
            cert.product.producer.province_code,
            cert.product.producer.ward_code,
        )
        for cert in Certification.objects.select_related("product__producer")
    )


def error_keys(run):
    return {(p.record_id, p.code) for p in run.problems.filter(severity="error")}


def test_sample_csv_imports_good_rows_and_reports_the_wrong_ones(sample_path):
    run, output = run_command(sample_path)

    assert run.status == SyncStatus.SUCCEEDED
    assert (run.rows_total, run.rows_rejected, run.created, run.errors) == (16, 3, 13, 4)
    assert error_keys(run) == EXPECTED_ERRORS
    by_code = {p.code: p for p in run.problems.all()}
    assert by_code["stars_score_mismatch"].row_number == 15
    assert by_code["stars_score_mismatch"].column == "Hạng sao"
    assert "74" in by_code["stars_score_mismatch"].message_vi
    assert by_code["missing_value"].column == "Địa chỉ"
    assert "31/02/2024" in by_code["impossible_date"].message_vi
    assert by_code["duplicate_row"].row_number == 17
    assert (
        "7" in by_code["duplicate_row"].message_vi
        and "STT 6" in by_code["duplicate_row"].message_vi
    )
    assert all(p.message_en and p.message_en != p.message_vi for p in run.problems.all())
    assert "dòng 15" in output and "dòng 17" in output

    assert Product.objects.count() == 13
    assert not Product.objects.filter(name="Rượu nếp cái hoa vàng").exists()
    assert not Product.objects.filter(name="Kẹo Sìu Châu").exists()
    assert not ProductPage.objects.exists()
    assert Product.objects.filter(from_registry=True, needs_review=True).count() == 13

    revoked = Product.objects.get(name="Nem chua Nghĩa Hưng").current_certification
    assert revoked.status(TODAY) == CertificateStatus.REVOKED
    assert revoked.revoked_on == date(2025, 5, 2)
    assert "an toàn thực phẩm" in revoked.revocation_reason
    expired = Product.objects.get(name="Muối biển sạch Bạch Long").current_certification
    assert expired.status(TODAY) == CertificateStatus.EXPIRED
    certified = set(Product.objects.certified().values_list("name", flat=True))
    assert "Bánh gai Hương Cúc" in certified
    assert not {"Nem chua Nghĩa Hưng", "Muối biển sạch Bạch Long"} & certified

    household = Producer.objects.get(name="Hộ kinh doanh Nguyễn Văn Dũng")
    assert household.products.count() == 4
    assert household.original_address == "xã Yên Cường, huyện Ý Yên, tỉnh Nam Định"
    assert household.province_code == 37  # Nam Định is part of Ninh Bình since 2025
    assert household.from_registry and household.needs_review


def test_running_the_sample_again_changes_nothing_and_writes_no_certification(sample_path):
    run_command(sample_path)
    certifications_before = list(Certification.objects.values_list("pk", "created_at"))
    products_before = list(Product.objects.values_list("pk", "updated_at"))

    with CaptureQueriesContext(connection) as queries:
        run, _ = run_command(sample_path)

    assert (run.unchanged, run.created, run.updated, run.revoked) == (13, 0, 0, 0)
    assert run.renewed == run.upgraded == run.downgraded == 0
    assert error_keys(run) == EXPECTED_ERRORS
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        and any(
            t in q["sql"] for t in ("catalog_certification", "catalog_product", "catalog_producer")
        )
    ]
    assert writes == []
    assert list(Certification.objects.values_list("pk", "created_at")) == certifications_before
    assert list(Product.objects.values_list("pk", "updated_at")) == products_before


def test_xlsx_gives_the_same_result_as_csv(sample_path, tmp_path):
    csv_run, _ = run_command(sample_path)
    from_csv = catalogue_state()
    Certification.objects.all().delete()
    Product.objects.all().delete()
    Producer.objects.all().delete()

    xlsx_run, _ = run_command(write_sample_xlsx(tmp_path / "danh-sach.xlsx"))

    assert xlsx_run.format == "xlsx"
    assert catalogue_state() == from_csv
    assert xlsx_run.counts() == csv_run.counts()
    assert error_keys(xlsx_run) == EXPECTED_ERRORS
    # One title row above the header: the spreadsheet's own row numbers are reported.
    mismatch = xlsx_run.problems.get(code="stars_score_mismatch")
    assert mismatch.row_number == 16


def test_paginated_json_with_a_failing_page_gives_the_same_result(
    sample_path, feed_server, fast_http
):
    run_command(sample_path)
    from_csv = catalogue_state()
    Certification.objects.all().delete()
    Product.objects.all().delete()
    Producer.objects.all().delete()
    pages = json_pages(
        sample_json_items(), 5, lambda n: feed_server.url(f"/api/products/?page={n}")
    )
    first = feed_server.add("/api/products/", Route(pages[0]))
    flaky = Route(pages[1], fail_times=1)
    feed_server.add("/api/products/?page=2", flaky)
    for number, page in enumerate(pages[2:], start=3):
        feed_server.add(f"/api/products/?page={number}", Route(page))

    run, _ = run_command(first)

    assert run.status == SyncStatus.SUCCEEDED and run.format == "json"
    assert flaky.hits == 2  # answered 500 once, then retried
    assert run.rows_total == 16
    assert error_keys(run) == EXPECTED_ERRORS
    assert run.created == 13
    # The national listing has no district level: compare everything else.
    assert catalogue_state() == from_csv


def _existing_product():
    product = make_product(name="Chè Shan tuyết", decision_date=date(2024, 1, 10))
    return product, catalogue_state(), Product.objects.count()


def _assert_failed_without_change(run, before, products, *fragments):
    assert run.status == SyncStatus.FAILED
    assert run.problems.count() == 1
    for fragment in fragments:
        assert fragment in run.error_vi or fragment in run.error_en
    assert catalogue_state() == before
    assert Product.objects.count() == products


def test_missing_required_columns_is_one_error_naming_them(tmp_path):
    _, before, products = _existing_product()
    source = tmp_path / "thieu-cot.csv"
    source.write_text(
        "STT;Tên sản phẩm;Chủ thể;Địa chỉ;Số quyết định;Ngày quyết định\n"
        "1;Bánh gai;Cơ sở Hương Cúc;tỉnh Nam Định;1/QĐ-UBND;01/02/2024\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="Điểm"):
        run_command(source)
    run = SyncRun.objects.get()
    _assert_failed_without_change(run, before, products, "Điểm (score)", "Hạng sao (stars)")
    assert "Tên sản phẩm" not in run.error_vi


@pytest.mark.parametrize(
    ("content", "suffix", "fragment"),
    [
        (b"", ".csv", "rỗng"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00", ".csv", "nhị phân"),
        (b"PK\x03\x04not really a workbook", ".xlsx", "XLSX"),
    ],
    ids=["empty", "binary", "broken-xlsx"],
)
def test_unreadable_files_are_one_clear_error_and_change_nothing(
    tmp_path, content, suffix, fragment
):
    _, before, products = _existing_product()
    source = tmp_path / f"nguon{suffix}"
    source.write_bytes(content)
    with pytest.raises(CommandError):
        run_command(source)
    _assert_failed_without_change(SyncRun.objects.get(), before, products, fragment)


def test_a_url_that_times_out_is_one_clear_error_and_changes_nothing(feed_server, fast_http):
    fast_http.OCOP_REGISTRY_TIMEOUT = 0.2
    fast_http.OCOP_REGISTRY_RETRIES = 1
    _, before, products = _existing_product()
    slow = Route({"results": []}, sleep=1)
    url = feed_server.add("/slow.json", slow)
    with pytest.raises(CommandError, match="thời gian chờ"):
        run_command(url)
    assert slow.hits == 2
    _assert_failed_without_change(SyncRun.objects.get(), before, products, url)


def test_a_page_failing_mid_feed_changes_nothing(feed_server, fast_http):
    _, before, products = _existing_product()
    pages = json_pages(sample_json_items(), 8, lambda n: feed_server.url(f"/p{n}"))
    first = feed_server.add("/p1", Route(pages[0]))
    feed_server.add("/p2", Route(pages[1], fail_times=10))
    with pytest.raises(CommandError, match="500"):
        run_command(first)
    _assert_failed_without_change(SyncRun.objects.get(), before, products, "500")


def test_dry_run_reports_what_a_real_run_does_and_writes_nothing_else(sample_path):
    _, before, products = _existing_product()

    dry, output = run_command(sample_path, "--dry-run")

    assert dry.dry_run and dry.status == SyncStatus.SUCCEEDED
    assert "DRY RUN" in output
    assert catalogue_state() == before
    assert Product.objects.count() == products
    assert SyncRun.objects.count() == 1
    assert SyncProblem.objects.exclude(run=dry).count() == 0
    assert len(dry.changes) == 13 and {c["action"] for c in dry.changes} == {"created"}

    real, _ = run_command(sample_path)

    assert real.counts() == dry.counts()
    assert [(c["row"], c["action"]) for c in real.changes] == [
        (c["row"], c["action"]) for c in dry.changes
    ]
    assert {(p.row_number, p.code) for p in real.problems.all()} == {
        (p.row_number, p.code) for p in dry.problems.all()
    }


def test_a_second_writer_is_refused_and_changes_nothing(sample_path):
    cache.add(WRITER_LOCK, "another run", timeout=60)
    try:
        with pytest.raises(CommandError, match="đang ghi"):
            run_command(sample_path)
        assert not Product.objects.exists()
        dry, _ = run_command(sample_path, "--dry-run")  # reading is never blocked
        assert dry.status == SyncStatus.SUCCEEDED and dry.created == 13
    finally:
        cache.delete(WRITER_LOCK)
    real, _ = run_command(sample_path)
    assert real.created == 13


def test_a_feed_without_a_required_field_is_one_error_naming_it(feed_server, fast_http):
    _, before, products = _existing_product()
    items = sample_json_items()
    for item in items:
        item["stars"] = item.pop("ocop_star")  # the API renamed a field
        del item["manufacturer"]["address"]
    url = feed_server.add("/api/products/", Route({"next": None, "results": items}))
    with pytest.raises(CommandError, match="ocop_star"):
        run_command(url)
    run = SyncRun.objects.get()
    _assert_failed_without_change(run, before, products, "ocop_star", "manufacturer.address")
    assert "issued_on" not in run.error_vi

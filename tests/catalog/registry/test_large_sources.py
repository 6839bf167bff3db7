"""Sources too big to take whole: zip bombs, long lists, long histories (issue 13, item 4)."""

import csv
import io
import time
import tracemalloc
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook

from catalog.models import SyncChange, SyncRun, SyncStatus
from catalog.registry import services
from catalog.registry.problems import SourceError
from catalog.registry.readers import open_source

from .test_changes import HEADER, row

pytestmark = pytest.mark.django_db


def zip_bomb(path, expands_to):
    """A real workbook whose sheet XML is padded with ``expands_to`` bytes of whitespace:
    a few hundred kilobytes on disk."""
    workbook = Workbook()
    workbook.active.append(["STT", "Tên sản phẩm"])
    plain = io.BytesIO()
    workbook.save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            if item.filename == "xl/worksheets/sheet1.xml":
                with out.open(item.filename, "w") as sheet:
                    chunk = b" " * (1 << 20)
                    for _ in range(expands_to >> 20):
                        sheet.write(chunk)
            else:
                out.writestr(item, source.read(item.filename))
    return path


def test_a_zip_bomb_is_refused_before_it_is_parsed(tmp_path, settings):
    settings.OCOP_REGISTRY_MAX_UNCOMPRESSED_BYTES = 16 * 2**20
    bomb = zip_bomb(tmp_path / "bomb.xlsx", expands_to=64 * 2**20)
    assert bomb.stat().st_size < 2**20
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(SourceError) as refused:
            list(open_source(bomb).records())
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert refused.value.problem.code == "too_large_uncompressed"
    assert time.perf_counter() - started < 2
    assert peak < 8 * 2**20


def test_a_zip_bomb_fails_its_run_with_a_clear_message(tmp_path, settings):
    settings.OCOP_REGISTRY_MAX_UNCOMPRESSED_BYTES = 16 * 2**20
    run = services.sync(zip_bomb(tmp_path / "bomb.xlsx", expands_to=32 * 2**20))
    assert run.status == SyncStatus.FAILED
    assert run.problems.get().code == "too_large_uncompressed"
    assert "32 MB" in run.error_vi


def write_rows(path, count):
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(HEADER)
        for number in range(count):
            writer.writerow(
                row(
                    name=f"Sản phẩm {number}",
                    producer=f"HTX {number // 4}",
                    certificate_number=f"LN-{number}",
                )
            )
    return path


def test_a_run_writes_its_diff_as_rows_in_batches(tmp_path, settings):
    services_batch = services.APPLY_BATCH
    services.APPLY_BATCH = 7
    try:
        run = services.sync(write_rows(tmp_path / "list.csv", 30), dry_run=True)
    finally:
        services.APPLY_BATCH = services_batch
    assert (run.status, run.created) == (SyncStatus.SUCCEEDED, 30)
    positions = list(run.change_rows.values_list("position", flat=True))
    assert positions == list(range(30))
    assert [change["row"] for change in run.changes] == list(range(2, 32))


def test_the_run_list_never_loads_the_runs_changes(admin_client, tmp_path):
    for _ in range(3):
        services.sync(write_rows(tmp_path / "list.csv", 20), dry_run=True)
    assert SyncChange.objects.count() == 60
    with CaptureQueriesContext(connection) as captured:
        response = admin_client.get(reverse("catalog_registry:runs"))
    assert response.status_code == 200
    assert not [q for q in captured if "catalog_syncchange" in q["sql"]]
    detail = admin_client.get(reverse("catalog_registry:run", args=[SyncRun.objects.first().pk]))
    assert "Sản phẩm 19" in detail.content.decode()

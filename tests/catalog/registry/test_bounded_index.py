"""Planning in bounded memory: once a batch is written its products leave memory for
the index's temporary file (catalog/registry/index.py); later rows still find them."""

import csv
from datetime import date

import pytest
import time_machine

from catalog.models import Certification, Product, SyncStatus
from catalog.registry import services
from catalog.registry.index import RegistryIndex
from tests.factories import make_producer, make_product

from .test_changes import HEADER, TODAY, row

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def stored():
    """A product the catalogue holds before the run."""
    return make_product(
        name="Bánh gai Hương Cúc",
        producer=make_producer(name="Cơ sở bánh gai Hương Cúc"),
        stars=3,
        score="65",
        decision_date=date(2022, 10, 18),
        certificate_number="ND-2022-1",
        decision_number="1000/QĐ-UBND",
    )


def write(path, rows):
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def source_revisiting_earlier_rows(path):
    """New products, then rows that renew, revoke or restate them many rows later,
    and a revocation of the stored product."""
    rows = [
        row(
            name=f"Sản phẩm {number}",
            producer=f"HTX {number // 3}",
            product_code=f"SP-{number}",
            certificate_number=f"C-{number}",
        )
        for number in range(12)
    ]
    rows += [
        # renewal of product 0 found by its code, with a new certificate and decision
        row(
            name="Sản phẩm 0",
            producer="HTX 0",
            product_code="SP-0",
            certificate_number="C-0-2025",
            decision_number="90/QĐ-UBND",
            decision_date="02/01/2025",
            stars="5",
            score="91",
            level="Trung ương",
        ),
        # product 4 found by its name and producer: a new decision, fewer stars
        row(
            name="Sản phẩm 4",
            producer="HTX 1",
            decision_number="91/QĐ-UBND",
            decision_date="03/01/2025",
            stars="3",
            score="60",
        ),
        # product 7's decision restated under a corrected number, with another score
        row(
            name="Sản phẩm 7",
            producer="HTX 2",
            certificate_number="C-7",
            decision_number="92/QĐ-UBND",
            score="80",
        ),
        # the stored product revoked by its certificate number
        row(
            certificate_number="ND-2022-1",
            decision_number="1000/QĐ-UBND",
            decision_date="18/10/2022",
            stars="3",
            score="65",
            status="Thu hồi",
            revoked_on="01/03/2025",
            revocation_reason="Hậu kiểm không đạt",
        ),
    ]
    return write(path, rows)


def sync_in_batches(monkeypatch, source, batch, dry_run):
    monkeypatch.setattr(services, "APPLY_BATCH", batch)
    return services.sync(source, dry_run=dry_run)


def test_a_dry_run_plans_the_same_whatever_the_batch_size(stored, tmp_path, monkeypatch):
    source = source_revisiting_earlier_rows(tmp_path / "list.csv")
    whole = sync_in_batches(monkeypatch, source, 500, dry_run=True)
    settled = sync_in_batches(monkeypatch, source, 2, dry_run=True)
    assert whole.status == settled.status == SyncStatus.SUCCEEDED
    assert settled.changes == whole.changes
    assert (settled.created, settled.upgraded, settled.downgraded, settled.revoked) == (
        12,
        1,
        1,
        1,
    )
    assert settled.updated == 1


def test_a_real_run_in_small_batches_finds_the_products_it_wrote(stored, tmp_path, monkeypatch):
    source = source_revisiting_earlier_rows(tmp_path / "list.csv")
    run = sync_in_batches(monkeypatch, source, 2, dry_run=False)

    assert run.status == SyncStatus.SUCCEEDED
    assert Product.objects.count() == 13  # twelve new ones and the stored one, no copies
    renewed = Product.objects.get(registry_code="SP-0")
    assert renewed.current_certification.stars == 5
    assert renewed.certifications.count() == 2
    assert Product.objects.get(name="Sản phẩm 4").current_certification.stars == 3
    corrected = Certification.objects.get(certificate_number="C-7")
    assert (corrected.decision_number, corrected.score) == ("92/QĐ-UBND", 80)
    assert stored.certifications.get().revoked_on is not None

    again = sync_in_batches(monkeypatch, source, 2, dry_run=False)
    assert again.created == 0  # the second time every product is found in the catalogue
    assert Product.objects.count() == 13


def test_a_run_stores_its_problems_as_they_come(tmp_path, monkeypatch):
    monkeypatch.setattr(services, "PROBLEM_BATCH", 3)
    rows = [row(name=f"Sản phẩm {n}", certificate_number=f"B-{n}", stars="9") for n in range(10)]
    rows.append(row(name="Sản phẩm tốt", certificate_number="G-1"))
    run = services.sync(write(tmp_path / "list.csv", rows))

    assert (run.status, run.created, run.errors, run.rows_rejected) == (
        SyncStatus.SUCCEEDED,
        1,
        10,
        10,
    )
    stored = list(run.problems.values_list("row_number", "severity"))
    assert stored == [(number, "error") for number in range(2, 12)]


def test_only_the_batch_being_planned_is_held_in_memory(tmp_path, monkeypatch):
    held = []
    settle = RegistryIndex.settle

    def counting_settle(index):
        held.append(index.products_in_memory)
        settle(index)

    monkeypatch.setattr(RegistryIndex, "settle", counting_settle)
    rows = [row(name=f"Sản phẩm {n}", certificate_number=f"M-{n}") for n in range(40)]
    run = sync_in_batches(monkeypatch, write(tmp_path / "list.csv", rows), 5, dry_run=True)

    assert run.created == 40
    assert held == [5] * 8  # each batch's five new products, never the run's forty

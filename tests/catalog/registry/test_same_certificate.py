"""Rows of one list naming the same certificate: repeat, revocation, conflict (issue 13, item 1)."""

import csv
from datetime import date

import pytest
import time_machine

from catalog.models import Certification, Product
from catalog.registry import services
from catalog.rules import CertificateStatus

from .test_changes import HEADER, row

pytestmark = pytest.mark.django_db

TODAY = date(2025, 9, 1)
CERT = {"certificate_number": "ND-2024-9", "decision_number": "2150/QĐ-UBND"}
REVOKED = {"status": "Thu hồi", "revoked_on": "02/05/2025", "revocation_reason": "Hậu kiểm"}


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def sync_rows(tmp_path):
    def sync(*rows):
        path = tmp_path / "list.csv"
        with path.open("w", encoding="utf-8", newline="") as file:
            writer = csv.writer(file)
            writer.writerow(HEADER)
            writer.writerows(rows)
        return services.sync(path)

    return sync


def problems(run):
    return sorted((p.row_number, p.severity, p.code) for p in run.problems.all())


def test_a_revocation_after_the_same_certificate_revokes_it(sync_rows):
    run = sync_rows(row(**CERT), row(**CERT, **REVOKED))

    cert = Certification.objects.get()
    assert cert.revoked_on == date(2025, 5, 2)
    assert cert.status(TODAY) == CertificateStatus.REVOKED
    assert not Product.objects.certified().exists()
    assert problems(run) == [
        (2, "warning", "superseded_by_revocation"),
        (3, "warning", "revocation_wins"),
    ]
    assert (run.created, run.rows_rejected, run.errors, run.warnings) == (1, 1, 0, 2)


def test_a_revocation_before_the_same_certificate_still_wins(sync_rows):
    run = sync_rows(row(**CERT, **REVOKED), row(**CERT))

    assert Certification.objects.get().revoked_on == date(2025, 5, 2)
    assert problems(run) == [
        (2, "warning", "revocation_wins"),
        (3, "warning", "superseded_by_revocation"),
    ]


def test_rows_that_disagree_otherwise_are_a_conflict_on_both_and_neither_applies(sync_rows):
    run = sync_rows(
        row(**CERT),
        row(name="Chè lam", producer="HTX Chè", certificate_number="ND-2024-10"),
        row(**CERT, score="91", stars="5"),
    )

    assert list(Product.objects.values_list("name", flat=True)) == ["Chè lam"]
    assert problems(run) == [(2, "error", "conflicting_rows"), (4, "error", "conflicting_rows")]
    messages = {p.row_number: p.message_vi for p in run.problems.all()}
    assert "dòng 4" in messages[2] and "dòng 2" in messages[4]
    assert (run.created, run.rows_rejected) == (1, 2)


def test_two_different_revocations_are_a_conflict(sync_rows):
    other = {**REVOKED, "revoked_on": "03/06/2025"}
    run = sync_rows(row(**CERT, **REVOKED), row(**CERT, **other))

    assert not Certification.objects.exists()
    assert problems(run) == [(2, "error", "conflicting_rows"), (3, "error", "conflicting_rows")]


def test_a_repeated_row_is_still_a_duplicate_of_the_first(sync_rows):
    run = sync_rows(row(**CERT), row(**CERT), row(**CERT, **REVOKED), row(**CERT, **REVOKED))

    assert Certification.objects.get().revoked_on == date(2025, 5, 2)
    assert problems(run) == [
        (2, "warning", "superseded_by_revocation"),
        (3, "error", "duplicate_row"),
        (4, "warning", "revocation_wins"),
        (5, "error", "duplicate_row"),
    ]

"""How a sync changes certifications: renewals, star changes, revocations, matching."""

import csv
from datetime import date

import pytest
import time_machine

from catalog.models import Certification, Producer, Product
from catalog.registry import services
from catalog.registry.readers import open_source
from catalog.signals import certification_changed
from tests.factories import make_producer, make_product

pytestmark = pytest.mark.django_db

TODAY = date(2025, 9, 1)
HEADER = [
    "product_code",
    "PRODUCT_NAME",
    "Producer",
    "address",
    "score",
    "stars",
    "certificate_number",
    "decision_number",
    "decision_date",
    "level",
    "status",
    "revoked_on",
    "revocation_reason",
]


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


def row(name="Bánh gai Hương Cúc", producer="Cơ sở bánh gai Hương Cúc", **cells):
    values = {
        "product_code": "",
        "PRODUCT_NAME": name,
        "Producer": producer,
        "address": "xã Yên Trung, huyện Ý Yên, tỉnh Nam Định",
        "score": "72",
        "stars": "4",
        "certificate_number": "",
        "decision_number": "2150/QĐ-UBND",
        "decision_date": "18/07/2024",
        "level": "Tỉnh",
        "status": "",
        "revoked_on": "",
        "revocation_reason": "",
    }
    values.update(cells)
    return [values[column] for column in HEADER]


@pytest.fixture
def sync_rows(tmp_path):
    counter = iter(range(1, 1000))

    def sync(*rows, dry_run=False):
        path = tmp_path / f"list-{next(counter)}.csv"
        with path.open("w", encoding="utf-8", newline="") as file:
            writer = csv.writer(file)
            writer.writerow(HEADER)
            writer.writerows(rows)
        return services.sync(path, dry_run=dry_run)

    return sync


@pytest.fixture
def existing():
    """A 3★ product certified in October 2022 (in its renewal window on TODAY)."""
    producer = make_producer(name="Cơ sở bánh gai Hương Cúc")
    return make_product(
        name="Bánh gai Hương Cúc",
        producer=producer,
        stars=3,
        score="65",
        decision_date=date(2022, 10, 18),
        certificate_number="ND-2022-1",
        decision_number="1000/QĐ-UBND",
    )


@pytest.fixture
def changed_ids():
    received = []

    def receiver(sender, product_ids, **kwargs):
        received.extend(product_ids)

    certification_changed.connect(receiver)
    yield received
    certification_changed.disconnect(receiver)


def current(product):
    product.refresh_from_db()
    return product.current_certification


@pytest.mark.parametrize(
    ("score", "stars", "action"),
    [("66", "3", "renewed"), ("75", "4", "upgraded"), ("45", "2", "downgraded")],
)
def test_a_new_decision_keeps_the_old_one_and_becomes_current(
    existing, sync_rows, score, stars, action
):
    old = current(existing)
    run = sync_rows(row(score=score, stars=stars, certificate_number="ND-2024-7"))

    assert getattr(run, action) == 1 and run.created == 0
    assert existing.certifications.count() == 2
    assert Certification.objects.get(pk=old.pk).stars == 3  # history kept as it was
    new = current(existing)
    assert (new.stars, new.decision_date) == (int(stars), date(2024, 7, 18))
    assert run.changes[0]["before"]["stars"] == 3 and run.changes[0]["after"]["stars"] == int(stars)


def test_a_downgrade_below_three_stars_takes_the_product_off_sale(existing, sync_rows):
    assert existing.is_certified(TODAY)
    sync_rows(row(score="45", stars="2"))
    existing.refresh_from_db()
    assert not existing.is_certified(TODAY)
    assert existing not in Product.objects.certified(TODAY)


def test_an_explicit_revocation_revokes_at_once_and_signals(
    existing, sync_rows, changed_ids, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run = sync_rows(
            row(
                score="65",
                stars="3",
                certificate_number="ND-2022-1",
                decision_number="1000/QĐ-UBND",
                decision_date="18/10/2022",
                status="Thu hồi",
                revoked_on="01/08/2025",
                revocation_reason="Vi phạm an toàn thực phẩm",
            )
        )
    assert run.revoked == 1
    cert = current(existing)
    assert cert.revoked_on == date(2025, 8, 1)
    assert cert.revocation_reason == "Vi phạm an toàn thực phẩm"
    assert existing not in Product.objects.certified(TODAY)
    assert existing.pk in changed_ids


def test_a_list_without_the_revocation_never_restores_the_certificate(existing, sync_rows):
    cert = current(existing)
    cert.revoked_on = date(2025, 8, 1)
    cert.save()
    run = sync_rows(
        row(
            score="65",
            stars="3",
            certificate_number="ND-2022-1",
            decision_number="1000/QĐ-UBND",
            decision_date="18/10/2022",
        )
    )
    assert run.unchanged == 1
    assert run.problems.get().code == "revocation_kept"
    assert current(existing).revoked_on == date(2025, 8, 1)


def test_products_absent_from_the_source_are_never_touched(existing, sync_rows):
    before = list(Certification.objects.values())
    updated_at = Product.objects.get(pk=existing.pk).updated_at
    run = sync_rows(row(name="Dầu lạc dinh dưỡng", producer="Hộ kinh doanh Nguyễn Văn Dũng"))
    assert run.created == 1
    assert list(Certification.objects.filter(product=existing).values()) == before
    assert Product.objects.get(pk=existing.pk).updated_at == updated_at


def test_certificate_number_matches_first_even_when_the_name_differs(existing, sync_rows):
    run = sync_rows(
        row(
            name="Bánh gai đặc sản",
            score="65",
            stars="3",
            certificate_number="nd-2022-1",
            decision_number="1000/QĐ-UBND",
            decision_date="18/10/2022",
        )
    )
    assert (run.unchanged, run.created) == (1, 0)
    assert run.problems.get().code == "name_differs"
    assert Product.objects.count() == 1


def test_registry_code_matches_before_names(existing, sync_rows):
    existing.registry_code = "ND-BG-01"
    existing.save()
    run = sync_rows(row(name="Bánh gai lá gai", product_code="ND-BG-01", score="75", stars="4"))
    assert run.upgraded == 1
    assert Product.objects.count() == 1


def test_names_match_without_case_diacritics_or_extra_spaces(existing, sync_rows):
    run = sync_rows(
        row(name="BANH GAI  huong cuc", producer="co so banh gai HUONG CUC", score="75", stars="4")
    )
    assert run.upgraded == 1
    assert Product.objects.count() == 1


def test_an_older_decision_joins_the_history_without_becoming_current(existing, sync_rows):
    newest = current(existing)
    run = sync_rows(
        row(score="60", stars="3", decision_number="50/QĐ-UBND", decision_date="01/03/2019")
    )
    assert run.updated == 1
    assert existing.certifications.count() == 2
    assert current(existing) == newest


def test_a_corrected_score_updates_the_same_decision_in_place(existing, sync_rows):
    run = sync_rows(
        row(
            score="66,5",
            stars="3",
            certificate_number="ND-2022-1",
            decision_number="1000/QĐ-UBND",
            decision_date="18/10/2022",
        )
    )
    assert run.updated == 1
    assert existing.certifications.count() == 1
    assert str(current(existing).score) == "66.50"
    assert run.changes[0]["fields"] == ["score"]


def test_an_unmatched_row_reuses_a_known_producer_and_flags_the_new_product(existing, sync_rows):
    run = sync_rows(row(name="Bánh chưng Hương Cúc", certificate_number="ND-2024-99"))
    assert run.created == 1
    assert Producer.objects.count() == 1
    product = Product.objects.get(name="Bánh chưng Hương Cúc")
    assert product.producer == existing.producer
    assert product.from_registry and product.needs_review
    assert not hasattr(product, "page") or product.page is None


def test_an_unmappable_address_is_a_warning_and_keeps_the_text(sync_rows):
    run = sync_rows(row(address="Cụm công nghiệp số 2"))
    assert run.created == 1 and run.errors == 0
    assert [p.code for p in run.problems.all()] == ["address_unmapped"]
    producer = Producer.objects.get()
    assert (producer.original_address, producer.province_code) == ("Cụm công nghiệp số 2", None)


def test_new_certifications_signal_the_search_hook(
    sync_rows, changed_ids, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sync_rows(row(), row(name="Dầu lạc dinh dưỡng", certificate_number="X-2"))
    assert sorted(changed_ids) == sorted(Product.objects.values_list("pk", flat=True))
    assert all(p.current_certification_id for p in Product.objects.all())


def test_a_row_that_fails_to_save_does_not_take_the_others_down(tmp_path):
    path = tmp_path / "list.csv"
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(HEADER)
        for number, producer in enumerate(["HTX Một", "HTX Hai", "HTX Ba"], start=1):
            writer.writerow(
                row(name=f"Sản phẩm {number}", producer=producer, certificate_number=f"C-{number}")
            )
    outcome = services.plan(open_source(path))
    # Between planning and writing, an editor creates a producer taking the planned slug.
    Producer.objects.create(name="HTX Hai", slug="htx-hai")

    services.apply(outcome)

    assert sorted(Product.objects.values_list("name", flat=True)) == ["Sản phẩm 1", "Sản phẩm 3"]
    assert [change.record.row_number for change in outcome.changes] == [2, 4]
    (failure,) = [p for p in outcome.problems if p.code == "save_failed"]
    assert failure.row_number == 3
    assert all(p.current_certification_id for p in Product.objects.all())


def test_a_new_decision_under_the_same_certificate_number_keeps_the_history(existing, sync_rows):
    old = current(existing)
    renewal = row(
        score="75",
        stars="4",
        certificate_number="ND-2022-1",
        decision_number="2150/QĐ-UBND",
        decision_date="18/07/2024",
    )

    run = sync_rows(renewal)

    assert (run.upgraded, run.updated, run.created) == (1, 0, 0)
    assert existing.certifications.count() == 2
    kept = Certification.objects.get(pk=old.pk)
    assert (kept.stars, kept.decision_number, kept.decision_date) == (
        3,
        "1000/QĐ-UBND",
        date(2022, 10, 18),
    )
    assert (current(existing).stars, current(existing).decision_date) == (4, date(2024, 7, 18))
    again = sync_rows(renewal)
    assert (again.unchanged, again.upgraded, again.updated) == (1, 0, 0)
    assert existing.certifications.count() == 2


def test_a_list_holding_both_decisions_of_one_certificate_imports_both(sync_rows):
    run = sync_rows(
        row(
            score="65",
            stars="3",
            certificate_number="C-1",
            decision_number="800/QĐ-UBND",
            decision_date="18/10/2021",
        ),
        row(
            score="75",
            stars="4",
            certificate_number="C-1",
            decision_number="2150/QĐ-UBND",
            decision_date="18/07/2024",
        ),
    )
    assert (run.created, run.upgraded, run.errors) == (1, 1, 0)
    product = Product.objects.get()
    assert product.certifications.count() == 2
    assert current(product).stars == 4


def test_a_corrected_decision_date_updates_the_same_decision_in_place(existing, sync_rows):
    run = sync_rows(
        row(
            score="65",
            stars="3",
            certificate_number="ND-2022-1",
            decision_number="1000/QĐ-UBND",
            decision_date="19/10/2022",
        )
    )
    assert run.updated == 1
    assert existing.certifications.count() == 1
    assert current(existing).decision_date == date(2022, 10, 19)


def test_a_new_decision_listed_as_revoked_counts_as_a_revocation(existing, sync_rows):
    run = sync_rows(
        row(
            score="75",
            stars="4",
            certificate_number="ND-2024-7",
            status="Thu hồi",
            revoked_on="01/08/2025",
            revocation_reason="Vi phạm an toàn thực phẩm",
        )
    )
    assert (run.revoked, run.upgraded, run.renewed) == (1, 0, 0)
    assert run.changes[0]["action"] == "revoked"
    assert current(existing).revoked_on == date(2025, 8, 1)
    assert existing not in Product.objects.certified(TODAY)


def _catalogue():
    return sorted(
        Certification.objects.values_list(
            "product__name", "stars", "score", "decision_number", "decision_date", "revoked_on"
        )
    ) + sorted(Product.objects.values_list("name", "current_certification_id", "updated_at"))


def test_a_dry_run_counts_exactly_what_the_real_run_then_does(sync_rows):
    def certified(name, **facts):
        facts = {"stars": 3, "score": "65", "decision_date": date(2022, 10, 18), **facts}
        return make_product(name=name, producer=make_producer(name=f"HTX {name}"), **facts)

    for name in ("Renewed", "Upgraded", "Downgraded", "Revoked", "Unchanged", "Older"):
        certified(name, certificate_number=f"C-{name}", decision_number=f"1/{name}")

    def listed(name, **cells):
        return row(name=name, producer=f"HTX {name}", **cells)

    same = {"score": "65", "stars": "3", "decision_date": "18/10/2022"}
    rows = [
        listed("Renewed", score="66", stars="3", decision_number="2/R"),
        listed("Upgraded", score="75", stars="4", decision_number="2/U"),
        listed("Downgraded", score="45", stars="2", decision_number="2/D"),
        listed(
            "Revoked",
            certificate_number="C-Revoked",
            decision_number="1/Revoked",
            **same,
            status="Thu hồi",
            revoked_on="01/08/2025",
        ),
        listed(
            "Unchanged", certificate_number="C-Unchanged", decision_number="1/Unchanged", **same
        ),
        listed("Older", score="60", stars="3", decision_number="0/O", decision_date="01/03/2019"),
        listed("New product"),
        listed("Wrong stars", score="74", stars="3"),
    ]
    before = _catalogue()

    dry = sync_rows(*rows, dry_run=True)

    assert _catalogue() == before
    expected = {"renewed": 1, "upgraded": 1, "downgraded": 1, "revoked": 1, "unchanged": 1,
                "updated": 1, "created": 1, "errors": 1, "warnings": 0}  # fmt: skip
    assert dry.counts() == expected

    real = sync_rows(*rows)

    assert real.counts() == dry.counts()
    assert [(c["row"], c["action"], c["product"]) for c in real.changes] == [
        (c["row"], c["action"], c["product"]) for c in dry.changes
    ]
    assert sorted(real.problems.values_list("row_number", "code")) == sorted(
        dry.problems.values_list("row_number", "code")
    )
    assert _catalogue() != before
    assert sync_rows(*rows).unchanged == 7

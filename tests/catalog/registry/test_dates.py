"""One plausibility rule for decision dates, used by the catalogue and by registry rows."""

import csv
from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError

from catalog import rules
from catalog.registry import services
from catalog.services import record_certification
from tests.factories import make_product

pytestmark = pytest.mark.django_db

TODAY = date(2025, 9, 1)
HEADER = ["Tên sản phẩm", "Chủ thể", "Địa chỉ", "Điểm", "Hạng sao", "Số quyết định"]
IMPLAUSIBLE = [
    (date(2018, 5, 6), "date_before_ocop"),  # the day before Decision 490/QĐ-TTg
    (date(2017, 12, 31), "date_before_ocop"),
    (date(2025, 9, 2), "future_date"),
]
PLAUSIBLE = [date(2018, 5, 7), date(2025, 9, 1)]


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


def registry_error_code(decided_on, tmp_path):
    path = tmp_path / "list.csv"
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow([*HEADER, "Ngày quyết định"])
        writer.writerow(
            [
                "Bánh gai",
                "HTX Hương Cúc",
                "tỉnh Nam Định",
                "72",
                "4",
                "1/QĐ-UBND",
                decided_on.strftime("%d/%m/%Y"),
            ]
        )
    run = services.sync(path)
    codes = [p.code for p in run.problems.filter(severity="error", column="Ngày quyết định")]
    return (codes or [None])[0], run


def catalogue_error_code(decided_on):
    product = make_product(certified=False)
    with pytest.raises(ValidationError) as refused:
        record_certification(
            product,
            stars=4,
            score="72",
            decision_number="9/QĐ-UBND",
            decision_date=decided_on,
            level="province",
        )
    (error,) = refused.value.error_dict["decision_date"]
    return error.code, product


@pytest.mark.parametrize(("decided_on", "code"), IMPLAUSIBLE)
def test_registry_rows_and_catalogue_entries_refuse_the_same_dates(tmp_path, decided_on, code):
    assert rules.decision_date_problem(decided_on, TODAY).code == code

    registry_code, run = registry_error_code(decided_on, tmp_path)
    assert registry_code == code
    assert run.created == 0 and run.rows_rejected == 1
    problem = run.problems.get(code=code)
    assert decided_on.strftime("%d/%m/%Y") in problem.message_vi
    assert problem.message_en != problem.message_vi

    catalogue_code, product = catalogue_error_code(decided_on)
    assert catalogue_code == code
    assert not product.certifications.exists()


@pytest.mark.parametrize("decided_on", PLAUSIBLE)
def test_the_first_day_of_the_programme_and_today_are_accepted(tmp_path, decided_on):
    assert rules.decision_date_problem(decided_on, TODAY) is None
    registry_code, run = registry_error_code(decided_on, tmp_path)
    assert registry_code is None and run.created == 1
    product = make_product(decision_date=decided_on)
    assert product.current_certification.decision_date == decided_on

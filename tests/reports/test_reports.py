"""Each report's figures, fixed on the small known data set of ``dataset.py``: the table
the dashboard shows, and the same rows in its CSV and XLSX exports."""

import csv
import io
from datetime import date

import openpyxl
import pytest
from django.urls import reverse

from reports import charts, services
from reports.filters import Filters

from .dataset import TODAY

pytestmark = pytest.mark.django_db

PERIOD = {"date_from": "2026-01-01", "date_to": "2026-06-15"}
FILTERS = Filters(date_from=date(2026, 1, 1), date_to=TODAY, today=TODAY)
LIST_PRICE = "Giá niêm yết (ngoài chiến dịch)"
FAIR = "Hội chợ OCOP Ninh Bình 2026"
MONTHS_TO_JUNE = ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"]
REVOCATION_MONTHS = ["2025-06", "2025-07", "2025-08", "2025-09", "2025-10", "2025-11",
                     "2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05",
                     "2026-06"]  # fmt: skip

EXPECTED = {
    "certified_by_stars": [["3★", 1], ["4★", 2], ["5★", 1]],
    "certified_by_product_set": [
        [6, "Chế biến từ gạo, ngũ cốc", "Thực phẩm", 2],
        [14, "Rượu trắng", "Đồ uống", 1],
        [21, "Thủ công mỹ nghệ gia dụng, trang trí", "Thủ công mỹ nghệ", 1],
    ],
    "certified_by_category": [["Thực phẩm", 2], ["Đồ uống", 1], ["Thủ công mỹ nghệ", 1]],
    "certified_by_province": [["Thành phố Hà Nội", 2], ["Ninh Bình", 2]],
    "expiry_summary": [["30 ngày", 1], ["120 ngày", 2], ["180 ngày", 3]],
    "expiring": [
        [
            "Gạo Beta",
            "HTX Beta",
            "Thành phố Hà Nội",
            5,
            None,
            date(2026, 7, 1),
            16,
            30,
            "Bà Beta",
            "0900000002",
            "beta@example.vn",
        ],
        [
            "Rượu Alpha",
            "HTX Alpha",
            "Ninh Bình",
            3,
            None,
            date(2026, 7, 20),
            35,
            120,
            "Ông Alpha",
            "0900000001",
            "alpha@example.vn",
        ],
        [
            "Mây tre Beta",
            "HTX Beta",
            "Thành phố Hà Nội",
            4,
            None,
            date(2026, 12, 1),
            169,
            180,
            "Bà Beta",
            "0900000002",
            "beta@example.vn",
        ],
    ],
    "revocations_by_month": [[month, int(month == "2026-02")] for month in REVOCATION_MONTHS],
    "revocations": [
        [
            date(2026, 2, 10),
            "Nón Beta",
            "HTX Beta",
            3,
            None,
            "12/QĐ-UBND",
            "Vi phạm an toàn thực phẩm",
        ],
    ],
    "sales_by_month": [
        ["2026-01", 0, 0],
        ["2026-02", 0, 0],
        ["2026-03", 1, 400_000],
        ["2026-04", 2, 570_000],  # 31/03 18:30 UTC is 1 April in Vietnam
        ["2026-05", 1, 600_000],
        ["2026-06", 0, 0],
    ],
    "sales_by_producer": [
        ["HTX Beta", "Thành phố Hà Nội", 2, 1_100_000],
        ["HTX Alpha", "Ninh Bình", 2, 470_000],
    ],
    "sales_by_province": [["Thành phố Hà Nội", 2, 1_100_000], ["Ninh Bình", 2, 470_000]],
    "sales_by_campaign": [[LIST_PRICE, 4, 1_470_000], [FAIR, 1, 100_000]],
    "bookings_by_village": [["Làng gốm", 3, 8], ["Làng hoa", 1, 3]],
    "bookings_by_month": [
        [month, *{"2026-04": [1, 3], "2026-05": [2, 5]}.get(month, [0, 0])]
        for month in MONTHS_TO_JUNE
    ],
    "search_frequent": [["gạo", 5, 0], ["nước mắm", 2, 2]],
    "search_zero_hits": [["nước mắm", 2, date(2026, 6, 1)]],
}
# Columns whose value is not fixed by the data set (generated certificate numbers).
UNFIXED = {"expiring": {"certificate"}, "revocations": {"decision"}}


def fixed(key, table):
    skip = UNFIXED.get(key, set())
    return [
        [None if column.key in skip else row[column.key] for column in table.columns]
        for row in table.rows
    ]


def test_every_report_is_fixed_here():
    assert set(EXPECTED) == set(services.REPORTS)


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_report_table(data, key):
    assert fixed(key, services.run(key, FILTERS)) == EXPECTED[key]


def as_text(value):
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, date) else str(value)


def blank_unfixed(key, header, rows):
    table = services.run(key, FILTERS)
    titles = [str(column.title) for column in table.columns]
    assert header == titles
    skip = [i for i, column in enumerate(table.columns) if column.key in UNFIXED.get(key, ())]
    return [[None if i in skip else cell for i, cell in enumerate(row)] for row in rows]


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_report_csv_export(client, officer, data, key):
    client.force_login(officer)
    response = client.get(reverse("province_reports:export", args=[key, "csv"]), PERIOD)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(text)))
    expected = [[as_text(cell) for cell in row] for row in EXPECTED[key]]
    got = blank_unfixed(key, header, rows)
    assert [[as_text(cell) if cell is None else cell for cell in row] for row in got] == expected


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_report_xlsx_export(client, officer, data, key):
    client.force_login(officer)
    response = client.get(reverse("province_reports:export", args=[key, "xlsx"]), PERIOD)
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    header, *rows = [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    got = blank_unfixed(key, header, rows)
    expected = [
        [cell.date() if hasattr(cell, "date") and not isinstance(cell, date) else cell
         for cell in row]
        for row in got
    ]  # fmt: skip
    assert [[_date_of(cell) for cell in row] for row in expected] == EXPECTED[key]


def _date_of(cell):
    from datetime import datetime

    return cell.date() if isinstance(cell, datetime) else cell


@pytest.mark.parametrize(
    ("filters", "key", "rows"),
    [
        ({"stars": 5}, "certified_by_stars", [["5★", 1]]),
        ({"province": 37}, "certified_by_province", [["Ninh Bình", 2]]),
        ({"product_set": 21}, "expiring", [["Mây tre Beta"]]),
        ({"province": 1}, "revocations", [[date(2026, 2, 10)]]),
        ({"province": 37}, "revocations", []),
        ({"stars": 4}, "revocations", []),  # the revoked certificate was 3★
        (
            {"product_set": 6},
            "sales_by_campaign",
            [[LIST_PRICE, 3, 870_000], [FAIR, 1, 100_000]],
        ),
        ({"stars": 5}, "sales_by_producer", [["HTX Beta", "Thành phố Hà Nội", 1, 500_000]]),
        ({"province": 37}, "sales_by_province", [["Ninh Bình", 2, 470_000]]),
        ({"province": 37}, "bookings_by_village", [["Làng hoa", 1, 3]]),
        ({"province": 1}, "bookings_by_village", [["Làng gốm", 3, 8]]),
        (
            {"province": 37},
            "bookings_by_month",
            [[m, *{"2026-05": [1, 3]}.get(m, [0, 0])] for m in MONTHS_TO_JUNE],
        ),
    ],
)
def test_filters(data, filters, key, rows):
    from dataclasses import replace

    table = services.run(key, replace(FILTERS, **filters))
    width = len(rows[0]) if rows else 0
    assert [row[:width] for row in fixed(key, table)] == rows


def test_period_moves_the_sales_and_certified_day(data):
    april = Filters(date_from=date(2026, 4, 1), date_to=date(2026, 4, 30), today=TODAY)
    assert fixed("sales_by_month", services.run("sales_by_month", april)) == [
        ["2026-04", 2, 570_000]
    ]
    # On 1 August 2026 Gạo Beta (until 1 July) and Rượu Alpha (until 20 July) have expired.
    august = Filters(date_to=date(2026, 8, 1), today=TODAY)
    assert fixed("certified_by_stars", services.run("certified_by_stars", august)) == [["4★", 2]]


def test_dashboard_shows_each_table_with_its_chart_and_exports(client, officer, data):
    client.force_login(officer)
    response = client.get(reverse("province_reports:dashboard"), PERIOD)
    assert response.status_code == 200
    html = response.content.decode()
    for key in EXPECTED:
        assert f'id="{key}"' in html
        assert reverse("province_reports:export", args=[key, "xlsx"]) in html
    assert "1.100.000\u00a0₫" in html  # Beta's sales, as the site writes money
    assert "Vi phạm an toàn thực phẩm" in html and "0900000002" in html
    assert html.count("<svg") >= 12
    assert reverse("search_query_report") in html


def test_charts_are_plain_svg_without_scripts_and_escape_names(data):
    table = services.run("sales_by_producer", FILTERS)
    table.rows[0]["producer"] = '<script>alert("x")</script>'
    svg = charts.render(table)
    assert svg.startswith("<svg") and "<script" not in svg
    assert "&lt;script&gt;" in svg
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_bad_filters_are_a_form_error_not_a_500(client, officer, data):
    client.force_login(officer)
    url = reverse("province_reports:dashboard")
    response = client.get(url, {"date_from": "2026-06-01", "date_to": "2026-01-01"})
    assert response.status_code == 200
    assert "phải trước" in response.content.decode()
    assert client.get(url, {"stars": "nhiều", "province": "x"}).status_code == 200
    assert client.get(reverse("province_reports:export", args=["nope", "csv"])).status_code == 404
    assert (
        client.get(reverse("province_reports:export", args=["sales_by_month", "pdf"])).status_code
        == 404
    )

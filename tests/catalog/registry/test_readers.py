"""Reading sources as provinces send them: encodings, delimiters, headers, cell formats."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from catalog.models import CertificationLevel, SyncStatus
from catalog.registry import services, values
from catalog.registry.problems import InvalidValue, SourceError
from catalog.registry.readers import open_source

from .conftest import Route, sample_rows
from .sources import sample_json_items, write_sample_xlsx


def read_values(source, format=None):
    opened = open_source(source, format)
    return opened.format, [(r.row_number, r.record_id, r.values) for r in opened.records()]


def write_sample(path, encoding, delimiter, header=None):
    rows = sample_rows()
    if header:
        rows[0] = header
    text = "\r\n".join(delimiter.join(_quote(cell, delimiter) for cell in row) for row in rows)
    path.write_bytes(text.encode(encoding))
    return path


def _quote(cell, delimiter):
    return f'"{cell}"' if delimiter in cell or "," in cell else cell


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8-sig", ";"), ("utf-16", "\t"), ("utf-16-le", ","), ("utf-8", "\t")],
    ids=["utf8-bom-semicolon", "utf16-tab", "utf16le-no-bom-comma", "utf8-tab"],
)
def test_every_encoding_and_delimiter_reads_like_the_plain_sample(
    sample_path, tmp_path, encoding, delimiter
):
    expected = read_values(sample_path)
    path = write_sample(tmp_path / "list.csv", encoding, delimiter)
    assert read_values(path) == expected


def test_headers_match_without_case_or_diacritics_and_in_english(sample_path, tmp_path):
    header = [
        "stt",
        "MA SAN PHAM",
        "product_name",
        "CHỦ THỂ",
        "Address",
        "bo san pham",
        "ĐIỂM",
        "Stars",
        "Certificate number",
        "so quyet dinh",
        "Decision date",
        "level",
        "STATUS",
        "revoked_on",
        "Lý do thu hồi",
        "ghi chú",
    ]
    path = write_sample(tmp_path / "list.csv", "utf-8", ",", header)
    _format, expected = read_values(sample_path)
    _format, found = read_values(path)
    assert [values for *_, values in found] == [values for *_, values in expected]


def test_title_rows_above_the_header_are_skipped(sample_path, tmp_path):
    text = sample_path.read_text(encoding="utf-8")
    path = tmp_path / "list.csv"
    path.write_text("ỦY BAN NHÂN DÂN TỈNH NAM ĐỊNH\nDanh sách kèm theo quyết định\n" + text)
    _format, found = read_values(path)
    assert found[0][0] == 4 and found[0][2]["product_name"] == "Bánh gai Hương Cúc"
    assert len(found) == 16


def test_xlsx_is_read_with_its_dates_and_numbers(tmp_path):
    format, found = read_values(write_sample_xlsx(tmp_path / "list.xlsx"))
    assert format == "xlsx"
    first = found[0][2]
    assert first["decision_date"] == datetime(2024, 7, 18)
    assert first["score"] == 72 and first["stars"] == "4 sao"
    assert found[0][0] == 3  # title row, header row, then data


def test_format_is_guessed_from_content_type_when_the_url_has_no_extension(
    sample_path, feed_server, fast_http, tmp_path
):
    csv_url = feed_server.add("/export", Route(sample_path.read_bytes(), "text/csv; charset=utf-8"))
    xlsx = write_sample_xlsx(tmp_path / "list.xlsx").read_bytes()
    xlsx_url = feed_server.add(
        "/annex",
        Route(xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    )
    assert read_values(csv_url)[0] == "csv"
    assert read_values(xlsx_url)[0] == "xlsx"
    assert len(read_values(xlsx_url)[1]) == 16


@pytest.mark.django_db
def test_a_header_only_file_is_a_failed_run_not_an_empty_success(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text(",".join(sample_rows()[0]) + "\n", encoding="utf-8")
    run = services.sync(path)
    assert run.status == SyncStatus.FAILED
    assert run.problems.get().code == "no_rows"


def test_text_that_is_neither_utf8_nor_utf16_is_refused(tmp_path):
    path = tmp_path / "list.csv"
    path.write_bytes(",".join(sample_rows()[0]).encode("utf-8") + "\nB\xe1nh gai".encode("latin-1"))
    with pytest.raises(SourceError) as failure:
        read_values(path)
    assert failure.value.problem.code == "not_text"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("72", "72.00"), ("72,5", "72.50"), ("72.5", "72.50"), (69.5, "69.50"), (90, "90.00")],
)
def test_scores(raw, expected):
    assert values.parse_score(raw) == Decimal(expected)


@pytest.mark.parametrize("raw", ["bảy mươi", "101", "-1", "7,2,5"])
def test_bad_scores(raw):
    with pytest.raises(InvalidValue):
        values.parse_score(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("4", 4), ("4 sao", 4), ("★★★★", 4), ("3★", 3), (5, 5), (4.0, 4), ("⭐⭐⭐", 3)],
)
def test_stars(raw, expected):
    assert values.parse_stars(raw) == expected


@pytest.mark.parametrize("raw", ["", "6 sao", "nhiều sao", "0"])
def test_bad_stars(raw):
    with pytest.raises(InvalidValue):
        values.parse_stars(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("18/07/2024", date(2024, 7, 18)),
        ("8/7/2024", date(2024, 7, 8)),
        ("2024-07-18", date(2024, 7, 18)),
        ("45491", date(2024, 7, 18)),
        (45491, date(2024, 7, 18)),
        (datetime(2024, 7, 18, 0, 0), date(2024, 7, 18)),
    ],
)
def test_dates(raw, expected):
    assert values.parse_date(raw) == expected


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("31/02/2024", "impossible_date"),
        ("2024-13-01", "impossible_date"),
        ("tháng 7", "invalid_date"),
    ],
)
def test_bad_dates(raw, code):
    with pytest.raises(InvalidValue) as failure:
        values.parse_date(raw)
    assert failure.value.code == code


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Tỉnh", CertificationLevel.PROVINCE),
        ("cấp tỉnh", CertificationLevel.PROVINCE),
        ("Trung ương", CertificationLevel.NATIONAL),
        ("TRUNG UONG", CertificationLevel.NATIONAL),
        ("Huyện", CertificationLevel.DISTRICT),
        ("", None),
    ],
)
def test_levels(raw, expected):
    assert values.parse_level(raw) == expected


@pytest.mark.parametrize(
    ("raw", "revoked"),
    [("", False), ("Còn hiệu lực", False), ("Thu hồi", True), ("THU HOI", True), ("revoked", True)],
)
def test_statuses(raw, revoked):
    assert values.parse_revoked(raw) is revoked


def test_an_unknown_status_is_an_error_not_a_guess():
    with pytest.raises(InvalidValue):
        values.parse_revoked("Tạm dừng")


@pytest.mark.django_db
def test_next_links_to_another_server_are_not_followed(feed_server, fast_http):
    first = feed_server.add(
        "/api/products/",
        Route({"count": 2, "next": "http://127.0.0.2:9/api/products/?page=2", "results": []}),
    )
    run = services.sync(first)
    assert run.status == SyncStatus.FAILED
    assert run.problems.get().code == "bad_next"


def test_a_workbook_saved_under_a_csv_name_is_read_as_a_workbook(tmp_path):
    workbook = write_sample_xlsx(tmp_path / "list.xlsx")
    misnamed = tmp_path / "danh-sach.csv"
    misnamed.write_bytes(workbook.read_bytes())
    format, found = read_values(misnamed)
    assert format == "xlsx"
    assert found == read_values(workbook)[1]


def test_relative_next_links_are_followed_on_the_same_server(feed_server, fast_http):
    one, two, three = sample_json_items()[:3]
    first = feed_server.add("/api/products/", Route({"next": "?page=2", "results": [one]}))
    feed_server.add(
        "/api/products/?page=2", Route({"next": "/api/products/?page=3", "results": [two]})
    )
    feed_server.add("/api/products/?page=3", Route({"next": None, "results": [three]}))
    format, found = read_values(first)
    assert format == "json"
    assert [record_id for _row, record_id, _values in found] == ["1", "2", "3"]

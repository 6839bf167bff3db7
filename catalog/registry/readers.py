"""Readers for registry sources: recognition lists (CSV, XLSX) and the national JSON listing.

Each reader yields RawRecord objects (cell values by field) one at a time. Anything
that makes the source unreadable raises SourceError, with a message for editors.
"""

import codecs
import csv
import io
import json
import time
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlparse

import requests
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from catalog.models import SyncFormat

from . import columns
from .problems import SourceError

HEADER_SEARCH_ROWS = 20
SNIFF_BYTES = 64 * 1024
DELIMITERS = (",", ";", "\t")
ZIP_MAGIC = b"PK\x03\x04"
CONTENT_TYPES = {
    "text/csv": SyncFormat.CSV,
    "application/csv": SyncFormat.CSV,
    "text/plain": SyncFormat.CSV,
    "text/tab-separated-values": SyncFormat.CSV,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": SyncFormat.XLSX,
    "application/json": SyncFormat.JSON,
}
EXTENSIONS = {
    ".csv": SyncFormat.CSV,
    ".tsv": SyncFormat.CSV,
    ".txt": SyncFormat.CSV,
    ".xlsx": SyncFormat.XLSX,
    ".json": SyncFormat.JSON,
}


@dataclass(slots=True)
class RawRecord:
    """One row as read: raw cell values and the source's name for each field's column."""

    row_number: int
    record_id: str
    values: dict
    labels: dict
    source_record_id: str = ""


def is_url(source):
    return str(source).startswith(("http://", "https://"))


class Source:
    """An opened source: its name, format, and its records, read again on each call
    (a sync reads a source twice: to check every row, then to apply them)."""

    def __init__(self, name, format, records, snapshot):
        self.name = name
        self.format = format
        self._records = records  # a function returning a fresh iterator
        self._snapshot = snapshot

    def records(self):
        return self._records()

    def snapshot(self):
        """(file name, bytes) of the data as read, so it can be applied again later."""
        return self._snapshot()


def open_source(source, format=None):
    """Open a path or http(s) URL; the format is guessed when not given."""
    source = str(source)
    if format and format not in SyncFormat.values:
        raise SourceError(
            "unknown_format", _("Định dạng “%(format)s” không hỗ trợ."), format=format
        )
    if is_url(source):
        return _open_url(source, format)
    return _open_path(Path(source), format)


def _open_path(path, format):
    if not path.is_file():
        raise SourceError("not_found", _("Không tìm thấy tệp “%(path)s”."), path=path)
    with path.open("rb") as file:
        head = file.read(SNIFF_BYTES)
    if not head:
        raise SourceError("empty_source", _("Tệp rỗng: không có dữ liệu nào."))
    format = (
        format or _workbook(head) or EXTENSIONS.get(path.suffix.lower()) or _format_from_bytes(head)
    )
    if format == SyncFormat.JSON:
        first_page = _json_from_bytes(path.read_bytes())
        return _json_source(str(path), first_page)
    return _tabular_source(str(path), format, lambda: path.open("rb"), path.name)


def _open_url(url, format):
    session = requests.Session()
    response, body = fetch(session, url)
    content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if not body:
        raise SourceError("empty_source", _("Nguồn rỗng: không có dữ liệu nào."))
    format = (
        format
        or _workbook(body)
        or EXTENSIONS.get(Path(urlparse(url).path).suffix.lower())
        or CONTENT_TYPES.get(content_type)
        or _format_from_bytes(body[:SNIFF_BYTES])
    )
    if format == SyncFormat.JSON:
        return _json_source(url, _json_from_bytes(body), session)
    name = Path(urlparse(url).path).name or f"registry.{format}"
    return _tabular_source(url, format, lambda: io.BytesIO(body), name)


def _workbook(head):
    """A spreadsheet saved under a .csv or .txt name is still a spreadsheet."""
    return SyncFormat.XLSX if head.startswith(ZIP_MAGIC) else None


def _format_from_bytes(head):
    if head.startswith(ZIP_MAGIC):
        return SyncFormat.XLSX
    if head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"["):
        return SyncFormat.JSON
    return SyncFormat.CSV


def _tabular_source(name, format, opener, file_name):
    def records():
        return _xlsx_records(opener) if format == SyncFormat.XLSX else _csv_records(opener)

    def snapshot():
        with opener() as file:
            return file_name, file.read()

    return Source(name, format, records, snapshot)


# --- HTTP -------------------------------------------------------------------


def fetch(session, url):
    """GET with a timeout, retrying connection errors, time-outs and 5xx with backoff."""
    attempts = settings.OCOP_REGISTRY_RETRIES + 1
    problem = None
    for attempt in range(attempts):
        if attempt:
            time.sleep(settings.OCOP_REGISTRY_BACKOFF * 2 ** (attempt - 1))
        try:
            response = session.get(url, timeout=settings.OCOP_REGISTRY_TIMEOUT, stream=True)
            if response.status_code >= 500:
                problem = SourceError(
                    "http_error",
                    _("Máy chủ nguồn trả lỗi %(status)s cho %(url)s."),
                    status=response.status_code,
                    url=url,
                )
                continue
            if response.status_code >= 400:
                raise SourceError(
                    "http_error",
                    _("Máy chủ nguồn trả lỗi %(status)s cho %(url)s."),
                    status=response.status_code,
                    url=url,
                )
            return response, _read_body(response, url)
        except requests.Timeout:
            problem = SourceError(
                "timeout",
                _("Hết thời gian chờ (%(seconds)s giây) khi đọc %(url)s."),
                seconds=settings.OCOP_REGISTRY_TIMEOUT,
                url=url,
            )
        except requests.ConnectionError:
            problem = SourceError("connection_error", _("Không kết nối được tới %(url)s."), url=url)
        except requests.RequestException:
            raise SourceError(
                "connection_error", _("Không kết nối được tới %(url)s."), url=url
            ) from None
    raise problem


def _read_body(response, url):
    limit = settings.OCOP_REGISTRY_MAX_BYTES
    chunks, size = [], 0
    for chunk in response.iter_content(chunk_size=256 * 1024):
        size += len(chunk)
        if size > limit:
            raise SourceError(
                "too_large",
                _("Nguồn %(url)s lớn hơn giới hạn %(limit)s byte."),
                url=url,
                limit=limit,
            )
        chunks.append(chunk)
    return b"".join(chunks)


# --- CSV --------------------------------------------------------------------


def _csv_records(opener):
    with opener() as binary:
        head = binary.read(SNIFF_BYTES)
        encoding = _detect_encoding(head)
        binary.seek(0)
        decoded_head = _decode_head(head, encoding)
        if _looks_binary(decoded_head):
            raise SourceError(
                "binary_file", _("Tệp là dữ liệu nhị phân, không phải bảng CSV, XLSX hay JSON.")
            )
        delimiter = _sniff_delimiter(decoded_head)
        stream = io.TextIOWrapper(binary, encoding=encoding, newline="")
        rows = csv.reader(stream, delimiter=delimiter)
        try:
            yield from _tabular_records(enumerate(rows, start=1))
        except UnicodeDecodeError:
            raise SourceError(
                "not_text",
                _("Tệp không phải văn bản UTF-8 hoặc UTF-16: không đọc được."),
            ) from None
        except csv.Error as exc:
            raise SourceError("bad_csv", _("Tệp CSV hỏng: %(detail)s."), detail=str(exc)) from None


def _detect_encoding(head):
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in head:
        # UTF-16 without BOM has a zero in every other byte of ASCII text.
        even, odd = head[0::2], head[1::2]
        if odd.count(0) > len(odd) * 0.3 and even.count(0) == 0:
            return "utf-16-le"
        if even.count(0) > len(even) * 0.3 and odd.count(0) == 0:
            return "utf-16-be"
        raise SourceError(
            "binary_file", _("Tệp là dữ liệu nhị phân, không phải bảng CSV, XLSX hay JSON.")
        )
    return "utf-8"


def _decode_head(head, encoding):
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    try:
        return decoder.decode(head, final=False)
    except UnicodeDecodeError:
        raise SourceError(
            "not_text", _("Tệp không phải văn bản UTF-8 hoặc UTF-16: không đọc được.")
        ) from None


def _looks_binary(text):
    """Control or unassigned characters where a table would have only text."""
    odd = sum(1 for char in text if char not in "\t\r\n" and unicodedata.category(char) in BINARY)
    return odd > max(1, len(text) // 200)


BINARY = {"Cc", "Cn", "Co", "Cs"}


def _sniff_delimiter(sample):
    """The delimiter under which some early line reads as the best header."""
    lines = sample.splitlines()[:HEADER_SEARCH_ROWS]

    def score(delimiter):
        rows = csv.reader(lines, delimiter=delimiter)
        return max((len(columns.map_header(row)) for row in rows), default=0)

    return max(DELIMITERS, key=score)


# --- XLSX -------------------------------------------------------------------


def _check_expanded_size(binary):
    """Refuse a workbook whose parts would expand past the limits (a zip bomb) before
    any XML is parsed. The sizes are the archive's own; zipfile never reads past them."""
    limit = settings.OCOP_REGISTRY_MAX_UNCOMPRESSED_BYTES
    try:
        with zipfile.ZipFile(binary) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise SourceError("bad_xlsx", BAD_XLSX) from None
    finally:
        binary.seek(0)
    total = sum(part.file_size for part in parts)
    shared_strings = sum(
        part.file_size for part in parts if part.filename.lower().endswith("sharedstrings.xml")
    )
    if total > limit or shared_strings > limit // SHARED_STRINGS_SHARE:
        raise SourceError(
            "too_large_uncompressed",
            _(
                "Sổ tính giải nén ra %(size)s MB, quá giới hạn %(limit)s MB:"
                " không đọc (có thể là tệp nén bất thường)."
            ),
            size=total // 2**20,
            limit=limit // 2**20,
        )


# The shared strings table is held in memory whole while rows are read.
SHARED_STRINGS_SHARE = 3


def _xlsx_records(opener):
    from openpyxl import load_workbook

    with opener() as binary:
        _check_expanded_size(binary)
        try:
            workbook = load_workbook(binary, read_only=True, data_only=True)
        except Exception:  # openpyxl raises many kinds on a damaged workbook
            raise SourceError("bad_xlsx", BAD_XLSX) from None
        try:
            rows = workbook.worksheets[0].iter_rows(values_only=True)
            yield from _tabular_records(enumerate(rows, start=1))
        except SourceError:
            raise
        except Exception:  # damaged sheet XML, found while reading it
            raise SourceError("bad_xlsx", BAD_XLSX) from None
        finally:
            workbook.close()


BAD_XLSX = _("Tệp không phải sổ tính XLSX hợp lệ: không mở được.")


# --- Header and rows, shared by CSV and XLSX --------------------------------


def _tabular_records(numbered_rows):
    """Find the header among the first rows, then yield each non-blank row under it."""
    positions, header_cells, seen_data = {}, (), False
    for row_number, cells in numbered_rows:
        seen_data = seen_data or any(_cell_text(cell) for cell in cells)
        found = columns.map_header(cells)
        if len(found) > len(positions):
            positions, header_cells = found, cells
        if not columns.missing_required(positions) or row_number >= HEADER_SEARCH_ROWS:
            break
    if not seen_data:
        raise SourceError("empty_source", _("Tệp rỗng: không có dữ liệu nào."))
    missing = columns.missing_required(positions)
    if missing:
        raise SourceError(
            "missing_columns",
            columns.MISSING_COLUMNS_MESSAGE,
            columns=", ".join(column.label for column in missing),
        )
    labels = {field: str(header_cells[index]).strip() for field, index in positions.items()}
    for row_number, cells in numbered_rows:
        values = {
            field: cells[index] if index < len(cells) else None
            for field, index in positions.items()
        }
        if _is_blank(values):
            continue
        record_id = _cell_text(values.pop("row", None))
        yield RawRecord(row_number, record_id, values, labels)


def _is_blank(values):
    return all(_cell_text(value) == "" for field, value in values.items() if field != "row")


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


# --- National JSON ----------------------------------------------------------

JSON_FIELDS = {
    "product_code": ("product_code",),
    "product_name": ("name",),
    "producer": ("manufacturer", "name"),
    "address": ("manufacturer", "address"),
    "product_set": ("product_set",),
    "score": ("score",),
    "stars": ("ocop_star",),
    "certificate_number": ("ocop_certificate_number",),
    "decision_number": ("decision_number",),
    "decision_date": ("issued_on",),
    "expiry_date": ("expiry_date",),
    "status": ("status",),
    "revoked_on": ("revoked_on",),
    "revocation_reason": ("revocation_reason",),
    "revocation_decision": ("revocation_decision",),
    "representative": ("manufacturer", "representative"),
    "phone": ("manufacturer", "phone_number"),
    "email": ("manufacturer", "email"),
}
JSON_LABELS = {field: ".".join(path) for field, path in JSON_FIELDS.items()}
JSON_LABELS["level"] = "is_national"


def _json_from_bytes(body):
    try:
        return json.loads(body.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise SourceError(
            "not_text", _("Tệp không phải văn bản UTF-8 hoặc UTF-16: không đọc được.")
        ) from None
    except json.JSONDecodeError as exc:
        raise SourceError(
            "bad_json", _("Dữ liệu JSON hỏng: %(detail)s."), detail=str(exc)
        ) from None
    except RecursionError:
        raise SourceError(
            "bad_json", _("Dữ liệu JSON hỏng: %(detail)s."), detail="nested too deeply"
        ) from None


def _json_source(name, first_page, session=None):
    pages_read = []
    complete = []

    def records():
        if complete:  # read once over the network; again from what was read
            return (
                _json_record(number, item)
                for number, item in enumerate(
                    (item for items in pages_read for item in items), start=1
                )
            )
        return fetch_records()

    def fetch_records():
        pages_read.clear()
        session_ = session or requests.Session()
        page, page_url, seen, row_number = first_page, name, set(), 0
        checked = False
        while True:
            items, next_url = _page_items(page)
            pages_read.append(items)
            if items and not checked:
                _check_json_fields(items)
                checked = True
            for item in items:
                row_number += 1
                yield _json_record(row_number, item)
            if not next_url:
                complete.append(True)
                return
            if is_url(page_url):  # "?page=2" or "/api/products/?page=2" are relative links
                next_url = urljoin(page_url, str(next_url))
            if next_url in seen or not _same_site(name, next_url):
                raise SourceError(
                    "bad_next", _("Liên kết trang sau không hợp lệ: %(url)s."), url=next_url
                )
            seen.add(next_url)
            page_url = next_url
            _response, body = fetch(session_, next_url)
            page = _json_from_bytes(body)

    def snapshot():
        results = [item for items in pages_read for item in items]
        body = {"count": len(results), "next": None, "results": results}
        return "registry.json", json.dumps(body, ensure_ascii=False).encode("utf-8")

    return Source(name, SyncFormat.JSON, records, snapshot)


def _check_json_fields(items):
    """A feed whose items lack a required field altogether is the wrong feed (or a changed
    API): one error naming the fields, rather than the same error on every row."""
    missing = [
        column
        for column in columns.REQUIRED
        if not any(_has_path(item, JSON_FIELDS[column.field]) for item in items)
    ]
    if missing:
        raise SourceError(
            "missing_columns",
            columns.MISSING_COLUMNS_MESSAGE,
            columns=", ".join(JSON_LABELS[column.field] for column in missing),
        )


def _has_path(item, path):
    for key in path:
        if not isinstance(item, dict) or key not in item:
            return False
        item = item[key]
    return True


def _same_site(name, next_url):
    """Pages are followed only on the listing's own server (or any, from a local file)."""
    if not is_url(next_url):
        return False
    return not is_url(name) or urlparse(next_url).netloc == urlparse(name).netloc


def _page_items(page):
    if isinstance(page, list):
        return page, None
    if isinstance(page, dict) and isinstance(page.get("results"), list):
        return page["results"], page.get("next")
    raise SourceError(
        "bad_json",
        _("Dữ liệu JSON hỏng: %(detail)s."),
        detail="expected a list or an object with 'results'",
    )


def _json_record(row_number, item):
    if not isinstance(item, dict):
        item = {}
    values = {field: _dig(item, path) for field, path in JSON_FIELDS.items()}
    national = item.get("is_national")
    values["level"] = {True: "national", False: "province"}.get(national, "")
    record_id = _cell_text(item.get("id"))
    return RawRecord(row_number, record_id, values, JSON_LABELS, source_record_id=record_id[:64])


def _dig(item, path):
    for key in path:
        if not isinstance(item, dict):
            return None
        item = item.get(key)
    return item

"""The columns of a recognition list and the header names they go by.

Headers are compared without case, diacritics, punctuation or extra spaces, so
"Tên sản phẩm", "TEN SAN PHAM" and "product_name" all name the same column.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from catalog.text import match_key


@dataclass(frozen=True)
class Column:
    field: str
    vietnamese: str
    english: str
    required: bool = False
    synonyms: tuple = ()

    @property
    def label(self):
        return f"{self.vietnamese} ({self.english})"


COLUMNS = (
    Column("row", "STT", "row", synonyms=("so thu tu", "tt")),
    Column("product_code", "Mã sản phẩm", "product_code", synonyms=("ma sp", "code")),
    Column("product_name", "Tên sản phẩm", "product_name", True, ("ten sp", "san pham")),
    Column(
        "producer",
        "Chủ thể",
        "producer",
        True,
        ("ten chu the", "chu the ocop", "chu the san xuat", "producer name"),
    ),
    Column("address", "Địa chỉ", "address", True, ("dia chi chu the",)),
    Column("product_set", "Bộ sản phẩm", "product_set", synonyms=("bo sp",)),
    Column("score", "Điểm", "score", True, ("tong diem", "diem danh gia", "so diem")),
    Column("stars", "Hạng sao", "stars", True, ("so sao", "hang", "xep hang", "star")),
    Column(
        "certificate_number",
        "Số giấy chứng nhận",
        "certificate_number",
        synonyms=("so gcn", "giay chung nhan", "certificate"),
    ),
    Column("decision_number", "Số quyết định", "decision_number", True, ("so qd",)),
    Column(
        "decision_date",
        "Ngày quyết định",
        "decision_date",
        True,
        ("ngay qd", "ngay cong nhan", "ngay ky"),
    ),
    Column("level", "Cấp công nhận", "level", synonyms=("cap",)),
    Column("status", "Trạng thái", "status", synonyms=("tinh trang",)),
    Column("revoked_on", "Ngày thu hồi", "revoked_on", synonyms=("ngay thu hoi",)),
    Column("revocation_reason", "Lý do thu hồi", "revocation_reason"),
    Column(
        "revocation_decision",
        "Số quyết định thu hồi",
        "revocation_decision",
        synonyms=("quyet dinh thu hoi",),
    ),
)
REQUIRED = tuple(column for column in COLUMNS if column.required)
BY_FIELD = {column.field: column for column in COLUMNS}

_NOT_WORD = re.compile(r"[^a-z0-9]+")


def header_key(text):
    """'Tên sản phẩm (*)' → 'ten san pham'; 'product_name' → 'product name'."""
    return " ".join(_NOT_WORD.sub(" ", match_key(str(text or ""))).split())


_HEADERS = {}
for _column in COLUMNS:
    for _name in (_column.vietnamese, _column.english, *_column.synonyms):
        _HEADERS.setdefault(header_key(_name), _column.field)


def field_for_header(text):
    return _HEADERS.get(header_key(text))


def map_header(cells):
    """{field: column index} for a header row; the first column of each field wins."""
    positions = {}
    for index, cell in enumerate(cells):
        field = field_for_header(cell)
        if field and field not in positions:
            positions[field] = index
    return positions


def missing_required(positions):
    return [column for column in REQUIRED if column.field not in positions]


MISSING_COLUMNS_MESSAGE = _("Thiếu cột bắt buộc: %(columns)s. Không có thay đổi nào được ghi.")

"""Reading one cell: scores, stars, dates, levels and statuses as provinces write them."""

import re
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext_lazy as _

from catalog.models import CertificationLevel
from catalog.text import match_key

from .problems import InvalidValue

_STAR_CHARS = "★⭐*"
_FIRST_INTEGER = re.compile(r"\d+")
_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
_EXCEL_EPOCH = date(1899, 12, 30)
# Excel serials from 1 January 2000 to 31 December 2099: other numbers are not dates here.
_EXCEL_SERIALS = range(36526, 73051)


def text(value):
    """A cell as clean text: None and blanks become ''; inner spaces collapsed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


# One object for each value that many rows share (scores, decision dates): a run of
# 200,000 rows holds each once. Bounded: emptied when it grows past SHARED_MAX.
_SHARED = {}
SHARED_MAX = 50_000


def shared(value):
    if len(_SHARED) > SHARED_MAX:
        _SHARED.clear()
    return _SHARED.setdefault(value, value)


def parse_score(value):
    """72, '72', '72,5', '72.5' → Decimal, 0–100."""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        score = Decimal(str(value))
    else:
        raw = text(value).replace(" ", "")
        if raw.count(",") == 1 and "." not in raw:
            raw = raw.replace(",", ".")
        try:
            score = Decimal(raw)
        except InvalidOperation:
            raise InvalidValue(
                "invalid_score", _("Điểm “%(value)s” không phải là số."), value=text(value)
            ) from None
    if not score.is_finite() or not 0 <= score <= 100:
        raise InvalidValue(
            "score_out_of_range", _("Điểm %(value)s nằm ngoài thang 0–100."), value=text(value)
        )
    return shared(score.quantize(Decimal("0.01")))


def parse_stars(value):
    """4, '4', '4 sao', '4★', '★★★★' → 4 (1–5)."""
    raw = text(value)
    star_count = sum(raw.count(char) for char in _STAR_CHARS)
    digits = _FIRST_INTEGER.search(raw)
    if digits:
        stars = int(digits.group())
    elif star_count:
        stars = star_count
    else:
        stars = None
    if stars is None or not 1 <= stars <= 5:
        raise InvalidValue(
            "invalid_stars",
            _("Hạng sao “%(value)s” không hợp lệ (phải từ 1 đến 5 sao)."),
            value=raw,
        )
    return stars


def parse_date(value):
    """dd/mm/yyyy, yyyy-mm-dd, a spreadsheet date or an Excel serial number → date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raw = text(value)
    serial = _excel_serial(value, raw)
    if serial is not None:
        return _EXCEL_EPOCH + timedelta(days=serial)
    match = _DMY.match(raw)
    if match:
        day, month, year = (int(part) for part in match.groups())
    else:
        match = _YMD.match(raw)
        if not match:
            raise InvalidValue(
                "invalid_date",
                _("Ngày “%(value)s” không đúng dạng ngày/tháng/năm."),
                value=raw,
            )
        year, month, day = (int(part) for part in match.groups())
    try:
        return shared(date(year, month, day))
    except ValueError:
        raise InvalidValue(
            "impossible_date", _("Ngày “%(value)s” không tồn tại."), value=raw
        ) from None


def _excel_serial(value, raw):
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = value
    elif raw.isdigit() and len(raw) == 5:
        number = int(raw)
    else:
        return None
    return int(number) if int(number) in _EXCEL_SERIALS else None


_LEVELS = {
    "tinh": CertificationLevel.PROVINCE,
    "cap tinh": CertificationLevel.PROVINCE,
    "province": CertificationLevel.PROVINCE,
    "provincial": CertificationLevel.PROVINCE,
    "trung uong": CertificationLevel.NATIONAL,
    "cap trung uong": CertificationLevel.NATIONAL,
    "tw": CertificationLevel.NATIONAL,
    "quoc gia": CertificationLevel.NATIONAL,
    "cap quoc gia": CertificationLevel.NATIONAL,
    "national": CertificationLevel.NATIONAL,
    "huyen": CertificationLevel.DISTRICT,
    "cap huyen": CertificationLevel.DISTRICT,
    "district": CertificationLevel.DISTRICT,
}


def parse_level(value):
    """'Tỉnh', 'Trung ương', 'Huyện' (or English) → CertificationLevel; '' → None."""
    raw = text(value)
    if not raw:
        return None
    level = _LEVELS.get(match_key(raw))
    if level is None:
        raise InvalidValue(
            "invalid_level",
            _("Cấp công nhận “%(value)s” không rõ (Tỉnh, Trung ương hoặc Huyện)."),
            value=raw,
        )
    return level


_ACTIVE = {"", "con hieu luc", "hieu luc", "active", "valid", "cap moi", "cong nhan"}
_REVOKED = {"thu hoi", "da thu hoi", "bi thu hoi", "revoked"}


def parse_revoked(value):
    """Whether the status says the certificate is revoked ('Thu hồi', 'revoked')."""
    key = match_key(text(value))
    if key in _ACTIVE:
        return False
    if key in _REVOKED:
        return True
    raise InvalidValue(
        "invalid_status",
        _("Trạng thái “%(value)s” không rõ (để trống, “Còn hiệu lực” hoặc “Thu hồi”)."),
        value=text(value),
    )

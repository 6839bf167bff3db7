"""Row validation: a raw row becomes a RegistryRecord, or problems saying why it cannot."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from catalog import rules
from catalog.models import ProductSet
from catalog.text import match_key

from . import values
from .columns import BY_FIELD
from .problems import InvalidValue, Problem, error, warning

MAX_LENGTHS = {
    "product_name": 255,
    "producer": 255,
    "product_code": 64,
    "certificate_number": 64,
    "decision_number": 64,
    "revocation_decision": 64,
}


@dataclass(slots=True)
class RegistryRecord:
    """A validated row: every value typed and checked."""

    row_number: int
    record_id: str
    product_name: str
    producer_name: str
    address: str
    score: Decimal
    stars: int
    decision_number: str
    decision_date: date
    level: str
    product_code: str = ""
    product_set_id: int | None = None
    certificate_number: str = ""
    revoked_on: date | None = None
    revocation_reason: str = ""
    revocation_decision: str = ""
    representative: str = ""
    phone: str = ""
    email: str = ""
    source_record_id: str = ""
    labels: dict | None = None  # the source's column names (shared by every row)

    @property
    def name_key(self):
        return match_key(self.product_name)

    @property
    def producer_key(self):
        return match_key(self.producer_name)

    @property
    def certificate_key(self):
        return certificate_key(self.certificate_number)

    @property
    def decision_key(self):
        return decision_key(self.decision_number, self.decision_date)

    @property
    def revoked(self):
        return self.revoked_on is not None


def certificate_key(number):
    return "".join((number or "").split()).upper()


def decision_key(number, decided_on):
    return ("".join((number or "").split()).upper(), decided_on)


class RowValidator:
    """Checks rows one by one (rows naming the same certificate: see duplicates.py)."""

    def __init__(self, today):
        self.today = today
        self.product_sets = _product_set_lookup()

    def validate(self, raw):
        """(RegistryRecord or None, [Problem]) for one RawRecord."""
        row = _Row(raw)
        fields = {
            "product_name": row.required_text("product_name"),
            "producer_name": row.required_text("producer"),
            "address": row.required_text("address"),
            "product_code": row.text("product_code"),
            "certificate_number": row.text("certificate_number"),
            "decision_number": values.shared(row.required_text("decision_number")),
            "revocation_reason": row.text("revocation_reason"),
            "revocation_decision": row.text("revocation_decision"),
            "representative": row.text("representative")[:150],
            "phone": row.text("phone")[:30],
            "email": row.text("email")[:254],
            "score": row.required("score", values.parse_score),
            "stars": row.required("stars", values.parse_stars),
            "decision_date": row.required("decision_date", values.parse_date),
            "level": row.optional("level", values.parse_level),
            "product_set_id": self._product_set(row),
        }
        revoked = row.optional("status", values.parse_revoked)
        revoked_on = row.optional("revoked_on", values.parse_date)
        self._check_stars_match_score(row, fields)
        self._check_decision_date(row, fields["decision_date"])
        fields["revoked_on"] = self._revocation(row, revoked, revoked_on, fields["decision_date"])
        fields["level"] = self._level(row, fields["level"], fields["stars"])
        self._check_expiry(row, fields["decision_date"])
        if row.has_errors:
            return None, row.problems
        record = RegistryRecord(
            row_number=raw.row_number,
            record_id=raw.record_id,
            source_record_id=raw.source_record_id,
            labels=raw.labels,
            **fields,
        )
        return record, row.problems

    def _product_set(self, row):
        raw = values.text(row.raw.values.get("product_set"))
        if not raw:
            return None
        key = raw.split(".")[0].strip() if raw[:1].isdigit() else match_key(raw)
        product_set = self.product_sets.get(key)
        if product_set is None:
            row.add(
                warning(
                    "unknown_product_set",
                    _("Bộ sản phẩm “%(value)s” không có trong 26 bộ: để trống."),
                    value=raw,
                ),
                "product_set",
            )
        return product_set

    def _check_stars_match_score(self, row, fields):
        score, stars = fields["score"], fields["stars"]
        if score is None or stars is None:
            return
        expected = rules.stars_for_score(score)
        if expected != stars:
            row.add(
                error(
                    "stars_score_mismatch",
                    _(
                        "%(score)s điểm thuộc hạng %(expected)s sao, nhưng dòng ghi %(stars)s sao:"
                        " không nhập, cần kiểm tra lại với quyết định."
                    ),
                    score=_format_score(score),
                    expected=expected,
                    stars=stars,
                ),
                "stars",
            )

    def _check_decision_date(self, row, decided_on):
        if decided_on is None:
            return
        problem = rules.decision_date_problem(decided_on, self.today)
        if problem is not None:
            row.add(error(problem.code, problem.message, **problem.params), "decision_date")

    def _revocation(self, row, revoked, revoked_on, decided_on):
        if revoked and revoked_on is None and not row.has_error_in("revoked_on"):
            row.add(
                error(
                    "missing_revocation_date",
                    _("Sản phẩm bị thu hồi nhưng thiếu ngày thu hồi."),
                ),
                "revoked_on",
            )
        if not revoked:
            if revoked_on is not None:
                row.add(
                    warning(
                        "revocation_date_without_status",
                        _("Có ngày thu hồi nhưng trạng thái không phải “Thu hồi”: bỏ qua ngày."),
                    ),
                    "revoked_on",
                )
            return None
        if revoked_on and decided_on and revoked_on < decided_on:
            row.add(
                error(
                    "revoked_before_decision",
                    _("Ngày thu hồi %(revoked)s trước ngày quyết định %(decided)s."),
                    revoked=revoked_on.strftime("%d/%m/%Y"),
                    decided=decided_on.strftime("%d/%m/%Y"),
                ),
                "revoked_on",
            )
        return revoked_on

    def _level(self, row, level, stars):
        if level is None and stars is not None:
            return rules.certifying_level(stars)
        return level

    def _check_expiry(self, row, decided_on):
        """The national listing states an expiry date; it should be decision + 36 months."""
        if "expiry_date" not in row.raw.values or decided_on is None:
            return
        stated = row.optional("expiry_date", values.parse_date)
        if stated and stated != rules.valid_until(decided_on):
            row.add(
                warning(
                    "expiry_mismatch",
                    _(
                        "Ngày hết hạn trong nguồn (%(stated)s) khác 36 tháng kể từ quyết định"
                        " (%(computed)s): dùng %(computed)s."
                    ),
                    stated=stated.strftime("%d/%m/%Y"),
                    computed=rules.valid_until(decided_on).strftime("%d/%m/%Y"),
                ),
                "expiry_date",
            )


class _Row:
    """Reads one raw row's cells, collecting problems against their columns."""

    def __init__(self, raw):
        self.raw = raw
        self.problems = []

    @property
    def has_errors(self):
        return any(problem.is_error for problem in self.problems)

    def has_error_in(self, field):
        label = self.label(field)
        return any(p.is_error and p.column == label for p in self.problems)

    def label(self, field):
        return column_label(self.raw.labels, field)

    def add(self, problem: Problem, field, value=None):
        problem.column = self.label(field)
        problem.row_number = self.raw.row_number
        problem.record_id = self.raw.record_id
        if value is None:
            value = values.text(self.raw.values.get(field))
        problem.value = value
        self.problems.append(problem)

    def text(self, field):
        text = values.text(self.raw.values.get(field))
        limit = MAX_LENGTHS.get(field)
        if limit and len(text) > limit:
            self.add(
                error(
                    "too_long",
                    _("Giá trị dài quá %(limit)s ký tự."),
                    limit=limit,
                ),
                field,
            )
        return text

    def required_text(self, field):
        text = self.text(field)
        if not text:
            self._missing(field)
        return text

    def required(self, field, parse):
        if values.text(self.raw.values.get(field)) == "":
            self._missing(field)
            return None
        return self.optional(field, parse)

    def optional(self, field, parse):
        raw = self.raw.values.get(field)
        if values.text(raw) == "":
            return None
        try:
            return parse(raw)
        except InvalidValue as invalid:
            self.add(error(invalid.code, invalid.message, **invalid.params), field)
            return None

    def _missing(self, field):
        self.add(
            error(
                "missing_value",
                _("Thiếu giá trị bắt buộc “%(column)s”."),
                column=self.label(field),
            ),
            field,
        )


def column_label(labels, field):
    """The source's name for a field's column, else the standard Vietnamese one."""
    label = (labels or {}).get(field)
    if label:
        return label
    column = BY_FIELD.get(field)
    return column.vietnamese if column else field


def _format_score(score):
    return f"{score.normalize():f}".replace(".", ",")


def _product_set_lookup():
    lookup = {}
    for pk, number, name in ProductSet.objects.values_list("pk", "number", "name"):
        lookup[str(number)] = pk
        lookup[match_key(name)] = pk
    return lookup

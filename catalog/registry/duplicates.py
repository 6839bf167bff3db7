"""Rows of one source that name the same certificate decision.

A list may name a certificate more than once: a repeated row, a later row that
revokes it, or two rows that disagree. The rule:

- rows that say the same thing: the first is applied, each later one is reported
  as a duplicate (error) and skipped;
- rows that disagree where one of them records a revocation: the revocation wins
  (a revoked product must never stay on sale) and every row of the group is told
  so with a warning; the others are not applied;
- any other disagreement (stars, score, decision, product, two different
  revocations): a conflict, reported on every row of the group, none applied.

Rows are matched by certificate number and decision number when the row has a
certificate number (a list may also hold the certificate's earlier decision, which is
not a repeat), else by decision, product and producer.
"""

from typing import NamedTuple

from django.utils.translation import gettext_lazy as _

from .problems import error, warning
from .records import column_label, decision_key


def group_key(record):
    if record.certificate_key:
        return ("certificate", record.certificate_key, decision_key(record.decision_number, None))
    return ("decision", record.decision_key, record.name_key, record.producer_key)


def certificate_facts(record):
    """What a row says about the certificate and its product (contact details aside)."""
    return (
        record.name_key,
        record.producer_key,
        record.product_code,
        record.product_set_id,
        record.certificate_key,
        decision_key(record.decision_number, record.decision_date),
        record.score,
        record.stars,
        record.level,
    )


def revocation_facts(record):
    if not record.revoked:
        return None
    return (record.revoked_on, record.revocation_reason, record.revocation_decision)


class Seen(NamedTuple):
    """What the first pass keeps of a row: enough to compare and report, not the row."""

    row_number: int
    record_id: str
    facts: int  # hash of certificate_facts
    revocation: int | None  # hash of revocation_facts, None when not revoked
    column: str
    value: str

    @property
    def revoked(self):
        return self.revocation is not None


def seen(record):
    field = "certificate_number" if record.certificate_number else "decision_number"
    revocation = revocation_facts(record)
    return Seen(
        record.row_number,
        record.record_id,
        hash(certificate_facts(record)),
        None if revocation is None else hash(revocation),
        column_label(record.labels, field),
        record.certificate_number or record.decision_number,
    )


class SameCertificateRows:
    """Collects what it needs of each validated row, then decides which rows are applied.

    Memory: a few numbers and two short strings per row, whatever the row holds.
    """

    def __init__(self):
        self.groups = {}

    def add(self, record):
        key = hash(group_key(record))
        entry = seen(record)
        first = self.groups.setdefault(key, entry)
        if first is not entry:
            if isinstance(first, Seen):
                self.groups[key] = [first, entry]
            else:
                first.append(entry)

    def resolve(self):
        """(row numbers not to apply, [Problem], how many rows that is)."""
        skip, problems = set(), []
        for entries in self.groups.values():
            if isinstance(entries, Seen):
                continue
            applied, notes = resolve_group(entries)
            skip.update(e.row_number for e in entries if e is not applied)
            problems.extend(notes)
        return skip, problems, len(skip)


def resolve_group(entries):
    """(the row to apply or None, [Problem]) for rows of one certificate decision."""
    first_of = {}  # (facts, revocation) -> first row saying them
    problems = []
    for entry in entries:
        first = first_of.setdefault((entry.facts, entry.revocation), entry)
        if first is not entry:
            problems.append(_on(entry, _duplicate(first)))
    variants = list(first_of.values())
    if len(variants) == 1:
        return variants[0], problems
    revocations = {entry.revocation for entry in variants if entry.revoked}
    if len(revocations) == 1:
        winner = next(entry for entry in variants if entry.revoked)
        others = [entry for entry in variants if entry is not winner]
        problems.append(
            _on(
                winner,
                warning(
                    "revocation_wins",
                    _(
                        "Dòng %(rows)s ghi cùng giấy chứng nhận nhưng khác nội dung:"
                        " áp dụng thu hồi ở dòng này."
                    ),
                    rows=_row_list(others),
                ),
            )
        )
        problems.extend(
            _on(
                other,
                warning(
                    "superseded_by_revocation",
                    _(
                        "Giấy chứng nhận này bị thu hồi ở dòng %(row)s:"
                        " dòng này không được áp dụng."
                    ),
                    row=winner.row_number,
                ),
            )
            for other in others
        )
        return winner, problems
    for entry in variants:
        others = [other for other in variants if other is not entry]
        problems.append(
            _on(
                entry,
                error(
                    "conflicting_rows",
                    _(
                        "Mâu thuẫn với dòng %(rows)s về cùng giấy chứng nhận/quyết định:"
                        " không áp dụng dòng nào, cần kiểm tra lại."
                    ),
                    rows=_row_list(others),
                ),
            )
        )
    return None, problems


def _row_list(entries):
    return ", ".join(str(entry.row_number) for entry in entries)


def _duplicate(first):
    if first.record_id:
        return error(
            "duplicate_row",
            _("Trùng với dòng %(row)s (STT %(id)s): cùng giấy chứng nhận/quyết định, bỏ qua."),
            row=first.row_number,
            id=first.record_id,
        )
    return error(
        "duplicate_row",
        _("Trùng với dòng %(row)s: cùng giấy chứng nhận/quyết định, bỏ qua."),
        row=first.row_number,
    )


def _on(entry, problem):
    problem.row_number = entry.row_number
    problem.record_id = entry.record_id
    problem.column = entry.column
    problem.value = entry.value
    return problem

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


def facts(record):
    return (certificate_facts(record), revocation_facts(record))


class SameCertificateRows:
    """Collects validated records, then decides which of them are applied."""

    def __init__(self):
        self.groups = {}

    def add(self, record):
        self.groups.setdefault(group_key(record), []).append(record)

    def resolve(self):
        """(records to apply in row order, [Problem], number of rows not applied)."""
        kept, problems, dropped = [], [], 0
        for records in self.groups.values():
            if len(records) == 1:
                kept.append(records[0])
                continue
            applied, notes = resolve_group(records)
            if applied is not None:
                kept.append(applied)
            problems.extend(notes)
            dropped += len(records) - (applied is not None)
        kept.sort(key=lambda record: record.row_number)
        return kept, problems, dropped


def resolve_group(records):
    """(the record to apply or None, [Problem]) for rows of one certificate decision."""
    first_of = {}  # facts -> first record saying them
    problems = []
    for record in records:
        first = first_of.setdefault(facts(record), record)
        if first is not record:
            problems.append(_on(record, _duplicate(first)))
    variants = list(first_of.values())
    if len(variants) == 1:
        return variants[0], problems
    revocations = {revocation_facts(r) for r in variants if r.revoked}
    if len(revocations) == 1:
        winner = next(r for r in variants if r.revoked)
        others = [r for r in variants if r is not winner]
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
    for record in variants:
        others = [other for other in variants if other is not record]
        problems.append(
            _on(
                record,
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


def _row_list(records):
    return ", ".join(str(record.row_number) for record in records)


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


def _on(record, problem):
    problem.row_number = record.row_number
    problem.record_id = record.record_id
    field = "certificate_number" if record.certificate_number else "decision_number"
    problem.column = column_label(record.labels, field)
    problem.value = record.certificate_number or record.decision_number
    return problem

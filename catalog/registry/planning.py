"""Matching validated rows to what the catalogue holds, and deciding what each row changes.

Rows are matched against a RegistryIndex (index.py), so planning a row costs no
query. Planning updates the index as if the row were applied, so later rows of the
same source see earlier ones, and a dry run plans exactly what a real run applies.
"""

import enum
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from catalog import rules
from catalog.models import LegalForm
from catalog.text import match_key

from .addresses import map_address
from .index import CertRef, ProducerRef, ProductRef
from .problems import warning
from .records import RegistryRecord, certificate_key, decision_key


class Action(enum.StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    RENEWED = "renewed"
    UPGRADED = "upgraded"
    DOWNGRADED = "downgraded"
    REVOKED = "revoked"


@dataclass(eq=False, slots=True)
class Change:
    """What one row does: the records to create or update, and the diff to show."""

    action: Action
    record: RegistryRecord
    product: ProductRef
    certification: CertRef
    creates_certification: bool = False
    new_product: bool = False
    certification_updates: dict = field(default_factory=dict)
    product_updates: dict = field(default_factory=dict)
    before: dict | None = None
    failed: bool = False
    after: dict | None = None  # the certification as this row leaves it

    def as_diff(self):
        """A compact summary for the run's diff (kept small: a run may hold 20,000)."""
        diff = {
            "row": self.record.row_number,
            "action": str(self.action),
            "product": self.product.name,
            "product_id": self.product.pk,
            "producer": self.product.producer.name,
            "after": self.after or _summary(self.certification),
        }
        if self.record.record_id:
            diff["id"] = self.record.record_id
        if self.new_product:
            diff["new_product"] = True
        if self.before:
            diff["before"] = self.before
        fields = sorted(self.certification_updates) + sorted(self.product_updates)
        if fields:
            diff["fields"] = fields
        return diff


def _same_decision(cert, record):
    """A row with a known certificate number restates that decision (perhaps correcting
    its number or its date) unless both differ: then it is a new decision, a renewal."""
    same_number = decision_key(cert.decision_number, None) == decision_key(
        record.decision_number, None
    )
    return same_number or cert.decision_date == record.decision_date


def _summary(cert):
    summary = {
        "stars": cert.stars,
        "score": f"{cert.score}",
        "certificate": cert.certificate_number,
        "decision": cert.decision_number,
        "decided": cert.decision_date.isoformat(),
        "until": rules.valid_until(cert.decision_date).isoformat(),
    }
    if cert.revoked_on:
        summary["revoked"] = cert.revoked_on.isoformat()
    return summary


class Planner:
    """Turns validated records into Changes, updating the index as it goes."""

    def __init__(self, index):
        self.index = index

    def plan(self, record):
        """(Change or None when the row changes nothing, [warning Problems])."""
        change, problems = self._plan(record)
        if change is not None:  # the diff shows this row's facts, whatever later rows change
            change.after = _summary(change.certification)
        return change, problems

    def _plan(self, record):
        problems = []
        cert = self.index.certification(record.certificate_key)
        product = cert.product if cert else self._match_product(record)
        if cert and cert.product.name_key != record.name_key:
            problems.append(
                warning(
                    "name_differs",
                    _(
                        "Số giấy chứng nhận khớp sản phẩm “%(product)s” nhưng tên trong nguồn là"
                        " “%(name)s”: giữ tên đã có."
                    ),
                    product=cert.product.name,
                    name=record.product_name,
                )
            )
        if product is None:
            return self._new_product(record, problems), problems
        existing = product.certification_for(record)
        if existing is None and cert is not None and _same_decision(cert, record):
            existing = cert
        if existing is not None:
            return self._same_decision(record, existing, problems), problems
        return self._new_decision(record, product), problems

    def _match_product(self, record):
        return self.index.product_by_code(record.product_code) or self.index.product_by_name(
            record.name_key, record.producer_key
        )

    def _new_product(self, record, problems):
        producer = self.index.producers.get(record.producer_key)
        if producer is None:
            producer = self._new_producer(record, problems)
        product = ProductRef(
            None,
            record.product_name,
            record.name_key,
            producer,
            record.product_code,
            record.product_set_id,
        )
        self.index.add_product(product)
        cert = self._new_certification(record, product)
        return Change(
            Action.CREATED, record, product, cert, creates_certification=True, new_product=True
        )

    def _new_producer(self, record, problems):
        address = map_address(record.address)
        if address.province_code is None:
            problems.append(
                warning(
                    "address_unmapped",
                    _(
                        "Không xác định được tỉnh/thành hiện nay từ địa chỉ “%(address)s”:"
                        " giữ nguyên văn bản, cần biên tập viên bổ sung."
                    ),
                    address=record.address,
                )
            )
        elif address.ward_code is None:
            problems.append(
                warning(
                    "ward_unmapped",
                    _(
                        "Không xác định chắc chắn được xã/phường hiện nay từ địa chỉ"
                        " “%(address)s”: chỉ ghi tỉnh/thành."
                    ),
                    address=record.address,
                )
            )
        producer = ProducerRef(
            None,
            record.producer_name,
            record.producer_key,
            new_fields={
                "slug": self.index.new_slug(record.producer_name),
                "legal_form": legal_form_for(record.producer_name),
                "original_address": record.address,
                "street_address": address.street[:255],
                "province_code": address.province_code,
                "ward_code": address.ward_code,
                "representative": record.representative,
                "phone": record.phone,
                "email": record.email,
            },
        )
        self.index.add_producer(producer)
        return producer

    def _new_certification(self, record, product):
        cert = CertRef(
            None,
            product,
            record.certificate_number,
            record.decision_number,
            record.decision_date,
            record.stars,
            record.score,
            record.level,
            record.revoked_on,
            record.revocation_reason if record.revoked else "",
            record.revocation_decision if record.revoked else "",
            sequence=self.index.next_sequence(),
        )
        self.index.add_certification(cert)
        return cert

    def _new_decision(self, record, product):
        previous = product.current
        cert = self._new_certification(record, product)
        if previous is None:
            action = Action.CREATED
        elif cert.newness < previous.newness:
            action = Action.UPDATED  # an older decision joins the history
        elif cert.revoked_on is not None:
            action = Action.REVOKED  # the newest decision, already revoked
        elif cert.stars > previous.stars:
            action = Action.UPGRADED
        elif cert.stars < previous.stars:
            action = Action.DOWNGRADED
        else:
            action = Action.RENEWED
        change = Change(action, record, product, cert, creates_certification=True)
        change.before = _summary(previous) if previous else None
        change.product_updates = self._product_fills(record, product)
        return change

    def _same_decision(self, record, cert, problems):
        updates = {}
        for name, value in (
            ("stars", record.stars),
            ("score", record.score),
            ("level", record.level),
            ("decision_number", record.decision_number),
            ("decision_date", record.decision_date),
        ):
            if getattr(cert, name) != value:
                updates[name] = value
        if record.certificate_number and record.certificate_key != certificate_key(
            cert.certificate_number
        ):
            updates["certificate_number"] = record.certificate_number
        revoking = False
        if record.revoked:
            revocation = {
                "revoked_on": record.revoked_on,
                "revocation_reason": record.revocation_reason,
                "revocation_decision": record.revocation_decision,
            }
            revoking = cert.revoked_on is None
            updates.update({k: v for k, v in revocation.items() if getattr(cert, k) != v})
        elif cert.revoked_on is not None:
            problems.append(
                warning(
                    "revocation_kept",
                    _(
                        "Chứng nhận đã bị thu hồi ngày %(date)s; nguồn không ghi thu hồi nên"
                        " vẫn giữ trạng thái thu hồi."
                    ),
                    date=cert.revoked_on.strftime("%d/%m/%Y"),
                )
            )
        product_updates = self._product_fills(record, cert.product)
        if not updates and not product_updates:
            return None
        before = _summary(cert)
        for name, value in updates.items():
            setattr(cert, name, value)
        action = Action.REVOKED if revoking else Action.UPDATED
        change = Change(action, record, cert.product, cert, before=before)
        change.certification_updates = updates
        change.product_updates = product_updates
        return change

    def _product_fills(self, record, product):
        """Blanks of a product the registry can fill: its code and product set."""
        fills = {}
        if record.product_code and not product.registry_code:
            fills["registry_code"] = product.registry_code = record.product_code
            self.index.add_product(product)
        if record.product_set_id and not product.product_set_id:
            fills["product_set_id"] = product.product_set_id = record.product_set_id
        return fills


_LEGAL_FORMS = (
    ("hop tac xa", LegalForm.COOPERATIVE),
    ("htx", LegalForm.COOPERATIVE),
    ("to hop tac", LegalForm.COOPERATIVE_GROUP),
    ("tht", LegalForm.COOPERATIVE_GROUP),
    ("cong ty", LegalForm.ENTERPRISE),
    ("doanh nghiep", LegalForm.ENTERPRISE),
    ("trang trai", LegalForm.FARM),
    ("ho kinh doanh", LegalForm.HOUSEHOLD),
    ("hkd", LegalForm.HOUSEHOLD),
)


def legal_form_for(name):
    key = match_key(name)
    return next((form for prefix, form in _LEGAL_FORMS if key.startswith(prefix)), "")

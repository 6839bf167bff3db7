"""The registry sync service. The command, the admin and the Celery tasks all call it.

A run reads the whole source and validates every row before it writes anything, so
a source that cannot be read changes nothing (first pass, which keeps only a few
numbers per row). A second pass plans the good rows and writes them in batches, each
batch in its own transaction; when a batch fails, its rows are written again one by
one, each in its own transaction, so a bad row never takes the others down. The
diff of each batch is stored as it is written (SyncChange rows): memory stays
bounded however long the source.
"""

import logging
import tempfile
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog import rules, sale_listing
from catalog.models import (
    Certification,
    CertificationSource,
    Producer,
    Product,
    SyncChange,
    SyncProblem,
    SyncRun,
    SyncStatus,
)
from catalog.models.registry import SyncTrigger
from catalog.services import refresh_current_certification
from catalog.signals import certification_changed
from ocop import shared_state

from .duplicates import SameCertificateRows
from .index import RegistryIndex
from .planning import Action, Planner
from .problems import SourceError, error
from .readers import open_source
from .records import RowValidator

logger = logging.getLogger(__name__)

APPLY_BATCH = 500
PROBLEM_BATCH = 1000
# Shared by every process (ocop.shared_state: Redis in production); expires in case a
# worker dies mid-run, and only the run that took it releases it.
WRITER_LOCK = "catalog.registry.sync-writer"
WRITER_LOCK_SECONDS = 2 * 3600


PROGRESS_EVERY = 5000  # rows read between two progress updates of a run


@dataclass
class Outcome:
    run: SyncRun | None = None  # None for plan(), which keeps everything in memory
    rows_total: int = 0
    rows_rejected: int = 0
    unchanged: int = 0
    changes: list = field(default_factory=list)  # plan() only; a run writes them in batches
    problems: list = field(default_factory=list)  # a run's, until written in a batch
    errors: int = 0
    warnings: int = 0
    counts: dict = field(default_factory=lambda: dict.fromkeys(Action, 0))
    written: int = 0  # diffs written as SyncChange rows

    def report(self, problems):
        for problem in problems:
            if problem.is_error:
                self.errors += 1
            else:
                self.warnings += 1
            self.problems.append(problem)
        if len(self.problems) >= PROBLEM_BATCH:
            self.write_problems()

    def write_problems(self):
        """A run stores its problems as they come, a batch at a time: a list where
        every row is wrong holds no more of them in memory than a good one."""
        if self.run is None or not self.problems:
            return
        SyncProblem.objects.bulk_create(
            SyncProblem(run=self.run, **problem.as_model_fields()) for problem in self.problems
        )
        self.problems = []


def sync(
    source,
    *,
    format=None,
    dry_run=False,
    trigger=SyncTrigger.COMMAND,
    user=None,
    keep_snapshot=False,
):
    """Read ``source`` (a path or http(s) URL) and bring certifications in step with it.

    Returns the SyncRun. With ``dry_run`` nothing but the SyncRun and its problems is
    written. ``keep_snapshot`` stores the data as read, so the run can be applied later.
    """
    run = SyncRun.objects.create(
        source=str(source)[:500],
        format=format or "",
        dry_run=dry_run,
        trigger=trigger,
        started_by=user,
    )
    return execute(run, source=source, keep_snapshot=keep_snapshot)


def execute(run, *, source=None, keep_snapshot=False):
    """Carry out a pending SyncRun: from ``source``, else its stored snapshot, else its source.

    A run is carried out once: a task delivered twice (a worker lost before it
    acknowledged) finds it no longer pending and leaves it as it is.
    """
    started_at = timezone.now()
    claimed = SyncRun.objects.filter(pk=run.pk, status=SyncStatus.PENDING).update(
        status=SyncStatus.RUNNING, started_at=started_at
    )
    if not claimed:
        run.refresh_from_db()
        return run
    run.status, run.started_at = SyncStatus.RUNNING, started_at
    with _one_writer(run) as allowed:
        if not allowed:
            return _fail(
                run,
                error(
                    "sync_running",
                    _(
                        "Một lần đồng bộ khác đang ghi dữ liệu; hãy chạy lại sau."
                        " Không có thay đổi."
                    ),
                ),
            )
        return _read_plan_apply(run, source, keep_snapshot)


@contextmanager
def _one_writer(run):
    """Real runs write one at a time (two at once would both create the same products)."""
    if run.dry_run:
        yield True
        return
    owner = f"run-{run.pk}-{uuid.uuid4().hex}"
    acquired = shared_state.acquire_lock(WRITER_LOCK, owner, WRITER_LOCK_SECONDS)
    try:
        yield acquired
    finally:
        if acquired:
            shared_state.release_lock(WRITER_LOCK, owner)  # not another run's, if ours expired


def _read_plan_apply(run, source, keep_snapshot):
    """Read the whole source once (validating every row), then plan and write it in
    batches: memory stays bounded whatever the number of rows."""
    try:
        with _readable(run, source) as location:
            opened = open_source(location, run.format or None)
            run.format = opened.format
            outcome, skip = check_rows(opened, run=run)
            if keep_snapshot and not run.snapshot:
                name, content = opened.snapshot()
                run.snapshot.save(name, ContentFile(content), save=False)
            _plan_and_write(run, opened, skip, outcome)
    except SourceError as failure:
        return _fail(run, failure.problem)
    except Exception:
        logger.exception("Registry sync run %s failed", run.pk)
        _fail(run, error("internal_error", _("Lỗi hệ thống khi đọc nguồn; xem nhật ký máy chủ.")))
        raise
    _finish(run, outcome)
    if not run.dry_run:
        _discard_snapshot(run)
    return run


def _plan_and_write(run, opened, skip, outcome):
    index = RegistryIndex.load()
    try:
        batch = []
        for change in planned_changes(opened, skip, outcome, index):
            batch.append(change)
            if len(batch) >= APPLY_BATCH:
                _write_batch(run, batch, outcome)
                index.settle()  # what the batch planned leaves memory for the index's file
                batch = []
        _write_batch(run, batch, outcome)
    finally:
        index.close()


def _write_batch(run, batch, outcome):
    """Apply one batch (unless a dry run) and record the diff of what was applied."""
    if not batch:
        return
    done = batch if run.dry_run else _apply_batch(batch, outcome)
    for change in done:
        outcome.counts[change.action] += 1
    SyncChange.objects.bulk_create(
        SyncChange(run=run, position=outcome.written + offset, data=change.as_diff())
        for offset, change in enumerate(done)
    )
    outcome.written += len(done)
    for change in batch:  # what a new producer is made from is not needed once made
        producer = change.product.producer
        if run.dry_run or producer.pk is not None:
            producer.new_fields = None


@transaction.atomic
def run_from_dry_run(dry_run, *, user=None):
    """A pending real run over exactly the data a reviewed dry run read (see execute).

    None when the dry run was applied already (two clicks, two editors) or cannot be.
    """
    dry_run = SyncRun.objects.select_for_update().get(pk=dry_run.pk)
    if not dry_run.can_be_applied():
        return None
    run = SyncRun.objects.create(
        source=dry_run.source,
        format=dry_run.format,
        dry_run=False,
        trigger=SyncTrigger.ADMIN,
        started_by=user,
        applied_from=dry_run,
        snapshot=dry_run.snapshot.name,
    )
    return run


@contextmanager
def _readable(run, source):
    """A path or URL to read: the stored snapshot is copied to a local file first."""
    if source is not None:
        yield source
        return
    if not run.snapshot:
        yield run.source
        return
    suffix = Path(run.snapshot.name).suffix
    with tempfile.NamedTemporaryFile(suffix=suffix) as local:
        with run.snapshot.open("rb") as stored:
            for chunk in stored.chunks():
                local.write(chunk)
        local.flush()
        yield local.name


def check_rows(opened, *, run=None):
    """First pass over the source: read and validate every row (a source that cannot be
    read fails here, before anything is written) and settle rows naming the same
    certificate. Returns the Outcome so far and the row numbers not to apply."""
    outcome = Outcome(run=run)
    validator = RowValidator(today=timezone.localdate())
    same_certificate = SameCertificateRows()
    for raw in opened.records():
        outcome.rows_total += 1
        record, problems = validator.validate(raw)
        outcome.report(problems)
        if record is None:
            outcome.rows_rejected += 1
        else:
            same_certificate.add(record)
        if run is not None and outcome.rows_total % PROGRESS_EVERY == 0:
            SyncRun.objects.filter(pk=run.pk).update(rows_total=outcome.rows_total)
    if outcome.rows_total == 0:
        raise SourceError("no_rows", _("Nguồn không có dòng dữ liệu nào dưới dòng tiêu đề."))
    skip, problems, dropped = same_certificate.resolve()
    outcome.report(problems)
    outcome.rows_rejected += dropped
    return outcome, skip


def planned_changes(opened, skip, outcome, index):
    """Second pass: each good row matched against what is stored (and what earlier rows
    planned), one Change at a time; rows that change nothing are counted."""
    validator = RowValidator(today=timezone.localdate())
    planner = Planner(index)
    for raw in opened.records():
        record, _problems = validator.validate(raw)  # reported by the first pass
        if record is None or record.row_number in skip:
            continue
        change, notes = planner.plan(record)
        for note in notes:
            note.row_number, note.record_id = record.row_number, record.record_id
        outcome.report(notes)
        if change is None:
            outcome.unchanged += 1
        else:
            yield change


def plan(opened):
    """Validate and match every row of an opened source, all in memory; nothing is written."""
    outcome, skip = check_rows(opened)
    # Never settled: every planned product stays in memory, for apply() to write.
    outcome.changes = list(planned_changes(opened, skip, outcome, RegistryIndex.load()))
    return outcome


def apply(outcome):
    """Write plan()'s changes, a batch per transaction, falling back to one row each."""
    applied = []
    for start in range(0, len(outcome.changes), APPLY_BATCH):
        applied += _apply_batch(outcome.changes[start : start + APPLY_BATCH], outcome)
    outcome.changes = applied


def _apply_batch(batch, outcome):
    """Write one batch in a transaction; when it fails, each row in its own. The
    changes written are returned; each that could not be is a problem."""
    try:
        _write_atomically(batch)
    except DatabaseError:
        for change in batch:
            try:
                _write_atomically([change])
            except DatabaseError as failure:
                change.failed = True
                outcome.report([_save_failed(change, failure)])
    return [change for change in batch if not change.failed]


def _write_atomically(changes):
    assigned = []
    try:
        with transaction.atomic():
            _write(changes, assigned)
    except DatabaseError:
        for ref in assigned:  # rolled back: these rows were never saved
            ref.pk = None
        raise


def _write(changes, assigned):
    now = timezone.now()
    _create_producers(changes, assigned)
    _create_products(changes, assigned)
    created_certs = {id(ref) for ref in _create_certifications(changes, assigned)}
    touched = set()
    for change in changes:
        product_id = change.product.pk
        if change.product_updates and not change.new_product:
            Product.objects.filter(pk=product_id).update(**change.product_updates, updated_at=now)
        cert = change.certification
        if change.certification_updates and id(cert) not in created_certs:
            updates = dict(change.certification_updates)
            if "decision_date" in updates:
                updates["valid_until"] = rules.valid_until(updates["decision_date"])
            Certification.objects.filter(pk=cert.pk).update(**updates)
            touched.add(product_id)
    product_ids = sorted({change.product.pk for change in changes})
    newly_current = set(refresh_current_certification(product_ids))
    sale_listing.refresh_products(product_ids)
    others = sorted(touched - newly_current)
    if others:
        transaction.on_commit(lambda: certification_changed.send(Certification, product_ids=others))


def _unique(refs):
    return list({id(ref): ref for ref in refs}.values())


def _create_producers(changes, assigned):
    refs = _unique(c.product.producer for c in changes if c.product.producer.pk is None)
    producers = [
        Producer(
            name=ref.name,
            name_key=ref.name_key,
            from_registry=True,
            needs_review=True,
            **ref.new_fields,
        )
        for ref in refs
    ]
    _bulk_create(Producer, refs, producers, assigned)


def _create_products(changes, assigned):
    refs = _unique(c.product for c in changes if c.product.pk is None)
    products = [
        Product(
            name=ref.name,
            name_key=ref.name_key,
            producer_id=ref.producer.pk,
            registry_code=ref.registry_code,
            product_set_id=ref.product_set_id,
            from_registry=True,
            needs_review=True,
        )
        for ref in refs
    ]
    _bulk_create(Product, refs, products, assigned)


def _create_certifications(changes, assigned):
    records = {id(c.certification): c.record for c in changes if c.creates_certification}
    refs = _unique(c.certification for c in changes if c.certification.pk is None)
    certifications = [
        Certification(
            product_id=ref.product.pk,
            valid_until=rules.valid_until(ref.decision_date),
            source=CertificationSource.REGISTRY,
            source_record_id=getattr(records.get(id(ref)), "source_record_id", ""),
            **ref.facts(),
        )
        for ref in refs
    ]
    _bulk_create(Certification, refs, certifications, assigned)
    return refs


def _bulk_create(model, refs, objects, assigned):
    if not objects:
        return
    model.objects.bulk_create(objects)
    for ref, obj in zip(refs, objects, strict=True):
        ref.pk = obj.pk
        assigned.append(ref)


def _save_failed(change, failure):
    problem = error(
        "save_failed",
        _("Không ghi được dòng này vào cơ sở dữ liệu: %(detail)s"),
        detail=str(failure).strip()[:300],
    )
    problem.row_number = change.record.row_number
    problem.record_id = change.record.record_id
    return problem


def _discard_snapshot(run):
    """Once applied (or found unreadable) the stored source is no longer needed, and it
    holds producers' personal data: delete it, for every run that shares it."""
    if not run.snapshot:
        return
    name = run.snapshot.name
    run.snapshot.storage.delete(name)
    SyncRun.objects.filter(snapshot=name).update(snapshot="")
    run.snapshot.name = None


def _fail(run, problem):
    run.status = SyncStatus.FAILED
    run.finished_at = timezone.now()
    run.error_vi, run.error_en = problem.render("vi"), problem.render("en")
    run.errors, run.warnings = 1, 0
    run.save()
    run.problems.all().delete()  # row problems written before the source failed
    SyncProblem.objects.create(run=run, **problem.as_model_fields())
    if run.dry_run:
        _discard_snapshot(run)  # an unreadable source can never be applied
    return run


def _finish(run, outcome):
    counts = dict(outcome.counts)
    counts[Action.UNCHANGED] = outcome.unchanged
    for action, count in counts.items():
        setattr(run, str(action), count)
    run.errors, run.warnings = outcome.errors, outcome.warnings
    run.rows_total, run.rows_rejected = outcome.rows_total, outcome.rows_rejected
    run.status, run.finished_at = SyncStatus.SUCCEEDED, timezone.now()
    run.save()
    outcome.write_problems()
    return run


def prepare_dry_run(*, user, upload=None, url=None, format=""):
    """A pending dry run of an uploaded file or of a URL, to carry out with execute()."""
    run = SyncRun(
        source=(url or upload.name)[:500],
        format=format,
        dry_run=True,
        trigger=SyncTrigger.ADMIN,
        started_by=user,
    )
    if upload is not None:
        run.snapshot.save(Path(upload.name).name, upload, save=False)
    run.save()
    return run


def mark_reviewed(product):
    """An editor has checked a product (and its producer) created from the registry."""
    now = timezone.now()
    Product.objects.filter(pk=product.pk).update(needs_review=False, updated_at=now)
    Producer.objects.filter(pk=product.producer_id, needs_review=True).update(
        needs_review=False, updated_at=now
    )

"""python manage.py sync_registry SOURCE [--format csv|xlsx|json] [--dry-run]"""

from django.core.management.base import BaseCommand, CommandError

from catalog.models import SyncFormat, SyncStatus
from catalog.registry.services import sync


class Command(BaseCommand):
    help = (
        "Đồng bộ hạng sao OCOP với danh sách công nhận (tệp CSV/XLSX/JSON hoặc URL). "
        "Sync OCOP stars with a recognition list (CSV/XLSX/JSON file or URL)."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="path or http(s) URL")
        parser.add_argument("--format", choices=SyncFormat.values, default=None)
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="report what would change; write nothing but the sync-run record",
        )

    def handle(self, source, format=None, dry_run=False, **options):
        run = sync(source, format=format, dry_run=dry_run)
        if run.status == SyncStatus.FAILED:
            raise CommandError(f"{run.error_vi} / {run.error_en}")
        self._report(run)

    def _report(self, run):
        heading = "DRY RUN — chạy thử, không ghi gì" if run.dry_run else "Đồng bộ xong"
        self.stdout.write(f"{heading}: #{run.pk} {run.source} ({run.format})")
        self.stdout.write(f"  rows {run.rows_total}, rejected {run.rows_rejected}")
        counts = ", ".join(f"{name} {value}" for name, value in run.counts().items())
        self.stdout.write(f"  {counts}")
        for problem in run.problems.all():
            row = f"dòng {problem.row_number}" if problem.row_number else "—"
            if problem.record_id:
                row += f" (STT/id {problem.record_id})"
            column = f" [{problem.column}]" if problem.column else ""
            self.stdout.write(
                f"  {problem.get_severity_display().upper()} {row}{column}: "
                f"{problem.message_vi} / {problem.message_en}"
            )

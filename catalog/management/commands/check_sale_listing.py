"""Prove the sale listing equals the sale rule; ``--fix`` rewrites it from the pages.

Exit status 1 when they differ (and ``--fix`` was not given), so a scheduled run alerts.
"""

from django.core.management.base import BaseCommand, CommandError

from catalog import sale_listing


class Command(BaseCommand):
    help = "Compare catalog.SaleListing with the sale rule (valid certificate, published)."

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true", help="rewrite every row first")

    def handle(self, *args, fix=False, **options):
        if fix:
            rewritten = sale_listing.refresh_all()
            self.stdout.write(f"Rewrote {rewritten} rows.")
        listed_only, purchasable_only = sale_listing.differences()
        stale = sale_listing.stale_rows()
        if listed_only or purchasable_only or stale:
            raise CommandError(
                f"The sale listing differs from the rule: {len(listed_only)} listed but not "
                f"purchasable {sorted(listed_only)[:10]}, {len(purchasable_only)} purchasable "
                f"but not listed {sorted(purchasable_only)[:10]}, {len(stale)} stale rows "
                f"{stale[:10]}. Run with --fix."
            )
        self.stdout.write(self.style.SUCCESS("The sale listing equals the rule."))

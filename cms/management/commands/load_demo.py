"""Loads the demo data of every project app that has a ``demo`` module.

Apps run in INSTALLED_APPS order (cms first: it makes the site tree the others
hang their pages on). Each ``demo.load`` is idempotent.
"""

from importlib import import_module
from importlib.util import find_spec
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Load idempotent demo data: site tree, admin user and each app's demo content."

    def add_arguments(self, parser):
        parser.add_argument(
            "--products",
            type=int,
            default=0,
            help="Also add this many synthetic products (for benchmarks).",
        )

    def handle(self, *args, **options):
        for app_config in apps.get_app_configs():
            if Path(app_config.path).parent != Path(settings.BASE_DIR):
                continue  # not one of this project's apps
            module_name = f"{app_config.name}.demo"
            if find_spec(module_name) is not None:
                import_module(module_name).load(stdout=self.stdout, products=options["products"])
        # The home page's blocks show the other apps' content: arranged once it exists.
        import_module("cms.demo").finish(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data is in place."))

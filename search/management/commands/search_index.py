"""python manage.py search_index --rebuild|--update"""

from django.core.management.base import BaseCommand

from search import indexing


class Command(BaseCommand):
    help = (
        "Search index: --rebuild builds it from scratch (on Elasticsearch into a new index "
        "swapped in under the alias); --update re-indexes every page and drops what should go."
    )

    def add_arguments(self, parser):
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument("--rebuild", action="store_true")
        action.add_argument("--update", action="store_true")

    def handle(self, *args, rebuild=False, update=False, **options):
        report = indexing.rebuild() if rebuild else indexing.update()
        where = "database + Elasticsearch" if report.elasticsearch else "database"
        self.stdout.write(
            f"{report.documents} documents indexed, {report.removed} removed "
            f"({where}) in {report.seconds:.1f} s"
        )

"""PostgreSQL only (SQLite refuses NULLS LAST in an index): one index per sort, so the
first pages of thousands of matching documents come without sorting them all."""

from django.db import migrations

INDEXES = {
    "search_doc_newest": "(published_at DESC NULLS LAST, page_id DESC)",
    "search_doc_price": "(min_price ASC NULLS LAST, page_id ASC)",
    "search_doc_price_desc": "(min_price DESC NULLS LAST, page_id ASC)",
    "search_doc_stars": "(stars DESC NULLS LAST, title ASC, page_id ASC)",
}


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, columns in INDEXES.items():
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON search_searchdocument {columns}"
            )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("search", "0004_facet_index")]

    operations = [migrations.RunPython(forward, backward)]

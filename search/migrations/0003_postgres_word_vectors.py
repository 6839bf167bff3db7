"""PostgreSQL only (SQLite skips it): GIN indexes on the folded text and title as
``tsvector`` expressions. "Every query word starts a word" becomes
``to_tsvector('simple', text_folded) @@ to_tsquery('simple', 'mat:* & ong:*')``: an
index lookup instead of a LIKE over every row. Expression indexes rather than stored
columns keep the table narrow, so facet counts over many rows stay cheap (both
measured in bench/search.py)."""

from django.db import migrations

FORWARD = [
    "CREATE INDEX IF NOT EXISTS search_doc_text_words ON search_searchdocument "
    "USING gin (to_tsvector('simple', text_folded))",
    "CREATE INDEX IF NOT EXISTS search_doc_title_words ON search_searchdocument "
    "USING gin (to_tsvector('simple', title_folded))",
]

BACKWARD = [
    "DROP INDEX IF EXISTS search_doc_title_words",
    "DROP INDEX IF EXISTS search_doc_text_words",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_postgres")]

    operations = [migrations.RunPython(forward, backward)]

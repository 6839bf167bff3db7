"""PostgreSQL only (SQLite skips it): pg_trgm and unaccent, trigram indexes on the
folded text, and the ``ocop_unaccent`` text search configuration Wagtail's admin
search uses (search/admin_backend.py)."""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE INDEX IF NOT EXISTS search_doc_text_trgm ON search_searchdocument "
    "USING gin (text_folded gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS search_doc_title_trgm ON search_searchdocument "
    "USING gin (title_folded gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS search_term_trgm ON search_searchterm "
    "USING gin (term gin_trgm_ops)",
    """
    DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'ocop_unaccent') THEN
        CREATE TEXT SEARCH CONFIGURATION ocop_unaccent (COPY = simple);
        ALTER TEXT SEARCH CONFIGURATION ocop_unaccent
          ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
      END IF;
    END $$
    """,
]

BACKWARD = [
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS ocop_unaccent",
    "DROP INDEX IF EXISTS search_term_trgm",
    "DROP INDEX IF EXISTS search_doc_title_trgm",
    "DROP INDEX IF EXISTS search_doc_text_trgm",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in FORWARD:
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in BACKWARD:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]

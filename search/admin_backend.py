"""Wagtail's own search (admin listings, choosers), accent-insensitive.

On PostgreSQL the database backend indexes and queries through the ``ocop_unaccent``
text search configuration (``simple`` + the ``unaccent`` dictionary, which folds đ to d
too), made by migration ``search.0002_postgres``; autocomplete uses it as well.
On SQLite the FTS5 tokenizer already drops the marks (not đ, which is a letter).
"""

from django.db import connection
from modelsearch.backends import database

SEARCH_CONFIG = "ocop_unaccent"


def SearchBackend(params):
    if connection.vendor != "postgresql":
        return database.SearchBackend(params)
    from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend

    class UnaccentSearchBackend(PostgresSearchBackend):
        def __init__(self, params):
            super().__init__({"SEARCH_CONFIG": SEARCH_CONFIG, **params})
            self.autocomplete_config = self.config

    return UnaccentSearchBackend(params)

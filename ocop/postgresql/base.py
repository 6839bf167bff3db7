"""Django's PostgreSQL backend with server-side parameter binding that copes with
statements of any size.

Bound on the server (``DB_SERVER_SIDE_BINDING``, ocop/settings/base.py), a statement
carries at most 65,535 parameters: the wire protocol counts them in 16 bits, and psycopg
refuses more ("number of parameters must be between 0 and 65535"). Django does not split
a bulk insert or an ``__in`` list for PostgreSQL, and neither does Wagtail's search
indexing (``add_bulk`` of 10,000 pages sends over 100,000). Such a statement is bound on
the client instead: psycopg quotes the values into the SQL, exactly as it does with
binding off. Every other statement is bound on the server.
"""

import psycopg
from django.db.backends.postgresql import base

MAX_SERVER_BOUND_PARAMETERS = 65535


class Cursor(base.ServerBindingCursor):
    def execute(self, query, params=None, *args, **kwargs):
        if params is not None and len(params) > MAX_SERVER_BOUND_PARAMETERS:
            with psycopg.ClientCursor(self.connection) as client:
                query, params = client.mogrify(query, params), None
        return super().execute(query, params, *args, **kwargs)


class DatabaseWrapper(base.DatabaseWrapper):
    def get_connection_params(self):
        params = super().get_connection_params()
        if params.get("cursor_factory") is base.ServerBindingCursor:
            params["cursor_factory"] = Cursor
        return params

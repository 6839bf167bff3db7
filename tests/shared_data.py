"""Data made once for the tests of one module, rolled back after its last test.

For expensive data (the demo: about 15 s of Wagtail page publishing) that several tests
of a module start from. The data is written in a transaction opened before the module's
first test; each test then runs in its own savepoint inside it (pytest-django's ``db``),
so what a test writes is rolled back before the next one, as usual, and the module's
data is rolled back after the last. Not for transactional tests (they flush the tables).
"""

from contextlib import contextmanager

from django.db import transaction


@contextmanager
def data_for_the_module(django_db_blocker, make):
    """Runs ``make()`` in a transaction kept open while the module's tests run."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            made = make()
        except BaseException:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            raise
    try:
        yield made
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)

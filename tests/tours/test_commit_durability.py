"""Holds commit without waiting for the disk; confirmations and cancellations wait.

Read from PostgreSQL itself: ``current_setting('synchronous_commit')`` on the same
connection, inside the transaction, right after the statement that writes the row.
"""

from contextlib import contextmanager

import pytest
from django.db import connection, transaction

from tours import services

from .builders import make_departure

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="synchronous_commit is PostgreSQL's"
    ),
]

CONTACT = services.Contact(name="An", phone="0912345678", email="an@example.vn")


def synchronous_commit():
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('synchronous_commit')")
        return cursor.fetchone()[0]


@contextmanager
def synchronous_commit_after(statement_start):
    """The setting in force in the transaction of each statement that starts so."""
    seen = []

    def observe(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if sql.startswith(statement_start):
            seen.append(synchronous_commit())
        return result

    with connection.execute_wrapper(observe):
        yield seen


@pytest.fixture
def departure(tour_in_fresh_tree):
    return make_departure(tour_in_fresh_tree, capacity=10)


def test_a_hold_commits_without_waiting_for_the_disk(departure):
    with synchronous_commit_after('INSERT INTO "tours_seathold"') as seen:
        services.hold_seats(departure.pk, adults=2)
    assert seen == ["off"]
    assert synchronous_commit() == "on"  # for that transaction only


def test_a_confirmation_waits_for_the_disk(departure):
    hold = services.hold_seats(departure.pk, adults=2)
    with (
        synchronous_commit_after('INSERT INTO "tours_booking"') as booking_written,
        synchronous_commit_after('UPDATE "tours_seathold"') as hold_confirmed,
    ):
        services.confirm_hold(hold.pk, CONTACT)
    assert booking_written == ["on"]
    assert hold_confirmed == ["on"]


def test_a_cancellation_waits_for_the_disk(departure):
    booking = services.confirm_hold(services.hold_seats(departure.pk, adults=2).pk, CONTACT)
    with synchronous_commit_after('UPDATE "tours_booking"') as seen:
        services.cancel_booking(booking)
    assert seen == ["on"]


def test_a_hold_inside_a_larger_transaction_leaves_it_durable(departure):
    with (
        synchronous_commit_after('INSERT INTO "tours_seathold"') as seen,
        transaction.atomic(),
    ):
        services.hold_seats(departure.pk, adults=2)
    assert seen == ["on"]

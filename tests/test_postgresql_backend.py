"""ocop.postgresql: parameters bound on the server, and statements too large for that
bound (PostgreSQL's 65,535) bound on the client, with the same quoting."""

import psycopg
import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from catalog.models import Producer
from ocop.postgresql.base import MAX_SERVER_BOUND_PARAMETERS
from tests.factories import make_producer

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.settings_dict["ENGINE"] != "ocop.postgresql",
        reason="PostgreSQL with server-side binding (the default on PostgreSQL)",
    ),
]

AWKWARD_NAME = "Hợp tác xã O'Brien 100% \\ %s"


def test_a_lookup_past_the_limit_finds_its_rows():
    producer = make_producer(name=AWKWARD_NAME)
    names = [f"không có {number}" for number in range(MAX_SERVER_BOUND_PARAMETERS + 10)]
    found = Producer.objects.filter(name__in=[*names, AWKWARD_NAME])
    assert list(found.values_list("pk", flat=True)) == [producer.pk]


def test_the_search_index_takes_ten_thousand_producers_at_once():
    """Wagtail's search backend indexes a bulk in one INSERT (a bulk demo load did)."""
    count = 10_000
    producers = Producer.objects.bulk_create(
        Producer(name=f"{AWKWARD_NAME} {n}", name_key=f"k{n}", slug=f"p-{n}") for n in range(count)
    )
    get_search_backend().add_bulk(Producer, producers)
    indexed = IndexEntry.objects.filter(content_type=ContentType.objects.get_for_model(Producer))
    assert indexed.filter(object_id__in=[str(p.pk) for p in producers]).count() == count


def test_ordinary_statements_stay_bound_on_the_server():
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s::text", [AWKWARD_NAME])
        assert cursor.fetchone() == (AWKWARD_NAME,)
        assert not isinstance(cursor.cursor, psycopg.ClientCursor)
        sent = cursor.cursor._query  # what psycopg sent: the SQL and, apart, the value
        assert sent.query == b"SELECT $1::text" and len(sent.params) == 1

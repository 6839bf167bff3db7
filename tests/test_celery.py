"""Celery tasks go through a real worker on the real Redis broker."""

import os
import uuid
from datetime import timedelta

import pytest
import redis
from celery import Celery
from celery.contrib.testing.worker import start_worker
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone
from django_tasks import task

from cms.tasks import clear_expired_sessions, healthcheck
from ocop.celery import app as default_app
from ocop.tasks_backend import CeleryTaskBackend

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"


def redis_is_reachable():
    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


pytestmark = pytest.mark.skipif(
    not redis_is_reachable(), reason=f"no Redis server reachable at {REDIS_URL}"
)


@pytest.fixture
def redis_worker():
    """A worker thread on the real Redis broker, consuming a queue of its own.

    The suite's own Celery app runs eagerly; this one, made current for the
    test, sends every task through Redis instead.
    """
    redis_app = Celery("ocop-redis-test", set_as_current=False)
    redis_app.config_from_object("django.conf:settings", namespace="CELERY")
    redis_app.conf.update(
        broker_url=REDIS_URL,
        result_backend=REDIS_URL,
        task_always_eager=False,
        task_default_queue=f"test-{uuid.uuid4().hex}",
    )
    redis_app.set_current()
    try:
        with start_worker(redis_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            yield redis_app
    finally:
        default_app.set_current()


def test_task_result_comes_back_from_a_real_worker(redis_worker):
    result = healthcheck.delay()
    assert result.get(timeout=20)["status"] == "ok"
    assert result.successful()


@pytest.mark.django_db(transaction=True)
def test_session_cleanup_task_runs_on_the_worker(redis_worker):
    stale = SessionStore()
    stale["cart"] = 1
    stale.create()
    Session.objects.filter(pk=stale.session_key).update(
        expire_date=timezone.now() - timedelta(days=1)
    )
    fresh = SessionStore()
    fresh.create()

    assert clear_expired_sessions.delay().get(timeout=20) == 1
    assert list(Session.objects.values_list("pk", flat=True)) == [fresh.session_key]


@task()
def add_numbers(a, b):
    return a + b


def test_django_tasks_run_through_celery_backend(redis_worker):
    backend = CeleryTaskBackend("default", {})
    task_result = backend.enqueue(add_numbers, [2, 3], {})
    assert redis_worker.AsyncResult(task_result.id).get(timeout=20) == 5

"""Locks and limits every process agrees on (issue 13, item 8): on the real Redis, and
the local-memory fallback of a single process."""

import os
import threading
import time
import uuid

import pytest
import redis
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

from ocop import shared_state
from tests.test_settings import SAFE_PRODUCTION_ENV, run_python

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"


def redis_is_reachable():
    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


def redis_process():
    """A cache as another web process sees the same Redis (a key prefix of this test's own)."""
    return RedisCache(REDIS_URL, {"KEY_PREFIX": PREFIX})


PREFIX = f"ocop-test-{uuid.uuid4().hex}"


@pytest.fixture(
    params=[
        pytest.param("redis", marks=pytest.mark.redis),
        "locmem",
    ]
)
def processes(request):
    """Two handles on the shared state, as two processes (or, locally, two threads) hold them."""
    if request.param == "redis":
        if not redis_is_reachable():
            pytest.skip(f"no Redis server reachable at {REDIS_URL}")
        first, second = redis_process(), redis_process()
        yield first, second
        first.clear()
        return
    local = LocMemCache(f"shared-{uuid.uuid4().hex}", {})
    yield local, local


def test_a_lock_is_held_by_one_owner_at_a_time(processes):
    first, second = processes
    assert shared_state.acquire_lock("writer", "run-1", 60, cache=first)
    assert not shared_state.acquire_lock("writer", "run-2", 60, cache=second)
    assert shared_state.lock_owner("writer", cache=second) == "run-1"


def test_only_the_owner_releases_the_lock(processes):
    first, second = processes
    shared_state.acquire_lock("writer", "run-1", 60, cache=first)
    assert not shared_state.release_lock("writer", "run-2", cache=second)
    assert shared_state.lock_owner("writer", cache=first) == "run-1"
    assert shared_state.release_lock("writer", "run-1", cache=first)
    assert shared_state.acquire_lock("writer", "run-2", 60, cache=second)


def test_a_run_that_outlived_its_lock_does_not_release_the_next_runs(processes):
    first, second = processes
    assert shared_state.acquire_lock("writer", "slow-run", 1, cache=first)
    time.sleep(1.1)  # the slow run's lock expired; another run takes it
    assert shared_state.acquire_lock("writer", "next-run", 60, cache=second)
    assert not shared_state.release_lock("writer", "slow-run", cache=first)
    assert shared_state.lock_owner("writer", cache=second) == "next-run"


def test_concurrent_hits_never_pass_the_limit(processes):
    first, second = processes
    results = []

    def hit(cache):
        for _ in range(10):
            results.append(shared_state.take("holds:client-a", 15, 60, cache=cache))

    threads = [threading.Thread(target=hit, args=(cache,)) for cache in (first, second) * 4]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results.count(True) == 15 and len(results) == 80
    assert shared_state.count("holds:client-a", cache=first) == 15


def test_a_hit_given_back_frees_its_place_and_the_window_ends(processes):
    first, second = processes
    assert shared_state.take("lookups:b", 1, 1, cache=first)
    assert not shared_state.take("lookups:b", 1, 1, cache=second)
    shared_state.give_back("lookups:b", cache=second)
    assert shared_state.take("lookups:b", 1, 1, cache=first)
    time.sleep(1.1)
    assert shared_state.take("lookups:b", 1, 1, cache=second)


def test_giving_back_never_goes_below_zero(processes):
    first, _second = processes
    shared_state.give_back("nothing-yet", cache=first)
    assert shared_state.count("nothing-yet", cache=first) == 0


REDIS_ONLY = """
import django
django.setup()
"""


def test_production_refuses_to_start_without_redis():
    env = {key: value for key, value in SAFE_PRODUCTION_ENV.items() if key != "REDIS_URL"}
    result = run_python(REDIS_ONLY, "ocop.settings.production", **env)
    assert result.returncode != 0
    assert "REDIS_URL" in result.stderr

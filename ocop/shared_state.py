"""State every web process and worker must agree on: locks and rate-limit counters.

It lives in the default cache, which is Redis whenever ``REDIS_URL`` is set (and
production refuses to start without it). On Redis each operation is one atomic
step on the server (a Lua script or ``SET NX``), so two processes never both take
the last allowed hit or both hold the lock. Without Redis (development, tests)
the local-memory cache is per process and the same steps run under a process
lock, which is exact for the one process that then exists.

- ``acquire_lock(name, owner, seconds)`` / ``release_lock(name, owner)``: a lock
  that expires (a worker may die holding it) and is released only by its owner:
  a run that outlived its lock never deletes the next run's.
- ``take(key, limit, seconds)``: counts one hit in a window that starts at the
  first hit; False (and nothing counted) when that would pass ``limit``.
  ``give_back(key)`` uncounts a hit that turned out not to count.
"""

import threading
from contextlib import suppress

from django.core.cache import cache as default_cache
from django.core.cache.backends.redis import RedisCache

_local = threading.Lock()

RELEASE = """
if redis.call("get", KEYS[1]) == ARGV[1] then
  return redis.call("del", KEYS[1])
end
return 0
"""

TAKE = """
local count = redis.call("incr", KEYS[1])
if count == 1 then
  redis.call("expire", KEYS[1], ARGV[2])
end
if count > tonumber(ARGV[1]) then
  redis.call("decr", KEYS[1])
  return 0
end
return count
"""

GIVE_BACK = """
if (tonumber(redis.call("get", KEYS[1]) or "0")) > 0 then
  return redis.call("decr", KEYS[1])
end
return 0
"""


def _redis(cache, key):
    """(redis client, full key) when ``cache`` is Redis, else (None, key)."""
    if isinstance(cache, RedisCache):
        full_key = cache.make_and_validate_key(key)
        return cache._cache.get_client(full_key, write=True), full_key
    return None, key


def acquire_lock(name, owner, seconds, *, cache=None):
    """True when ``owner`` now holds the lock ``name`` (for at most ``seconds``)."""
    cache = cache or default_cache
    client, key = _redis(cache, name)
    if client is not None:
        return bool(client.set(key, str(owner), nx=True, ex=int(seconds)))
    return cache.add(name, str(owner), timeout=seconds)


def release_lock(name, owner, *, cache=None):
    """Release ``name`` if ``owner`` still holds it; True when it did."""
    cache = cache or default_cache
    client, key = _redis(cache, name)
    if client is not None:
        return bool(client.eval(RELEASE, 1, key, str(owner)))
    with _local:
        if cache.get(name) == str(owner):
            cache.delete(name)
            return True
    return False


def lock_owner(name, *, cache=None):
    cache = cache or default_cache
    client, key = _redis(cache, name)
    if client is not None:
        value = client.get(key)
        return value.decode() if value is not None else None
    return cache.get(name)


def take(key, limit, seconds, *, cache=None):
    """Count one hit on ``key`` unless ``limit`` hits are counted in the window already."""
    cache = cache or default_cache
    client, full_key = _redis(cache, key)
    if client is not None:
        return bool(client.eval(TAKE, 1, full_key, int(limit), int(seconds)))
    with _local:
        count = cache.get(key, 0)
        if count >= limit:
            return False
        try:
            if count == 0:
                raise ValueError
            cache.incr(key)
        except ValueError:  # no window yet, or it just ended
            cache.set(key, 1, timeout=seconds)
        return True


def give_back(key, *, cache=None):
    """Uncount one hit on ``key`` (the attempt turned out not to count)."""
    cache = cache or default_cache
    client, full_key = _redis(cache, key)
    if client is not None:
        client.eval(GIVE_BACK, 1, full_key)
        return
    with _local, suppress(ValueError):  # the window ended meanwhile
        if cache.get(key, 0) > 0:
            cache.decr(key)


def count(key, *, cache=None):
    cache = cache or default_cache
    client, full_key = _redis(cache, key)
    if client is not None:
        return int(client.get(full_key) or 0)
    return cache.get(key, 0)

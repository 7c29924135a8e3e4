"""A Redis cache the site survives losing (``CACHE_URL``; docs/decisions/0009).

Django's ``RedisCache`` raises on every call while Redis is away, so every page that
touches the cache (log-in rate limits, sessions when they are cached) answered 500. This
one degrades instead:

- short socket timeouts and no retries, so a Redis that is gone or stuck costs a request
  milliseconds, not seconds; after a failure Redis is left alone for ``RETRY_AFTER``
  seconds (shared by the threads of a process), so only one request a few seconds pays;
- reads miss, writes are skipped, one warning is logged per ``WARN_EVERY`` seconds;
- a key whose write was skipped is remembered and deleted from Redis when it answers
  again, so no stale copy (say, of a session that was logged out meanwhile) comes back;
- keys under ``LOCAL_PREFIXES`` (log-in and lookup rate limits) are counted in this
  process's memory while Redis is away: the limits hold per process, not not at all.
"""

import logging
import threading
import time
from functools import partial

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis import exceptions as redis_errors
from redis.backoff import NoBackoff
from redis.retry import Retry

log = logging.getLogger(__name__)

# Redis is away: refused, reset, timed out, still loading its data after a restart.
FAILURES = (redis_errors.ConnectionError, redis_errors.TimeoutError, OSError)
# Counters that must keep counting while Redis is away (allauth's rate limits and their
# locks, the certificate lookup limit).
LOCAL_PREFIXES = ("allauth:rl:", "certificates:verify:")
RETRY_AFTER = 2.0  # seconds without trying Redis after it failed
WARN_EVERY = 60.0  # seconds between two warnings about the same Redis
STALE_MAX = 10_000  # keys remembered; more, and the whole cache is cleared on return


class _Outage:
    """What the threads of one process know about one Redis (one per LOCATION)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.down_until = 0.0
        self.warned_at = float("-inf")
        self.stale: set[str] = set()
        self.overflow = False


_OUTAGES: dict[str, _Outage] = {}
_OUTAGES_LOCK = threading.Lock()


def _outage(location: str) -> _Outage:
    with _OUTAGES_LOCK:
        return _OUTAGES.setdefault(location, _Outage())


class TolerantRedisCache(RedisCache):
    def __init__(self, server, params):
        options = {
            "socket_connect_timeout": 0.5,
            "socket_timeout": 0.5,
            "retry": Retry(NoBackoff(), 0),
            **params.get("OPTIONS", {}),
        }
        super().__init__(server, {**params, "OPTIONS": options})
        self._location = server if isinstance(server, str) else ";".join(server)
        self._state = _outage(self._location)
        self._local = LocMemCache(
            f"tolerant-redis:{self._location}", {"TIMEOUT": params.get("TIMEOUT", 300)}
        )

    # -- the guard ---------------------------------------------------------------------

    def _call(self, call, keys, on_failure, *, writes: bool, version=None):
        """``call()`` against Redis; ``on_failure()`` when Redis is away. Keys of a write
        that did not reach Redis are remembered, to be deleted there when it is back."""
        state = self._state
        if state.down_until > time.monotonic():
            return self._away(keys, on_failure, writes, version)
        try:
            if state.stale or state.overflow:
                self._forget_stale()
            return call()
        except FAILURES as exc:
            self._failed(exc)
            return self._away(keys, on_failure, writes, version)

    def _away(self, keys, on_failure, writes: bool, version):
        if writes:
            self._remember([self.make_key(k, version) for k in keys if not self._is_local(k)])
        return on_failure()

    def _failed(self, exc: Exception) -> None:
        state = self._state
        now = time.monotonic()
        with state.lock:
            state.down_until = now + RETRY_AFTER
            warn = now - state.warned_at >= WARN_EVERY
            if warn:
                state.warned_at = now
        if warn:
            log.warning(
                "cache: Redis does not answer (%s); pages go on without it, reads miss "
                "and writes are skipped until it is back",
                type(exc).__name__,
            )

    def _remember(self, keys) -> None:
        state = self._state
        with state.lock:
            if state.overflow:
                return
            state.stale.update(keys)
            if len(state.stale) > STALE_MAX:
                state.stale.clear()
                state.overflow = True

    def _forget_stale(self) -> None:
        """Redis answers again: delete what was written while it was away (or everything,
        if that was too much to remember). Raises if Redis is still away."""
        state = self._state
        with state.lock:
            keys, overflow = list(state.stale), state.overflow
            state.stale.clear()
            state.overflow = False
        try:
            if overflow:
                self._cache.clear()
            elif keys:
                self._cache.delete_many(keys)
        except FAILURES:
            with state.lock:
                state.stale.update(keys)
                state.overflow = state.overflow or overflow
            raise
        log.warning("cache: Redis answers again; %s stale key(s) deleted", len(keys) or "all")

    @staticmethod
    def _is_local(key: str) -> bool:
        return key.startswith(LOCAL_PREFIXES)

    # -- the cache API -----------------------------------------------------------------

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        def away():
            if self._is_local(key):
                return self._local.add(key, value, timeout, version)
            return False

        call = partial(RedisCache.add, self, key, value, timeout, version)
        return self._call(call, [key], away, writes=True, version=version)

    def get(self, key, default=None, version=None):
        def away():
            if self._is_local(key):
                return self._local.get(key, default, version)
            return default

        call = partial(RedisCache.get, self, key, default, version)
        return self._call(call, [], away, writes=False)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        def away():
            if self._is_local(key):
                self._local.set(key, value, timeout, version)

        call = partial(RedisCache.set, self, key, value, timeout, version)
        return self._call(call, [key], away, writes=True, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        def away():
            if self._is_local(key):
                return self._local.touch(key, timeout, version)
            return False

        call = partial(RedisCache.touch, self, key, timeout, version)
        return self._call(call, [key], away, writes=True, version=version)

    def delete(self, key, version=None):
        def away():
            if self._is_local(key):
                return self._local.delete(key, version)
            return False

        call = partial(RedisCache.delete, self, key, version)
        return self._call(call, [key], away, writes=True, version=version)

    def get_many(self, keys, version=None):
        keys = list(keys)

        def away():
            return self._local.get_many([k for k in keys if self._is_local(k)], version)

        call = partial(RedisCache.get_many, self, keys, version)
        return self._call(call, [], away, writes=False)

    def has_key(self, key, version=None):
        def away():
            return self._is_local(key) and self._local.has_key(key, version)

        call = partial(RedisCache.has_key, self, key, version)
        return self._call(call, [], away, writes=False)

    def incr(self, key, delta=1, version=None):
        def away():
            if self._is_local(key):
                return self._local.incr(key, delta, version)
            raise ValueError(f"Key '{key}' not found")  # as for a key that is not there

        call = partial(RedisCache.incr, self, key, delta, version)
        return self._call(call, [key], away, writes=True, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        def away():
            local = {k: v for k, v in data.items() if self._is_local(k)}
            self._local.set_many(local, timeout, version)
            return [k for k in data if k not in local]  # the keys that were not stored

        call = partial(RedisCache.set_many, self, data, timeout, version)
        return self._call(call, list(data), away, writes=True, version=version)

    def delete_many(self, keys, version=None):
        keys = list(keys)

        def away():
            self._local.delete_many([k for k in keys if self._is_local(k)], version)

        call = partial(RedisCache.delete_many, self, keys, version)
        return self._call(call, keys, away, writes=True, version=version)

    def clear(self):
        def away():
            self._local.clear()
            with self._state.lock:
                self._state.stale.clear()
                self._state.overflow = True  # clear Redis too, once it is back
            return False

        return self._call(partial(RedisCache.clear, self), [], away, writes=False)

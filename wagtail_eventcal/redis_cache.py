"""Django's Redis cache for a cache that may go away.

Django's own ``RedisCache`` raises the client's ``ConnectionError`` into the
view, so an unreachable Redis makes every page that reads a kept value a
500. This backend answers as if every key were missing instead (reads give
the default, writes store nothing) and logs the outage once; the site is
slower, computing everything from the database, and stays up.

Three more things make that safe and cheap:

- **Nothing stale after the outage.** A write that did not reach Redis (a
  ``set``, a ``delete`` meant to invalidate, a ``clear``) may leave an older
  value there — one that a Redis restarted from its snapshot, or a replica,
  still holds. Such keys are remembered (per process) and deleted as soon as
  Redis answers again, before anything is read from it; until then every
  read is a miss. Too many of them (``LOST_KEYS_LIMIT``) or a lost ``clear``
  flush the database instead.
- **One timeout per outage, not per call.** After a failure the process
  leaves Redis alone for ``RETRY_SECONDS`` (misses, at once), then tries
  again: a Redis that hangs (a full network, a stopped process) costs one
  request one socket timeout, not every request one per key.
- **Short socket timeouts by default** (``socket_connect_timeout`` and
  ``socket_timeout``, half a second each, instead of redis-py's five).

``incr``/``decr`` raise ``ValueError`` during an outage, as for a missing key.

Configure it like Django's Redis cache (several comma-separated URLs: the
first is written to, the others are read replicas)::

    CACHES = {"default": {
        "BACKEND": "wagtail_eventcal.redis_cache.RedisCache",
        "LOCATION": "redis://cache.internal:6379/0",
        "OPTIONS": {"RETRY_SECONDS": 2},
    }}
"""

import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

DEFAULT_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
RETRY_SECONDS = 2
LOST_KEYS_LIMIT = 10_000


class Outage:
    """What one process knows about one Redis location, shared by the
    threads (Django keeps a cache backend per thread)."""

    _made = {}
    _making = threading.Lock()

    def __init__(self, location, retry_seconds, lost_keys_limit):
        self.location = location
        self.retry_seconds = retry_seconds
        self.lost_keys_limit = lost_keys_limit
        self.lock = threading.Lock()
        self.down_until = None  # monotonic time of the next attempt; None: up
        self.lost = set()  # keys whose last write did not reach Redis
        self.lost_all = False  # a clear() did not reach Redis, or too many keys

    @classmethod
    def of(cls, *args):
        """The one instance for a location and its options in this process."""
        with cls._making:
            if args not in cls._made:
                cls._made[args] = cls(*args)
            return cls._made[args]

    def waiting(self):
        """True while Redis is left alone after a failure."""
        return self.down_until is not None and time.monotonic() < self.down_until

    def failed(self, error, lost_keys=(), lost_all=False):
        with self.lock:
            if self.down_until is None:
                logger.warning(
                    "The Redis cache at %s is unreachable (%s): serving without it, "
                    "retrying every %s s.",
                    self.location,
                    error,
                    self.retry_seconds,
                )
            self.down_until = time.monotonic() + self.retry_seconds
            self._lose(lost_keys, lost_all)

    def skipped(self, lost_keys=(), lost_all=False):
        with self.lock:
            self._lose(lost_keys, lost_all)

    def _lose(self, keys, everything):
        if self.lost_all:
            return
        self.lost.update(keys)
        if everything or len(self.lost) > self.lost_keys_limit:
            self.lost_all = True
            self.lost.clear()

    def drop_lost(self, client):
        """Delete what was written during the outage: then Redis holds
        nothing older than the database."""
        with self.lock:
            if self.lost_all:
                client.flushdb()
            elif self.lost:
                client.delete(*self.lost)
            self.lost.clear()
            self.lost_all = False

    def recovered(self):
        with self.lock:
            if self.down_until is not None:
                logger.warning("The Redis cache at %s answers again.", self.location)
                self.down_until = None


class _Client(RedisCacheClient):
    """Each operation with a fallback: what a missing key would give."""

    def __init__(self, servers, outage, **options):
        super().__init__(servers, **options)
        self._outage = outage

    def _guarded(self, operation, fallback, *, keys=(), all_keys=False):
        outage = self._outage
        if outage.waiting():
            if keys or all_keys:
                outage.skipped(keys, all_keys)
            return fallback()
        try:
            if outage.lost or outage.lost_all:
                outage.drop_lost(self.get_client(None, write=True))
            result = operation()
        except RedisError as error:
            outage.failed(error, keys, all_keys)
            return fallback()
        if outage.down_until is not None:
            outage.recovered()
        return result

    def add(self, key, value, timeout):
        return self._guarded(lambda: RedisCacheClient.add(self, key, value, timeout), lambda: False)

    def get(self, key, default):
        return self._guarded(lambda: RedisCacheClient.get(self, key, default), lambda: default)

    def set(self, key, value, timeout):
        self._guarded(lambda: RedisCacheClient.set(self, key, value, timeout), _none, keys=[key])

    def touch(self, key, timeout):
        return self._guarded(lambda: RedisCacheClient.touch(self, key, timeout), lambda: False)

    def delete(self, key):
        return self._guarded(lambda: RedisCacheClient.delete(self, key), lambda: False, keys=[key])

    def get_many(self, keys):
        return self._guarded(lambda: RedisCacheClient.get_many(self, keys), dict)

    def has_key(self, key):
        return self._guarded(lambda: RedisCacheClient.has_key(self, key), lambda: False)

    def incr(self, key, delta):
        return self._guarded(lambda: RedisCacheClient.incr(self, key, delta), _missing, keys=[key])

    def set_many(self, data, timeout):
        keys = list(data)
        self._guarded(lambda: RedisCacheClient.set_many(self, data, timeout), _none, keys=keys)

    def delete_many(self, keys):
        keys = list(keys)
        self._guarded(lambda: RedisCacheClient.delete_many(self, keys), _none, keys=keys)

    def clear(self):
        return self._guarded(lambda: RedisCacheClient.clear(self), lambda: False, all_keys=True)


def _none():
    return None


def _missing():
    raise ValueError("Key not found (the Redis cache is unreachable).")


class RedisCache(DjangoRedisCache):
    """``django.core.cache.backends.redis.RedisCache`` that degrades to misses
    when Redis is unreachable (module docstring)."""

    def __init__(self, server, params):
        options = {**DEFAULT_OPTIONS, **params.get("OPTIONS", {})}
        retry_seconds = options.pop("RETRY_SECONDS", RETRY_SECONDS)
        lost_keys_limit = options.pop("LOST_KEYS_LIMIT", LOST_KEYS_LIMIT)
        super().__init__(server, {**params, "OPTIONS": options})
        outage = Outage.of(tuple(self._servers), retry_seconds, lost_keys_limit)
        self._class = lambda servers, **kwargs: _Client(servers, outage, **kwargs)

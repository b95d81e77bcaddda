"""The Redis cache backend (wagtail_eventcal/redis_cache.py) against a real
redis-server that the tests stop, hang and start again: an unreachable Redis
is a cache that misses, and nothing written before or during the outage is
served after it."""

import logging
import time

import pytest
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from redis.exceptions import ConnectionError as RedisConnectionError


def test_djangos_own_redis_cache_raises_into_the_caller(redis_server, redis_cache):
    # What the site did before: every page that reads a kept value is a 500.
    plain = DjangoRedisCache(redis_server.url, {})
    redis_server.stop()
    with pytest.raises(RedisConnectionError):
        plain.get("anything")


def test_while_redis_is_down_reads_miss_and_writes_store_nothing(redis_server, redis_cache):
    cache = redis_cache
    cache.set("kept", "value")
    assert cache.get("kept") == "value"
    redis_server.stop()

    assert cache.get("kept") is None
    assert cache.get("kept", "default") == "default"
    assert cache.get_many(["kept", "other"]) == {}
    assert cache.has_key("kept") is False
    assert cache.add("new", 1) is False
    assert cache.touch("kept") is False
    cache.set("kept", "newer")
    cache.set_many({"a": 1, "b": 2})
    cache.delete("kept")
    cache.delete_many(["a", "b"])
    assert cache.get_or_set("computed", lambda: "from the database") == "from the database"
    with pytest.raises(ValueError):
        cache.incr("counter")

    redis_server.start()
    cache.set("kept", "after")
    assert cache.get("kept") == "after"


def test_a_write_lost_in_the_outage_is_not_served_when_redis_returns(redis_server, redis_cache):
    cache = redis_cache
    cache.set("overwritten", "before the outage")
    cache.set("deleted", "before the outage")
    cache.set("untouched", "before the outage")
    redis_server.stop()  # saved on disk: all three come back with it

    cache.set("overwritten", "during the outage")  # not stored
    cache.delete("deleted")  # not deleted
    redis_server.start()

    raw = redis_server.client()
    assert raw.dbsize() == 3  # the snapshot brought the old values back
    assert cache.get("overwritten") is None
    assert cache.get("deleted") is None
    assert cache.get("untouched") == "before the outage"  # never written since: still right
    assert raw.dbsize() == 1


def test_a_lost_clear_empties_redis_when_it_returns(redis_server, redis_cache):
    cache = redis_cache
    cache.set_many({"a": 1, "b": 2})
    redis_server.stop()
    cache.clear()
    redis_server.start()
    assert redis_server.client().dbsize() == 2
    assert cache.get_many(["a", "b"]) == {}
    assert redis_server.client().dbsize() == 0


def test_too_many_lost_keys_empty_redis_when_it_returns(redis_server, redis_cache, settings):
    settings.CACHES["default"]["OPTIONS"]["LOST_KEYS_LIMIT"] = 3
    settings.CACHES = settings.CACHES  # a new backend with the limit
    cache = caches["default"]
    cache.set_many({"a": 1, "b": 2, "c": 3, "d": 4})
    redis_server.stop()
    cache.delete_many(["a", "b", "c", "d"])
    redis_server.start()
    assert cache.get("a") is None
    assert redis_server.client().dbsize() == 0


def test_a_hung_redis_costs_one_timeout_then_misses_at_once(redis_server, redis_cache, settings):
    settings.CACHES["default"]["OPTIONS"]["RETRY_SECONDS"] = 1
    settings.CACHES = settings.CACHES
    cache = caches["default"]
    cache.set("kept", "value")
    redis_server.pause()  # accepts connections, answers nothing

    started = time.monotonic()
    assert cache.get("kept") is None
    first = time.monotonic() - started
    assert 0.4 <= first < 2  # the socket timeout (0.5 s), not redis-py's 5 s

    started = time.monotonic()
    for _ in range(200):
        assert cache.get("kept") is None
    assert time.monotonic() - started < 0.2  # Redis is left alone meanwhile

    redis_server.resume()
    time.sleep(1.1)
    assert cache.get("kept") == "value"


def test_the_outage_and_the_recovery_are_logged_once(redis_server, redis_cache, caplog):
    caplog.set_level(logging.WARNING, logger="wagtail_eventcal.redis_cache")
    redis_server.stop()
    for _ in range(5):
        redis_cache.get("kept")
    redis_server.start()
    for _ in range(5):
        redis_cache.get("kept")
    messages = [record.getMessage() for record in caplog.records]
    assert len(messages) == 2, messages
    assert "is unreachable" in messages[0] and "serving without it" in messages[0]
    assert "answers again" in messages[1]

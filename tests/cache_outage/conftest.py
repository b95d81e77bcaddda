import pytest
from django.core.cache import cache
from example_site.caches import cache_settings

from tests import tools
from tests.redis_server import RedisServer


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory):
    """A real redis-server of the suite's own (stopped and started by the
    tests: it is running when each test starts)."""
    server = RedisServer(tools.redis_server(), tmp_path_factory.mktemp("redis"))
    server.start()
    yield server
    server.kill()


@pytest.fixture
def redis_cache(redis_server, settings):
    """The site's cache is the production settings' Redis cache
    (``REDIS_URL``), empty, retried at once after a failure."""
    if redis_server.process is None:
        redis_server.start()
    redis_server.client().flushdb()
    caches = cache_settings(redis_server.url)
    caches["default"]["OPTIONS"] = {"RETRY_SECONDS": 0}
    settings.CACHES = caches
    yield cache
    if redis_server.process is None:
        redis_server.start()
    else:
        redis_server.resume()
    # Forget the outage this test left behind (the next test starts clean).
    cache.get("eventcal:test:reconnect")

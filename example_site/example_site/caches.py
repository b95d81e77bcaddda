"""The example site's cache: LocMem in each process, or one Redis shared by
every server when ``REDIS_URL`` is set (production settings)."""


def cache_settings(redis_url=None):
    """``CACHES`` for ``redis_url`` (several comma-separated URLs: the first
    is written to, the others are read replicas), or a per-process cache.

    wagtail-eventcal keeps many small entries (counts, pages, days of a
    month, event pages): LocMem's default of 300 entries would keep dropping
    them. The Redis backend is Django's, answering misses while Redis is
    unreachable (docs/deployment.md)."""
    if not redis_url:
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "OPTIONS": {"MAX_ENTRIES": 10_000},
            }
        }
    return {
        "default": {"BACKEND": "wagtail_eventcal.redis_cache.RedisCache", "LOCATION": redis_url}
    }

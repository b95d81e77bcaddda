"""Conditional GET for feeds and the API: ETag, Last-Modified, 304.

The validators are computed from the publication token (one query) before
anything else, so a revalidation answers 304 without building the body.
"""

import hashlib

from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag

from ..conf import get_setting


def make_etag(*parts):
    return hashlib.sha1("\x1f".join(str(part) for part in parts).encode()).hexdigest()[:32]


def conditional_response(request, *, etag, last_modified, build):
    """``build()`` is called only when the client's copy is stale."""
    etag = quote_etag(etag)
    timestamp = int(last_modified.timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=timestamp)
    if response is None:
        response = build()
    if response.status_code in (200, 304):
        response.headers["ETag"] = etag
        response.headers["Last-Modified"] = http_date(timestamp)
        patch_cache_control(response, public=True, max_age=max_age())
    return response


def max_age():
    return get_setting("FEED_REFRESH_MINUTES") * 60

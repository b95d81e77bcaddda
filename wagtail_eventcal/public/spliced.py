"""Caches brought up to date event by event (issue 17).

A value kept under a key that does not change with publications, tagged with
the publication state it was built at. When publications happened since, the
events they changed (:meth:`..feeds.publication.Publication.changes_since`)
are read again and spliced into the value, instead of building it anew: a
publication costs the next visitor one small query per cache, not a recount
of the calendar.

Tagging is safe across processes: the state is read before the data, so a
value is never tagged newer than what it holds, and splicing the same event
twice gives the same result.
"""

import hashlib
from datetime import UTC

from django.core.cache import cache
from django.db.models.expressions import RawSQL
from django.utils.dateparse import parse_datetime
from django.utils.timezone import is_naive, make_aware


def cache_key(kind, *parts):
    """A cache key for what ``parts`` (their ``repr``) describe."""
    return f"eventcal:{kind}:" + hashlib.sha1(repr(parts).encode()).hexdigest()


def spliced(key, state, *, build, update, timeout):
    """The value under ``key`` at ``state``: kept, brought up to date by
    ``update(value, changed_ids)`` (which may give None: build it again), or
    made by ``build()``."""
    found = cache.get(key)
    value = None
    if found is not None:
        version, value = found
        if version == state.version:
            return value
        changed = state.changes_since(version)
        value = None if changed is None else update(value, changed)
    if value is None:
        value = build()
    cache.set(key, (state.version, value), timeout)
    return value


#: Where the ids of the events to read again go in a kept query.
IDS = "/* eventcal event ids */"


def for_ids(queryset):
    """``queryset`` restricted to the events whose ids :func:`read_ids`
    gives (compile it with :func:`kept_query`)."""
    return queryset.filter(pk__in=RawSQL(IDS, ()))


def kept_query(sql, params):
    """A query compiled from :func:`for_ids`, kept with a value so that
    bringing the value up to date compiles nothing (the ORM's work on a
    filtered queryset takes longer than the query)."""
    return sql, tuple(params), sql[: sql.index(IDS)].count("%s")


def read_ids(query, ids):
    """The rows of a kept query for the events with the ids ``ids``."""
    sql, params, at = query
    ids = sorted(ids)
    # Ids as parameters: the same text for as many ids, so the database
    # driver's prepared statement is used again (a long statement to parse).
    marks = ", ".join(["%s"] * len(ids)) or "NULL"
    return fetch(sql.replace(IDS, marks), (*params[:at], *ids, *params[at:]))


def fetch(sql, params):
    """The rows of raw ``sql``."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def as_datetime(value):
    """A datetime column read by a raw cursor (SQLite gives text, in UTC)."""
    if isinstance(value, str):
        value = parse_datetime(value)
    return make_aware(value, UTC) if is_naive(value) else value

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

from django.core.cache import cache


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

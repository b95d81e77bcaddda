"""Facet counts: how many events each filter value would give, with the
other filters applied (as faceted search does).

Shared by the API (``?facets=``) and the public filter form (counts next to
each option, options with none hidden). Every value of the choice facets
(category, prefecture, format, organizer type) is counted from ONE query
that gives each event a bit per value, set with the very condition the list
applies when that value is chosen (:func:`.filters.condition`), so a count
always equals the list it leads to; the open-ended organization facet is one
GROUP BY.

Counts are cached (:func:`cached_tally`) under the publication token and the
normalised filters: a warm page pays no query for them; after a publication
they are brought up to date from the changed events alone. Lists of upcoming
or past events change without a publication too, when an event ends: a tally
of such a list records when the next event ends and is recounted then.
"""

import hashlib
from array import array
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from django.core.cache import cache
from django.db.models import BooleanField, Count, ExpressionWrapper, F, Q, Value
from django.utils import timezone

from ..choices import BodyType, Category, EventFormat, Prefecture
from ..feeds import publication
from ..models import Organization
from .filters import body_type_bit, body_type_bits, condition
from .spliced import as_datetime, cache_key, fetch, for_ids, kept_query, read_ids, spliced

#: facet name (= filter parameter) → its values, counted together.
CHOICE_FACETS = {
    "category": Category,
    "prefecture": Prefecture,
    "format": EventFormat,
    "body_type": BodyType,
}
#: facet name → the field its values are grouped by (values not known ahead).
GROUPED_FACETS = {"organization": "participations__organization_id"}
FACETS = [*CHOICE_FACETS, *GROUPED_FACETS]
# Keys change with every publication; entries need not live long.
CACHE_SECONDS = 24 * 60 * 60
#: Names the counting query (in logs and in tests that count it).
SQL_MARK = "/* eventcal facet masks */"
#: Bits of one mask word (a signed 64-bit integer on both databases).
BITS_PER_WORD = 62


@dataclass(frozen=True)
class Tally:
    #: ``{facet: {value: count}}``, values with at least one event only.
    counts: dict
    #: the events matching every filter (the list's length).
    total: int
    #: when the counts may next change without a publication (an event of
    #: a list of upcoming or past events ends), or None.
    changes_at: datetime | None = None

    def fresh(self, now):
        return self.changes_at is None or now < self.changes_at

    def digest(self):
        """A short name of these counts (a template fragment's cache key)."""
        return hashlib.sha1(repr(sorted(self.counts.items())).encode()).hexdigest()[:16]


def unknown_facets(names):
    return sorted(set(names) - set(FACETS))


def tally(queryset, form, names, *, scope=None, now=None):
    """Count, for the events of ``queryset`` matching ``scope`` (a ``Q``),
    each value of each facet in ``names`` with every filter of ``form`` (a
    valid or unbound :class:`.filters.EventFilterForm`) except the facet's
    own. With ``now``, also note when the next event of ``queryset`` ends
    (``scope`` depends on it)."""
    return _Counter(queryset, form, names, scope, now).count().tally


class _Counter:
    """Each event's part in the counts, read in one query.

    Every event matching the non-facet filters gets a bit mask with one bit
    per counted slot: "in the list", and each facet value (the event
    matches the value's condition and every filter but the facet's own).
    The counts are the masks' column sums. Keeping the masks lets a count
    be brought up to date after a publication by re-reading only the
    changed events (:func:`cached_tally`)."""

    def __init__(self, queryset, form, names, scope, now):
        self.queryset, self.form, self.scope, self.now = queryset, form, scope, now
        self.names = tuple(names)
        #: slot → (facet, value); slot 0 is the list itself.
        self.slots = _slots(self.names)

    def _parts(self, per_event=False):
        """(base, filters, others): the events counted at all, the facets'
        filters ``{name: Q}``, and a facet's "other filters" (a ``Q``)."""
        conditions = _conditions(self.form, per_event=per_event)
        # Filters that are no facet here narrow every count: the outer WHERE.
        queryset = self.queryset() if callable(self.queryset) else self.queryset
        base = queryset.order_by().filter(
            *(q for name, q in conditions.items() if name not in self.names)
        )
        filters = {name: q for name, q in conditions.items() if name in self.names}

        def others(facet):
            return _all(self.scope, *(q for name, q in filters.items() if name != facet))

        return base, filters, others

    def count(self):
        sql, params = self._sql()
        rows = fetch(sql, params)
        masks = _Masks.from_rows(_with_bits(rows), len(self.slots))
        masks.changes_at = as_datetime(rows[0][1]) if rows and rows[0][1] else None
        masks.now = self.now
        # The query for a few events is kept with the masks, as the inner
        # query alone (their masks are put together here: a few rows), so
        # that bringing them up to date compiles nothing (the ORM takes
        # longer than the query) and the database plans a small query.
        inner, params, masks.columns, masks.tests = self._inner(per_event=True)
        masks.query = kept_query(f"{SQL_MARK} {inner}", params)
        masks.tally = self._tally(masks)
        return masks

    def update(self, masks, changed):
        """``masks`` (counted earlier) with the ``changed`` events read
        again, as of the same moment (``changes_at`` says until when that
        holds)."""
        rows = [
            dict(zip(masks.columns, row, strict=True)) for row in read_ids(masks.query, changed)
        ]
        words = len(masks.words)
        masks.replace(
            changed,
            [
                (row["row_pk"], bits)
                for row in rows
                if any(bits := _masks_of(row, masks.tests, words))
            ],
        )
        ends = [as_datetime(row["row_end"]) for row in rows]
        if masks.now is not None:
            ends = [end for end in ends if end >= masks.now]
            masks.changes_at = min(filter(None, (masks.changes_at, *ends)), default=None)
        masks.tally = self._tally(masks)
        return masks

    def _tally(self, masks):
        totals = masks.totals
        counts = {facet: {} for facet in self.names}
        for (facet, value), n in zip(self.slots[1:], totals[1:], strict=True):
            if n:
                counts[facet][value] = n
        if any(facet in GROUPED_FACETS for facet in self.names):
            base, _flags, others = self._parts()
            for facet in self.names:
                if facet in GROUPED_FACETS:
                    counts[facet] = _grouped(base.filter(others(facet)), GROUPED_FACETS[facet])
        return Tally(counts=counts, total=totals[0], changes_at=masks.changes_at)

    def _inner(self, per_event=False):
        """(sql, params, columns, tests): the inner query, one column per
        condition — the scope, each filter, each value — and for each slot
        the conditions that must all hold: ("column", name) or ("type",
        bit). With ``per_event``, of the events :func:`read_ids` names; the
        organizer types are then one number, a bit each
        (:func:`.filters.body_type_bits`, one correlated subquery: cheap for
        a few events, a planner's load less than one per type), while over
        the whole calendar each type is a subquery read once."""
        events, filters, _others = self._parts(per_event)
        if per_event:
            events = for_ids(events)
        columns = {
            "row_pk": F("pk"),
            "row_end": F("end"),
            "in_scope": _column(self.scope or Value(True)),
        }
        by_bits = per_event and "body_type" in self.names
        if by_bits:
            columns["body_types"] = body_type_bits()

        def holds(alias, facet, value, q):
            # The condition of ``facet`` = ``value`` (``q``), as a test.
            if by_bits and facet == "body_type":
                return ("type", body_type_bit(value))
            columns[alias] = _column(q)
            return ("column", alias)

        passes = {  # facet → the test of its filter
            facet: holds(f"f_{facet}", facet, self.form.cleaned_data[facet], q)
            for facet, q in filters.items()
        }
        tests = []
        for slot, (facet, value) in enumerate(self.slots):
            # In scope, every facet filter but the facet's own, and the value.
            test = [("column", "in_scope"), *(c for f, c in passes.items() if f != facet)]
            if facet is not None:
                q = condition(facet, value, per_event=per_event)
                test.append(holds(f"v{slot}", facet, value, q))
            tests.append(tuple(test))
        inner, params = events.annotate(**columns).values_list(*columns).query.sql_with_params()
        return inner, params, list(columns), tests

    def _sql(self):
        """(sql, params) giving (pk, next end, mask words...) rows of every
        event with a bit set (and of the one ending next).

        The conditions are columns of the inner query, evaluated once per
        event, combined by the outer one: a condition with a subquery is
        neither repeated for every value counted (60 times: 1.5 s at 10,000
        events on SQLite) nor planned again for each (PostgreSQL planned a
        query with one EXISTS per organizer type in 11 ms)."""
        from django.db import connection

        inner, params, _columns, tests = self._inner()
        name = connection.ops.quote_name

        def holds(condition):
            kind, value = condition
            if kind == "type":
                return f"({name('body_types')} & {value}) <> 0"
            return name(value)

        words = []
        for first in range(0, len(tests), BITS_PER_WORD):
            terms = [
                f"CASE WHEN {' AND '.join(map(holds, test))} THEN {1 << (slot - first)} ELSE 0 END"
                for slot, test in enumerate(tests[first : first + BITS_PER_WORD], start=first)
            ]
            words.append(" + ".join(terms))
        masks = ", ".join(f"{word} AS m{i}" for i, word in enumerate(words))
        word_names = ", ".join(f"m{i}" for i in range(len(words)))
        end = name("row_end")
        now = [] if self.now is None else [connection.ops.adapt_datetimefield_value(self.now)]
        next_end = f"MIN(CASE WHEN {end} >= %s THEN {end} END) OVER ()" if now else "NULL"
        any_bit = " OR ".join(f"m{i} <> 0" for i in range(len(words)))
        if now:  # the row of the next end is kept even without a bit (it carries it)
            any_bit += " OR row_end = next_end"
        # MATERIALIZED keeps the database from merging the inner query into
        # the outer one, which would copy the conditions into every CASE.
        sql = (
            f"WITH inner_rows AS MATERIALIZED ({inner}) {SQL_MARK}"
            f" SELECT row_pk, next_end, {word_names} FROM ("
            f"SELECT {name('row_pk')} AS row_pk, {end} AS row_end, {masks}, {next_end} AS next_end"
            f" FROM inner_rows) counted WHERE {any_bit}"
        )
        return sql, (*params, *now)


def _masks_of(row, tests, words):
    """The mask words of one event's row of the inner query (``tests``: see
    ``_Counter._inner``), as the counting query puts them together."""
    types = row.get("body_types") or 0
    masks = [0] * words
    for slot, test in enumerate(tests):
        if all((types & value) if kind == "type" else row[value] for kind, value in test):
            masks[slot // BITS_PER_WORD] |= 1 << (slot % BITS_PER_WORD)
    return tuple(masks)


@lru_cache(maxsize=32)
def _slots(names):
    slots = [(None, None)]
    for facet in names:
        if facet in CHOICE_FACETS:
            slots.extend((facet, value) for value in CHOICE_FACETS[facet].values)
    return tuple(slots)


def _column(q):
    return ExpressionWrapper(q, BooleanField())


def _with_bits(rows):
    """(pk, mask words) of the rows with a bit set."""
    return [(row[0], row[2:]) for row in rows if any(row[2:])]


class _Masks:
    """Events' bit masks, by id (sorted arrays: cheap to keep in a cache),
    and the number of events with each slot's bit set."""

    def __init__(self, pks, words, slots):
        self.pks, self.words, self.slots = pks, words, slots
        self.totals = [0] * slots
        # Events share few distinct masks: add each distinct one once.
        for masks, n in Counter(zip(*words, strict=True)).items():
            self._add(masks, n)
        self.changes_at = None
        self.tally = None
        #: the kept query for a few events, its columns and the slots' tests
        self.query = self.columns = self.tests = None
        self.now = None

    @classmethod
    def from_rows(cls, rows, slots):
        rows = sorted(rows)
        count = -(-slots // BITS_PER_WORD)
        pks = array("q", (pk for pk, _ in rows))
        words = [array("q", (masks[i] for _, masks in rows)) for i in range(count)]
        return cls(pks, words, slots)

    def replace(self, changed, rows):
        """The ``changed`` events' masks replaced by those of ``rows``
        (events without a row have none now)."""
        new = dict(rows)
        for pk in sorted(changed):
            at = bisect_left(self.pks, pk)
            if at < len(self.pks) and self.pks[at] == pk:
                self._add([word[at] for word in self.words], -1)
                del self.pks[at]
                for word in self.words:
                    del word[at]
            if pk in new:
                self._add(new[pk], 1)
                self.pks.insert(at, pk)
                for word, value in zip(self.words, new[pk], strict=True):
                    word.insert(at, value)

    def listed(self, pk):
        """Whether the event ``pk`` is in the list (slot 0)."""
        at = bisect_left(self.pks, pk)
        return at < len(self.pks) and self.pks[at] == pk and bool(self.words[0][at] & 1)

    def _add(self, masks, n):
        for i, mask in enumerate(masks):
            while mask:
                low = mask & -mask
                self.totals[i * BITS_PER_WORD + low.bit_length() - 1] += n
                mask ^= low


def _fresh(masks, now):
    return masks if masks.tally.fresh(now) else None


def _all(*conditions):
    """The conjunction of the non-empty conditions (an empty ``Q`` if none)."""
    return Q(*(q for q in conditions if q))


def _conditions(form, per_event=False):
    _check(form)
    return form.conditions(per_event=per_event) if form.is_bound else {}


def _check(form):
    if form.is_bound and not form.is_valid():
        raise ValueError("Facets count valid filters only: answer 400 first.")


def _grouped(events, field):
    rows = (
        events.values_list(field)
        .annotate(events=Count("pk", distinct=True))
        .values_list(field, "events")
    )
    return {value: n for value, n in rows if value not in (None, "")}


def cached_tally(scope_key, queryset, form, names, *, scope=None, now=None, state=None):
    """:func:`tally`, kept under the publication token (``state``, read when
    not given), ``scope_key`` (what ``queryset`` and ``scope`` select, e.g.
    ``("upcoming", calendar.pk)``) and the normalised filters. ``queryset``
    may be a function giving it (called only when counting).

    After a publication the counts are not made again: the masks kept with
    them are brought up to date by reading the changed events only
    (:func:`.spliced.spliced`); the open-ended (grouped) facets are counted
    again."""
    _check(form)
    state = state or publication.current()
    counts_key = cache_key("facets", state.version, *_what(scope_key, form, names))
    found = cache.get(counts_key)
    moment = now or timezone.now()
    if found is not None and found.fresh(moment):
        return found
    counter = _Counter(queryset, form, names, scope, now)
    masks = spliced(
        cache_key("facet-masks", *_what(scope_key, form, names)),
        state,
        build=counter.count,
        update=lambda masks, changed: _fresh(counter.update(masks, changed), moment),
        timeout=CACHE_SECONDS,
    )
    cache.set(counts_key, masks.tally, CACHE_SECONDS)
    return masks.tally


def listed(scope_key, form, names, state, pks):
    """Which of the events ``pks`` the list counted by :func:`cached_tally`
    (same arguments) holds at ``state``, from the kept masks, without a
    query; None when they are not kept at ``state``."""
    found = cache.get(cache_key("facet-masks", *_what(scope_key, form, names)))
    if found is None or found[0] != state.version:
        return None
    return {pk for pk in pks if found[1].listed(pk)}


def _what(scope_key, form, names):
    """What the counts of :func:`cached_tally` are of."""
    return scope_key, form.canonical_query(), tuple(names)


def labelled(facet_counts):
    """The counts as ``{facet: [{"value", "label", "count"}]}``, most events
    first, labels in the active language."""
    names = {}
    if "organization" in facet_counts:
        names = {
            org.pk: str(org)
            for org in Organization.objects.filter(pk__in=facet_counts["organization"])
        }
    result = {}
    for facet, values in facet_counts.items():
        choices = CHOICE_FACETS.get(facet)
        result[facet] = [
            {
                "value": value,
                "label": str(choices(value).label) if choices else names.get(value, str(value)),
                "count": count,
            }
            for value, count in sorted(values.items(), key=lambda item: (-item[1], str(item[0])))
        ]
    return result

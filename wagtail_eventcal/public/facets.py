"""Facet counts: how many events each filter value would give, with the
other filters applied (as faceted search does).

Shared by the API (``?facets=``) and the public filter form (counts next to
each option, options with none hidden). Every value of the choice facets
(category, prefecture, format, organizer type) is counted in ONE query of
conditional counts, each with the very condition the list applies when that
value is chosen (:func:`.filters.condition`), so a count always equals the
list it leads to; the open-ended organization facet is one GROUP BY.

Counts are cached (:func:`cached_tally`) under the publication token and the
normalised filters: a warm page pays no query for them. Lists of upcoming or
past events change without a publication too, when an event ends: a tally
of such a list records when the next event ends and is recounted then.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.db.models import BooleanField, Count, ExpressionWrapper, Min, Q, Value
from django.utils import timezone

from ..choices import BodyType, Category, EventFormat, Prefecture
from ..feeds import publication
from ..models import Organization
from .filters import condition

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
NO_LIMIT = 2**62


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
    conditions = _conditions(form)
    # Filters that are no facet here narrow every count: the outer WHERE.
    base = queryset.order_by().filter(*(q for name, q in conditions.items() if name not in names))

    def others(facet):
        return _all(
            scope, *(q for name, q in conditions.items() if name in names and name != facet)
        )

    # Each facet's "other filters" (and all filters, for the list's length)
    # as one column of an inner query: the conditions with a subquery
    # (organizer type, organization) are then evaluated once each, not once
    # for every value counted (60 times: 1.5 s at 10,000 events on SQLite).
    # The slice makes Django aggregate over a subquery (else it copies the
    # columns' expressions into each count), and its LIMIT keeps SQLite and
    # PostgreSQL from merging the subquery into the outer query again.
    flags = {"in_list": _all(scope, *(q for name, q in conditions.items() if name in names))}
    flags.update({f"in_{facet}": others(facet) for facet in names if facet in CHOICE_FACETS})
    events = base.annotate(
        **{alias: ExpressionWrapper(q or Value(True), BooleanField()) for alias, q in flags.items()}
    )[:NO_LIMIT]
    aggregates = {"total": Count("pk", filter=Q(in_list=True))}
    slots = {}  # aggregate alias → (facet, value)
    for facet in names:
        if facet in CHOICE_FACETS:
            for value in CHOICE_FACETS[facet].values:
                alias = f"n{len(slots)}"
                slots[alias] = (facet, value)
                aggregates[alias] = Count(
                    "pk", filter=Q(**{f"in_{facet}": True}) & condition(facet, value)
                )
    if now is not None:
        aggregates["changes_at"] = Min("end", filter=Q(end__gte=now))
    row = events.aggregate(**aggregates)
    counts = {facet: {} for facet in names}
    for alias, (facet, value) in slots.items():
        if row[alias]:
            counts[facet][value] = row[alias]
    for facet in names:
        if facet in GROUPED_FACETS:
            counts[facet] = _grouped(base.filter(others(facet)), GROUPED_FACETS[facet])
    return Tally(counts=counts, total=row["total"], changes_at=row.get("changes_at"))


def _all(*conditions):
    """The conjunction of the non-empty conditions (an empty ``Q`` if none)."""
    return Q(*(q for q in conditions if q))


def _conditions(form):
    if not form.is_bound:
        return {}
    if not form.is_valid():
        raise ValueError("Facets count valid filters only: answer 400 first.")
    return form.conditions()


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
    ``("upcoming", calendar.pk)``) and the normalised filters."""
    _conditions(form)  # valid, or a programming error
    state = state or publication.current()
    parts = (
        state.token,
        state.changed_at.isoformat(),
        scope_key,
        form.canonical_query(),
        tuple(names),
    )
    key = "eventcal:facets:" + hashlib.sha1(repr(parts).encode()).hexdigest()
    found = cache.get(key)
    if found is not None and found.fresh(now or timezone.now()):
        return found
    counted = tally(queryset, form, names, scope=scope, now=now)
    cache.set(key, counted, CACHE_SECONDS)
    return counted


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

"""Facet counts: how many events each filter value would give, with the
other filters applied (as faceted search does), one GROUP BY query a facet.

Shared by the API (``?facets=``) and the public filter form (counts next to
each option, options with none hidden).
"""

from django.db.models import Count

from ..choices import BodyType, Category, EventFormat, Prefecture
from ..models import Organization
from .filters import EventFilterForm

#: facet name (= filter parameter) → the field its values are grouped by.
FACETS = {
    "category": "category",
    "prefecture": "prefecture",
    "format": "event_format",
    "body_type": "participations__organization__body_types__code",
    "organization": "participations__organization_id",
}
LABELS = {
    "category": Category,
    "prefecture": Prefecture,
    "format": EventFormat,
    "body_type": BodyType,
}


def unknown_facets(names):
    return sorted(set(names) - set(FACETS))


def counts(queryset, form, names):
    """``{facet: {value: count}}`` for the events of ``queryset`` matching
    every filter of ``form`` except the facet's own."""
    result = {}
    for name in names:
        others = {key: value for key, value in form.data.items() if key != name}
        # A subset of valid filters is valid: only the unfiltered case is skipped.
        narrowed = EventFilterForm(others or None)
        events = queryset
        if narrowed.is_bound and narrowed.is_valid():
            events = narrowed.filter(queryset)
        field = FACETS[name]
        rows = (
            events.order_by()
            .values_list(field)
            .annotate(events=Count("pk", distinct=True))
            .values_list(field, "events")
        )
        result[name] = {value: n for value, n in rows if value not in (None, "")}
    return result


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
        choices = LABELS.get(facet)
        result[facet] = [
            {
                "value": value,
                "label": str(choices(value).label) if choices else names.get(value, str(value)),
                "count": count,
            }
            for value, count in sorted(values.items(), key=lambda item: (-item[1], str(item[0])))
        ]
    return result

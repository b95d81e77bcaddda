"""The month view's body: which events the visible weeks show, and the grid.

Both are kept so that a publication costs the next visitor little (issue 17):

* the rows of the visible weeks — (pk, live revision, start, end) — are kept
  per calendar, month and filters, and after a publication only the changed
  events are read again and spliced in (:mod:`.spliced`);
* each day of the grid is rendered on its own and kept under what it shows
  (its date, the (event, revision) entries, "+N more", the language...): a
  publication re-renders the days of the events it changed, not the month.
"""

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from ..conf import get_setting
from ..models.pages import event_zone
from . import fragments
from .grid import covered_dates, limit_days, month_weeks, weekday_names
from .spliced import cache_key, spliced

BODY_TEMPLATE = "wagtail_eventcal/includes/month_body.html"
DAY_TEMPLATE = "wagtail_eventcal/includes/month_day.html"
# Keys change with what they hold (rows: with the filters; days: with their
# content): entries need not live long.
CACHE_SECONDS = 24 * 60 * 60


def visible_rows(events, current):
    """The (pk, revision, start, end) rows of ``events`` in the visible
    weeks of ``current``, by start."""
    start, end = current.bounds(event_zone())
    return list(
        events.overlapping(start, end)
        .order_by("start", "pk")
        .values_list("pk", "live_revision_id", "start", "end")
    )


def kept_rows(calendar, form, current, state):
    """(built, rows): :func:`visible_rows` of the calendar's events matching
    ``form`` (a valid or unbound filter form), kept and brought up to date
    at ``state`` (a publication state) by reading the changed events only;
    ``built`` names the state they were last read in full at (after a
    change of everything: a calendar, an organization, a site...)."""

    def events(per_event=False):
        return form.filter(calendar.events(), per_event=per_event)

    def update(kept, changed):
        built, rows = kept
        fresh = visible_rows(events(per_event=True).filter(pk__in=changed), current)
        rows = [row for row in rows if row[0] not in changed]
        return built, sorted([*rows, *fresh], key=lambda row: (row[2], row[0]))

    parts = (calendar.pk, current.slug(), form.canonical_query())
    key = cache_key("month-rows", *parts)
    return spliced(
        key,
        state,
        build=lambda: (state.version, visible_rows(events(), current)),
        update=update,
        timeout=CACHE_SECONDS,
    )


def month_layout(rows, current):
    """The weeks of ``current`` with at most MONTH_EVENTS_PER_DAY of
    ``rows`` a day (the rest counted in ``Day.more``), as the view shows them."""
    zone = event_zone()
    today = timezone.localdate(timezone=zone)
    weeks = month_weeks(current, rows, today, dates_of=lambda row: covered_dates(*row[2:], zone))
    return limit_days(weeks, get_setting("MONTH_EVENTS_PER_DAY"))


def render_body(request, context, current, kept, month_count):
    """The grid and ``month_count`` (the events of the month itself), from kept days where they are
    unchanged; only the missing days' grid entries are read. ``kept``:
    (built, rows) of :func:`kept_rows` — days are kept while the rows are
    spliced, and rendered again once they are read in full (what a grid
    entry shows beyond its event, e.g. a link's host, may have changed)."""
    built, rows = kept
    zone = event_zone()
    weeks = month_layout(rows, current)
    days = [day for week in weeks for day in week]
    common = (
        built,
        translation.get_language(),
        fragments.GRID.version(),
        fragments.template_version(DAY_TEMPLATE),
        context["calendar"].url_path,
        context["querystring"],
    )
    for day in days:
        # (pk, revision, whether it starts that day: its start time shows)
        day.entries = tuple(
            (row[0], row[1], row[2].astimezone(zone).date() == day.date) for row in day.events
        )
        parts = (*common, day.date, day.in_month, day.is_today, day.entries, day.more)
        day.key = cache_key("month-day", *parts)
    kept = cache.get_many([day.key for day in days])
    missing = [day for day in days if day.key not in kept]
    if missing:
        entries = fragments.texts(
            fragments.GRID, {entry[:2] for day in missing for entry in day.entries}
        )
        for day in missing:
            day.events = [
                fragments.grid_entry(entries[pk], starts_that_day=starts)
                for pk, _revision, starts in day.entries
                if pk in entries
            ]
            kept[day.key] = render_to_string(
                DAY_TEMPLATE,
                {
                    "day": day,
                    "calendar": context["calendar"],
                    "querystring": context["querystring"],
                },
                request,
            )
        cache.set_many({day.key: kept[day.key] for day in missing}, CACHE_SECONDS)
    for day in days:
        day.html = mark_safe(kept[day.key])
    body_context = dict(
        context,
        weeks=weeks,
        weekdays=weekday_names(),
        month_count=month_count,
    )
    return render_to_string(BODY_TEMPLATE, body_context, request)

"""The public calendar views (routed from CalendarPage).

Every view builds on one filtered queryset; the number of SQL queries does
not depend on the number of events (events come with their organizations
prefetched).

The body of the month view (grid and event list; a busy month holds
hundreds of events) is rendered once and kept in the cache under a key made
of the publication token, the language, the month, today's date and the
filters: any publication changes the token, so a cached body is never stale,
and a hit costs one primary-key query instead of the events query and the
rendering.
"""

import hashlib

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from ..conf import get_setting
from ..feeds import publication
from ..models.pages import event_zone
from . import facets
from .facet_options import add_counts
from .filters import EventFilterForm
from .grid import Month, month_weeks, weekday_names
from .query_params import echoed_query
from .titles import calendar_title

TEMPLATE = "wagtail_eventcal/calendar_page.html"
MONTH_BODY_TEMPLATE = "wagtail_eventcal/includes/month_body.html"
ACCESSIBILITY_TEMPLATE = "wagtail_eventcal/accessibility.html"
# Keys change with every publication and every day: entries need not live long.
MONTH_CACHE_SECONDS = 24 * 60 * 60
MONTH_BODY_MARKER = mark_safe("<!-- eventcal:month-body -->")
#: The filters the form shows as selects (the organization filter is a
#: hidden field, set by the organization links).
FORM_FACETS = ("category", "prefecture", "format", "body_type")


def upcoming(request, calendar):
    return _list(request, calendar, "upcoming")


def archive(request, calendar):
    return _list(request, calendar, "archive")


def _list(request, calendar, view):
    form, events, status = _filtered_events(request, calendar)
    now = timezone.now()
    events = events.upcoming(now) if view == "upcoming" else events.past(now)
    paginator = Paginator(events.with_related(), get_setting("PAGE_SIZE"))
    if status == 200:
        scope = Q(end__gte=now) if view == "upcoming" else Q(end__lt=now)
        tally = _counts(calendar, form, (view, calendar.pk), scope=scope, now=now)
        # The counts' query counted the list too: no COUNT query of its own.
        paginator.count = tally.total
    page_obj = paginator.get_page(_page_number(request))
    context = _context(request, calendar, form, view)
    context.update(
        events=page_obj.object_list,
        page_obj=page_obj,
        paginator=paginator,
        elided_page_range=paginator.get_elided_page_range(page_obj.number),
        page_title=calendar_title(calendar, form, view, page_obj=page_obj),
    )
    return TemplateResponse(request, TEMPLATE, context, status=status)


def month(request, calendar, year, month_number):
    if year is None:
        current = Month.containing(timezone.localdate(timezone=event_zone()))
    else:
        if not (1 <= month_number <= 12 and 1900 <= year <= 2999):
            raise Http404("No such month")
        current = Month(year, month_number)
    form, status = _filter_form(request)
    context = _context(request, calendar, form, "month")
    context.update(
        month=current,
        month_start=current.first_day,
        previous_month=current.previous(),
        next_month=current.next(),
        page_title=calendar_title(calendar, form, "month", month=current),
    )
    # Invalid filters show their errors in the body: never cached.
    state = publication.current()
    key = _month_cache_key(request, calendar, current, state) if status == 200 else None
    if status == 200:
        start, end = current.own_bounds(event_zone())
        scope = Q(start__lt=end, end__gte=start)  # what "N events this month" counts
        _counts(calendar, form, ("month", calendar.pk, current.slug()), scope=scope, state=state)
    body = cache.get(key) if key else None
    if body is None:
        events = _filter(calendar.events(), form, status)
        body = _render_month_body(request, context, current, events).encode()
        if key:
            cache.set(key, body, MONTH_CACHE_SECONDS)
    # The body (up to megabytes) is kept as UTF-8 bytes and spliced into the
    # rendered page: decoding it and passing it through the template engine
    # would cost more than everything else on a cache hit.
    context["month_body"] = MONTH_BODY_MARKER
    response = TemplateResponse(request, TEMPLATE, context, status=status)
    response.add_post_render_callback(lambda r: _splice(r, body))
    return response


def accessibility(request, calendar):
    """The accessibility statement (issue 19): the standard targeted, what
    the tests check, known limitations, whom to tell."""
    context = calendar.get_context(request)
    context.update(page=calendar, calendar=calendar)
    return TemplateResponse(request, ACCESSIBILITY_TEMPLATE, context)


def _splice(response, body):
    response.content = response.content.replace(MONTH_BODY_MARKER.encode(), body, 1)


def _render_month_body(request, context, current, events):
    start, end = current.bounds(event_zone())
    events = list(events.overlapping(start, end).order_by("start", "pk").with_related())
    today = timezone.localdate(timezone=event_zone())
    body_context = dict(
        context,
        weeks=month_weeks(current, events, today),
        weekdays=weekday_names(),
        month_events=[e for e in events if _in_month(e, current)],
    )
    return render_to_string(MONTH_BODY_TEMPLATE, body_context, request)


def _counts(calendar, form, scope_key, **kwargs):
    """The facet counts of the calendar's events, put into the filter form's
    options (they are cached: see public/facets.py)."""
    tally = facets.cached_tally(scope_key, calendar.events(), form, FORM_FACETS, **kwargs)
    add_counts(form, tally)
    return tally


def _month_cache_key(request, calendar, current, state):
    filters = sorted((k, v) for k, v in request.GET.lists() if k != "page")
    parts = (
        calendar.pk,
        state.token,
        state.changed_at.isoformat(),
        translation.get_language(),
        current.slug(),
        timezone.localdate(timezone=event_zone()).isoformat(),
        repr(filters),
    )
    digest = hashlib.sha1(repr(parts).encode()).hexdigest()
    return f"eventcal:month:{digest}"


def _in_month(event, month):
    return event.local_start.date() <= month.last_day and event.local_end.date() >= month.first_day


def _filtered_events(request, calendar):
    """(form, queryset, status): invalid filters give an empty list and 400."""
    form, status = _filter_form(request)
    return form, _filter(calendar.events(), form, status), status


def _filter_form(request):
    form = EventFilterForm(request.GET or None)
    return form, 400 if form.is_bound and not form.is_valid() else 200


def _filter(events, form, status):
    if status != 200:
        return events.none()
    return form.filter(events) if form.is_bound else events


def _page_number(request):
    """A page number within bounds; anything else is page 1 (never a 500)."""
    raw = request.GET.get("page", "1")
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), get_setting("MAX_PAGE"))


def _context(request, calendar, form, view):
    query = echoed_query(request, extra=())
    context = calendar.get_context(request)
    context.update(
        page=calendar,
        calendar=calendar,
        filter_form=form,
        filtered=form.is_bound and form.is_valid() and form.is_filtered(),
        view=view,
        querystring=query.urlencode(),
        now=timezone.now(),
    )
    return context

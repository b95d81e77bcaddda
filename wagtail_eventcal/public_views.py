"""The public calendar views (routed from CalendarPage).

Every view builds on one filtered queryset; the number of SQL queries does
not depend on the number of events (events come with their organizations
prefetched).
"""

from django.core.paginator import Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone

from .calendar_grid import Month, month_weeks, weekday_names
from .conf import get_setting
from .filters import EventFilterForm
from .models.pages import event_zone

TEMPLATE = "wagtail_eventcal/calendar_page.html"


def upcoming(request, calendar):
    return _list(request, calendar, "upcoming")


def archive(request, calendar):
    return _list(request, calendar, "archive")


def _list(request, calendar, view):
    form, events, status = _filtered_events(request, calendar)
    now = timezone.now()
    events = events.upcoming(now) if view == "upcoming" else events.past(now)
    paginator = Paginator(events.with_related(), get_setting("PAGE_SIZE"))
    page_obj = paginator.get_page(_page_number(request))
    context = _context(request, calendar, form, view)
    context.update(
        events=page_obj.object_list,
        page_obj=page_obj,
        paginator=paginator,
        elided_page_range=paginator.get_elided_page_range(page_obj.number),
    )
    return TemplateResponse(request, TEMPLATE, context, status=status)


def month(request, calendar, year, month_number):
    if year is None:
        current = Month.containing(timezone.localdate(timezone=event_zone()))
    else:
        if not (1 <= month_number <= 12 and 1900 <= year <= 2999):
            raise Http404("No such month")
        current = Month(year, month_number)
    form, events, status = _filtered_events(request, calendar)
    start, end = current.bounds(event_zone())
    events = list(events.overlapping(start, end).order_by("start", "pk").with_related())
    today = timezone.localdate(timezone=event_zone())
    context = _context(request, calendar, form, "month")
    context.update(
        month=current,
        month_start=current.first_day,
        weeks=month_weeks(current, events, today),
        weekdays=weekday_names(),
        month_events=[e for e in events if _in_month(e, current)],
        previous_month=current.previous(),
        next_month=current.next(),
    )
    return TemplateResponse(request, TEMPLATE, context, status=status)


def _in_month(event, month):
    return event.local_start.date() <= month.last_day and event.local_end.date() >= month.first_day


def _filtered_events(request, calendar):
    """(form, queryset, status): invalid filters give an empty list and 400."""
    form = EventFilterForm(request.GET or None)
    events = calendar.events()
    if form.is_bound and not form.is_valid():
        return form, events.none(), 400
    if form.is_bound:
        events = form.filter(events)
    return form, events, 200


def _page_number(request):
    """A page number within bounds; anything else is page 1 (never a 500)."""
    raw = request.GET.get("page", "1")
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), get_setting("MAX_PAGE"))


def _context(request, calendar, form, view):
    query = request.GET.copy()
    query.pop("page", None)
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

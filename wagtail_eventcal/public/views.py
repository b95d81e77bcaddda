"""The public calendar views (routed from CalendarPage).

Every view builds on one filtered queryset; the number of SQL queries does
not depend on the number of events. Pages are assembled from per-event
fragments (list cards, grid entries: ``fragments``) stored per published
revision and language, so a publication re-renders one event, not a page.

The body of the month view (the grid) is kept in the cache under a key made
of the publication token, the language, the month, today's date and the
filters: any publication changes the token, so a cached body is never stale,
and a hit costs one primary-key query instead of the events query and the
assembly. After a publication the body is made again from kept rows and
days, with only the changed events read (``month_body``).
"""

from datetime import date, datetime, time, timedelta

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe

from ..conf import get_setting
from ..feeds import publication
from ..integers import parse_int
from ..models.pages import event_zone
from . import facets, fragments, list_page, month_body
from .facet_options import add_counts
from .filters import EventFilterForm
from .grid import Month
from .query_params import echoed_query
from .spliced import cache_key
from .titles import calendar_title

TEMPLATE = "wagtail_eventcal/calendar_page.html"
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
    form, status = _filter_form(request)
    now = timezone.now()

    def events():
        # Built only when a template asks: the kept page costs no ORM work.
        return _in_view(_filter(calendar.events(), form, status), view, now)

    page = tally = None
    if status != 200:  # invalid filters show their errors and no events
        paginator, page_obj, cards = _paginator(request, 0, None, ())
    else:
        state = publication.current()
        scope = Q(end__gte=now) if view == "upcoming" else Q(end__lt=now)
        # One (kept) query counts every option, the list's length, and
        # finds the next moment one of the events ends (the upcoming list
        # and the archive change then). The options get their counts when
        # the content is rendered (list_page.content).
        tally = _tally(calendar, form, (view, calendar.pk), scope=scope, now=now, state=state)
        paginator, page_obj, cards = _paginator(request, tally.total, None, ())
        page = list_page.kept_page(
            calendar,
            form,
            view,
            now,
            page_obj.number,
            tally,
            state,
            lambda pks: facets.listed((view, calendar.pk), form, FORM_FACETS, state, pks),
        )
    context = _context(request, calendar, form, view)
    context.update(
        cards=cards,
        events=_lazy_page(events, page_obj),
        page_obj=page_obj,
        paginator=paginator,
        elided_page_range=paginator.get_elided_page_range(page_obj.number),
        page_title=calendar_title(calendar, form, view, page_obj=page_obj),
    )
    if page is not None:
        context["content"] = mark_safe(list_page.content(request, context, page, tally))
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
    key = None  # invalid filters show their errors in the body: never cached
    month_count = 0
    if status == 200:
        state = publication.current()
        start, end = current.own_bounds(event_zone())
        scope = Q(start__lt=end, end__gte=start)  # what "N events this month" counts
        scope_key = ("month", calendar.pk, current.slug())
        month_count = _counts(calendar, form, scope_key, scope=scope, state=state).total
        key = _cache_key(
            "month", request, calendar, current.slug(), fragments.GRID.version(), state=state
        )
    body = cache.get(key) if key else None
    if body is None:
        # Invalid filters: the grid without events.
        kept = month_body.kept_rows(calendar, form, current, state) if key else (None, [])
        body = month_body.render_body(request, context, current, kept, month_count).encode()
        if key:
            cache.set(key, body, MONTH_CACHE_SECONDS)
    # The body (up to megabytes) is kept as UTF-8 bytes and spliced into the
    # rendered page: decoding it and passing it through the template engine
    # would cost more than everything else on a cache hit.
    context["month_body"] = MONTH_BODY_MARKER
    response = TemplateResponse(request, TEMPLATE, context, status=status)
    response.add_post_render_callback(lambda r: _splice(r, body))
    return response


def day(request, calendar, iso_date):
    """One day's events (the month grid's "+N more"): filtered and
    paginated like the upcoming list. An impossible date is a 404."""
    try:
        current = date.fromisoformat(iso_date)
    except ValueError:
        raise Http404("No such day") from None
    if not 1900 <= current.year <= 2999:
        raise Http404("No such day")
    form, events, status = _filtered_events(request, calendar)
    zone = event_zone()
    start = datetime.combine(current, time.min, tzinfo=zone)
    end = start + timedelta(days=1)
    events = events.overlapping(start, end).order_by("start", "pk")
    count = 0
    if status == 200:
        # The options' counts for this day; their query counts the day too.
        scope = Q(start__lt=end, end__gte=start)  # as ``overlapping``
        count = _counts(calendar, form, ("day", calendar.pk, iso_date), scope=scope).total
    paginator, page_obj, cards = _paginator(request, *_page_of_cards(request, events, count))
    day_events = _lazy_page(lambda: events, page_obj)
    context = _context(request, calendar, form, "day")
    context.update(
        day=current,
        month=Month.containing(current),
        previous_day=current - timedelta(days=1),
        next_day=current + timedelta(days=1),
        cards=cards,
        events=day_events,
        page_obj=page_obj,
        paginator=paginator,
        elided_page_range=paginator.get_elided_page_range(page_obj.number),
        page_title=calendar_title(calendar, form, "day", page_obj=page_obj, day=current),
    )
    return TemplateResponse(request, TEMPLATE, context, status=status)


def accessibility(request, calendar):
    """The accessibility statement (issue 19): the standard targeted, what
    the tests check, known limitations, whom to tell."""
    context = calendar.get_context(request)
    context.update(page=calendar, calendar=calendar)
    return TemplateResponse(request, ACCESSIBILITY_TEMPLATE, context)


def _splice(response, body):
    response.content = response.content.replace(MONTH_BODY_MARKER.encode(), body, 1)


def _counts(calendar, form, scope_key, **kwargs):
    """The facet counts of the calendar's events, put into the filter form's
    options (they are kept: see public/facets.py)."""
    tally = _tally(calendar, form, scope_key, **kwargs)
    add_counts(form, tally)
    return tally


def _tally(calendar, form, scope_key, **kwargs):
    # The events' queryset is made only if the counts are (re)counted.
    return facets.cached_tally(scope_key, calendar.events, form, FORM_FACETS, **kwargs)


def _cache_key(prefix, request, calendar, *parts, state):
    """A key that changes with every publication (``state``), every day and
    every query string: what is stored under it is never stale."""
    query = sorted(request.GET.lists())
    parts = (
        calendar.pk,
        state.token,
        state.changed_at.isoformat(),
        translation.get_language(),
        timezone.localdate(timezone=event_zone()).isoformat(),
        repr(query),
        *parts,
    )
    return cache_key(prefix, *parts)


def _filtered_events(request, calendar):
    """(form, queryset, status): invalid filters give an empty list and 400."""
    form, status = _filter_form(request)
    return form, _filter(calendar.events(), form, status), status


def _filter_form(request):
    form = EventFilterForm(request.GET or None)
    return form, 400 if form.is_bound and not form.is_valid() else 200


def _filter(events, form, status):
    return form.filter(events) if status == 200 else events.none()


def _page_of_cards(request, events, count):
    """(count, page number, cards): the requested page of ``events`` as
    their stored list cards, in one query (``fragments.cards``)."""
    page_obj = _paginator(request, count, None, ())[1]
    start = (page_obj.number - 1) * get_setting("PAGE_SIZE")
    page = events[start : start + get_setting("PAGE_SIZE")] if count else events.none()
    return count, page_obj.number, [str(card) for card in fragments.cards(page)]


def _in_view(events, view, now):
    return events.upcoming(now) if view == "upcoming" else events.past(now)


def _lazy_page(events, page_obj):
    """The page's events (``events()`` gives the queryset) as a lazy
    queryset, made and run only if a template uses it (the plugin's
    templates show the stored cards; a site's own template overriding the
    page may still loop over ``events``)."""
    size = get_setting("PAGE_SIZE")
    start = (page_obj.number - 1) * size
    return SimpleLazyObject(lambda: events().with_related()[start : start + size])


def _paginator(request, count, number, cards):
    """(paginator, page, cards) for the template; the paginator counts
    ``count`` items without a query."""
    paginator = Paginator(range(count), get_setting("PAGE_SIZE"))
    page_obj = paginator.get_page(number or _page_number(request))
    return paginator, page_obj, [mark_safe(card) for card in cards]


def _page_number(request):
    """A page number within bounds; anything else is page 1 (never a 500)."""
    number = parse_int(request.GET.get("page", "1"), minimum=1) or 1
    return min(number, get_setting("MAX_PAGE"))


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

"""The upcoming list's and the archive's page of events, and its content,
kept across publications (issue 17).

A page is kept as the (pk, live revision) pairs it shows, for every
language. After a publication it is kept as it is when none of the changed
events is on it or now belongs before its last event (one small query), and
read again otherwise; pages after the first are read again (an event before
them may have gone). The rendered content — filters with their counts, the
cards, the pagination — is kept under what it shows: the page's events and
revisions, the counts, the language and the query string. A visitor after a
publication that does not touch the page pays for no rendering at all.
"""

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone, translation

from ..conf import get_setting
from ..models.pages import event_zone
from . import fragments
from .facet_options import add_counts
from .spliced import as_datetime, cache_key, for_ids, kept_query, read_ids, spliced

CONTENT_TEMPLATE = "wagtail_eventcal/includes/calendar_content.html"
#: What the content shows besides the cards (their templates are the
#: cards' version).
CONTENT_TEMPLATES = (
    CONTENT_TEMPLATE,
    "wagtail_eventcal/includes/filters.html",
    "wagtail_eventcal/includes/error_summary.html",
    "wagtail_eventcal/includes/card_list.html",
    "wagtail_eventcal/includes/empty.html",
    "wagtail_eventcal/includes/pagination.html",
    "wagtail_eventcal/includes/subscribe.html",
    "wagtail_eventcal/includes/open_data.html",
    "wagtail_eventcal/includes/bilingual.html",
)
CACHE_SECONDS = 24 * 60 * 60


class Page:
    """The events of one page of a list, for every language."""

    def __init__(self, built, number, entries, last, full, query):
        #: the publication state it was read in full at
        self.built = built
        self.number = number
        #: (pk, live revision id) of its events, in the list's order
        self.entries = entries
        #: (start, pk) of its last event, and whether the page is full
        self.last, self.full = last, full
        self.query = query


def kept_page(calendar, form, view, now, number, tally, state, listed):
    """The :class:`Page` ``number`` of the calendar's ``view`` ("upcoming"
    or "archive") with the filters of ``form`` (valid or unbound), counted
    by ``tally``, at ``state``. ``listed(pks)``: which of the events ``pks``
    the list holds now, when known without a query (else None)."""
    size = get_setting("PAGE_SIZE")
    descending = view != "upcoming"

    def events(per_event=False):
        found = form.filter(calendar.events(), per_event=per_event)
        return found.upcoming(now) if view == "upcoming" else found.past(now)

    def build():
        first = (number - 1) * size
        rows = []
        if tally.total:
            rows = list(
                events().values_list("pk", "live_revision_id", "start")[first : first + size]
            )
        # Where a changed event now stands in the list (kept, see update).
        query = kept_query(
            *for_ids(events(per_event=True).order_by())
            .values_list("pk", "start")
            .query.sql_with_params()
        )
        last = (rows[-1][2], rows[-1][0]) if rows else None
        entries = [(pk, revision) for pk, revision, _start in rows]
        return Page(
            state.version,
            number,
            entries,
            last,
            len(rows) == size,
            query,
        )

    def update(page, changed):
        if page.number != 1 or changed & {pk for pk, _revision in page.entries}:
            return None
        # Only the changed events the list holds now may join the page.
        joining = listed(changed)
        if joining is None:
            joining = changed
        for pk, start in read_ids(page.query, joining) if joining else ():
            if not page.full:
                return None  # it joins this page
            key = (as_datetime(start), pk)
            if (key > page.last) if descending else (key < page.last):
                return None
        return page

    parts = (
        calendar.pk,
        view,
        form.canonical_query(),
        number,
        # An event ending moves the lists: the counts say when.
        tally.changes_at.isoformat() if tally.changes_at else None,
    )
    key = cache_key("list-page", *parts)
    return spliced(key, state, build=build, update=update, timeout=CACHE_SECONDS)


def content(request, context, page, tally):
    """The rendered content of a list page (``context``: the view's, without
    the cards), kept under what it shows."""
    parts = (
        page.built,
        page.entries,
        page.number,
        tally.total,
        tally.digest(),
        translation.get_language(),
        timezone.localdate(timezone=event_zone()).isoformat(),
        request.path,
        context["querystring"],
        context["view"],
        fragments.CARD.version(),
        fragments.template_version(*CONTENT_TEMPLATES),
    )
    key = cache_key("list-content", *parts)
    found = cache.get(key)
    if found is None:
        add_counts(context["filter_form"], tally)
        texts = fragments.texts(fragments.CARD, page.entries) if page.entries else {}
        cards = [texts[pk] for pk, _revision in page.entries if pk in texts]
        found = render_to_string(CONTENT_TEMPLATE, dict(context, cards=cards), request)
        cache.set(key, found, CACHE_SECONDS)
    return found

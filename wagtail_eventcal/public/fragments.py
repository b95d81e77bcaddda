"""Per-event HTML of the public pages, rendered once per published revision
and language (issue 17, item 2).

The lists and the month grid are assembled from stored fragments — an
event's list card and its month-grid entry — kept like the feeds' VEVENTs
(:class:`~wagtail_eventcal.models.EventFeedFragment`). A publication then
re-renders the events it changed, not the month or the list. What else a
fragment shows is handled where it changes: an organization's name, a
Site, a calendar's slug or a move delete the fragments concerned
(``feeds.ical_feed``); the templates' source and the plugin's version are
the fragments' ``version``, so a deployment re-renders them.
"""

import hashlib
import logging
import re
from functools import cache

from django.conf import settings
from django.db import transaction
from django.template import loader
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from .. import __version__, base_url
from ..models import EventFeedFragment, EventPage
from ..models.feed_cache import FragmentKind

logger = logging.getLogger(__name__)

START_TIME = re.compile(r"<!--start-->(.*?)<!--/start-->", re.S)


class TemplateKind(FragmentKind):
    def __init__(self, name, template, includes=(), *, related=False):
        self.name = name
        self.template = template
        self.templates = (template, *includes)
        self.related = related

    def version(self):
        return _digest(self.templates)

    def render(self, pks, language):
        events = EventPage.objects.filter(pk__in=pks)
        if self.related:
            events = events.with_related()
        with translation.override(language):
            return {
                event.pk: {
                    "revision_id": event.live_revision_id,
                    "text": render_to_string(
                        self.template, {"event": event, "page": event}
                    ).strip(),
                }
                for event in events
            }


def template_version(*templates):
    """What changes when the source of ``templates`` or the plugin does."""
    return _digest(templates)


@cache
def _digest(templates):
    sources = [loader.get_template(name).template.source for name in templates]
    return hashlib.sha1(repr((__version__, sources)).encode()).hexdigest()


INCLUDES = ("wagtail_eventcal/includes/bilingual.html",)
CARD = TemplateKind(
    "card",
    "wagtail_eventcal/includes/event_card.html",
    (
        *INCLUDES,
        "wagtail_eventcal/includes/event_when.html",
        "wagtail_eventcal/includes/org_names.html",
    ),
    related=True,
)
GRID = TemplateKind("grid", "wagtail_eventcal/includes/month_entry.html", INCLUDES)


class PageKind(TemplateKind):
    def version(self):
        # Its JSON-LD and "add to calendar" links hold absolute URLs.
        return hashlib.sha1(f"{super().version()} {base_url.base_url()}".encode()).hexdigest()


PAGE = PageKind(
    "page",
    "wagtail_eventcal/includes/event_page_fragment.html",
    (
        *INCLUDES,
        "wagtail_eventcal/includes/event_body.html",
        "wagtail_eventcal/includes/event_when.html",
        "wagtail_eventcal/includes/org_names.html",
        "wagtail_eventcal/includes/add_to_calendar.html",
    ),
    related=True,
)
PAGE_MARKER = "<!--eventcal:body-->"


def texts(kind, rows):
    """{pk: safe HTML} of ``rows`` — (pk, live revision id) — in the active language."""
    found = EventFeedFragment.objects.texts(kind, translation.get_language(), rows)
    return {pk: mark_safe(text) for pk, text in found.items()}


def cards(events):
    """The list cards of ``events`` (a queryset, sliced to one page), in its
    order: one query for the rows with their stored cards; the missing or
    stale ones are rendered and stored."""
    language = translation.get_language()
    rows = list(
        events.annotate(card=EventFeedFragment.objects.current_text(CARD, language)).values_list(
            "pk", "card"
        )
    )
    missing = [pk for pk, card in rows if card is None]
    rendered = EventFeedFragment.objects.render(CARD, language, missing) if missing else {}
    found = [card if card is not None else rendered.get(pk) for pk, card in rows]
    # An event unpublished meanwhile has no card.
    return [mark_safe(card) for card in found if card is not None]


def stored_page(event):
    """The stored article (and JSON-LD) of the event's live revision in the
    active language: one query, or a render when it is missing or stale."""
    return texts(PAGE, [(event.pk, event.live_revision_id)]).get(event.pk)


def event_page_parts(event, *, preview=False):
    """(JSON-LD script, article body) of an event page: the stored fragment
    of its live revision — routed with it in the active language
    (``event_page.routed_event``) or read — or for a preview (unsaved
    participations in memory) rendered from ``event`` itself."""
    text = None
    if not preview:
        if getattr(event, "stored_page_language", None) == translation.get_language():
            text = event.stored_page
        else:
            text = stored_page(event)
    if text is None:
        text = render_to_string(PAGE.template, {"event": event, "page": event})
    head, _marker, body = text.partition(PAGE_MARKER)
    return mark_safe(head), mark_safe(body)


def grid_entry(text, *, starts_that_day):
    """A month-grid entry with its start time only on the day it starts."""
    return mark_safe(START_TIME.sub(r"\1" if starts_that_day else "", text))


def _render_published(sender, instance, **kwargs):
    """A publication renders the event's card, grid entry and page in every
    language at once, so that the first visitor after it meets stored
    fragments (events created in bulk, or whose fragments were deleted, are
    rendered on first view instead)."""
    for language, _name in settings.LANGUAGES:
        for kind in (CARD, GRID, PAGE):
            try:
                # A savepoint: a failed render leaves the publication's
                # transaction usable.
                with transaction.atomic():
                    EventFeedFragment.objects.render(kind, language, [instance.pk])
            except Exception:
                # Never refuse a publication over a cache: the page that
                # needs the fragment renders it (and shows the error) itself.
                logger.exception("Could not render the %s of event %s", kind.name, instance.pk)


def connect_signals():
    """Called once from ``AppConfig.ready``."""
    from wagtail.signals import page_published

    page_published.connect(
        _render_published, sender=EventPage, dispatch_uid="eventcal-fragments-publish"
    )

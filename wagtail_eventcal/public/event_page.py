"""An event's public page as routed (issue 17: the event page costs about
what a bare Wagtail page costs).

Below the calendar, Wagtail would look the event up by slug, load its
specific row and read the view restrictions of its ancestors (two queries),
and the page would read its stored article (``fragments.PAGE``). All of that
is kept in the cache instead, tagged with the publication state it was read
at (:mod:`.spliced`): a visit costs the token's query. It is read again when
the event changed since — published, unpublished, moved, deleted, its image
changed — or anything else did that the token does not name event by event
(a view restriction, an organization, a calendar, a Site), or the calendar's
place in the tree (its path and URL path are part of the key).
"""

from django.utils import translation

from ..feeds import publication
from ..models import EventPage
from . import fragments
from .spliced import cache_key, spliced

# Kept until the event changes; unused entries expire.
CACHE_SECONDS = 24 * 60 * 60


def routed_event(calendar, slug):
    """The event ``slug`` of ``calendar``, with ``view_restricted`` (whether
    Wagtail's check finds a view restriction: see
    ``EventPage.get_view_restrictions``) and its stored article in the active
    language (``fragments.event_page_parts``); None when there is no such
    event or it is of another page type (Wagtail routes it then)."""
    language = translation.get_language()

    def update(event, changed):
        return None if event is None or event.pk in changed else event

    return spliced(
        _cache_key(calendar, slug, language),
        publication.current(),
        build=lambda: _load(calendar, slug, language),
        update=update,
        timeout=CACHE_SECONDS,
    )


def _load(calendar, slug, language):
    event = EventPage.objects.child_of(calendar).filter(slug=slug).select_related("image").first()
    if event is None or event.specific_class is not EventPage:
        return None
    if event.live:
        # Wagtail's own lookup (aliases included), before the attribute is set.
        event.view_restricted = event.get_view_restrictions().exists()
        event.stored_page = fragments.stored_page(event)
        event.stored_page_language = language
    return event


def _cache_key(calendar, slug, language):
    # A move or a new slug above the calendar changes its path or URL path
    # (and the event's ancestors, hence its view restrictions).
    parts = (
        calendar.pk,
        calendar.path,
        calendar.url_path,
        slug,
        language,
        fragments.PAGE.version(),
    )
    return cache_key("event", *parts)

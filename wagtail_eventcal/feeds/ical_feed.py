"""The iCalendar feeds: stored VEVENT fragments and whole-feed bytes.

Serializing thousands of events on each request is what makes calendar
feeds slow. Here an event is rendered once per published revision and
language (:class:`~wagtail_eventcal.models.EventFeedFragment`, kind
"vevent"); a feed joins
the stored fragments, and the joined bytes are kept in a cache keyed on the
publication token, so an unchanged feed is neither re-rendered nor rejoined.
"""

from datetime import datetime, time, timedelta

from django.core.cache import caches
from django.db.models import Count
from django.db.models.signals import post_save, pre_delete
from django.http import Http404, HttpResponse
from django.utils import timezone, translation
from django.utils.text import slugify
from wagtail.images import get_image_model
from wagtail.models import PageLogEntry, Site
from wagtail.signals import page_published, post_page_move

from .. import base_url
from ..bilingual import active_language, localized
from ..conf import get_setting
from ..models import CalendarPage, EventFeedFragment, EventPage, Organization
from ..models.feed_cache import FragmentKind
from ..models.pages import event_zone
from ..public.query_params import bad_request, bound_filter_form, feed_title, with_query
from . import ical, publication
from .conditional import conditional_response, make_etag

CONTENT_TYPE = "text/calendar; charset=utf-8"
# Per-event downloads are many small entries: let them expire.
EVENT_ICS_CACHE_SECONDS = 24 * 60 * 60
# Whole feeds are keyed on the publication token: once it moves on, the old
# bytes are never read again. LocMem culls them; a cache shared by several
# instances (Redis) keeps an entry without expiry until memory runs out —
# megabytes per publication, language and filter set. So they expire too.
FEED_CACHE_SECONDS = 24 * 60 * 60


# --- Fragments ------------------------------------------------------------
class VeventKind(FragmentKind):
    name = "vevent"
    extra_fields = ("sequence", "last_modified")

    def is_current(self, text):
        """False for a fragment rendered under another base URL (the setting
        changed) or before DTSTAMP became the response time."""
        return f"URL:{base_url.base_url()}/" in text and "DTSTAMP:19700101T000000Z" in text

    def render(self, pks, language):
        events = EventPage.objects.filter(pk__in=pks).with_related()
        publications = dict(
            PageLogEntry.objects.filter(page_id__in=pks, action="wagtail.publish")
            .values("page_id")
            .annotate(n=Count("pk"))
            .values_list("page_id", "n")
        )
        rendered = {}
        with translation.override(language):
            for event in events:
                sequence = max(publications.get(event.pk, 0) - 1, 0)
                url = base_url.page_url(event)
                rendered[event.pk] = {
                    "revision_id": event.live_revision_id,
                    "sequence": sequence,
                    "last_modified": event.last_published_at,
                    "text": ical.render_vevent(event, language, url=url, sequence=sequence),
                }
        return rendered


VEVENT = VeventKind()


def fragments_for(events_queryset, language):
    """VEVENT texts for the events of ``events_queryset``, in its order.

    Three queries when every fragment is fresh; missing or stale ones are
    rendered in batches (a constant number of queries per batch).
    """
    rows = list(events_queryset.values_list("pk", "live_revision_id"))
    texts = EventFeedFragment.objects.texts(
        VEVENT, language, rows, pks=events_queryset.values("pk")
    )
    return [texts[pk] for pk, _revision in rows if pk in texts]


# --- Feeds ----------------------------------------------------------------
def window_start(now=None):
    """Feeds show events that ended at most FEED_PAST_DAYS days ago (from
    midnight in the event time zone, so a feed is stable for a whole day)."""
    today = timezone.localdate(now or timezone.now(), timezone=event_zone())
    first = today - timedelta(days=get_setting("FEED_PAST_DAYS"))
    return datetime.combine(first, time.min, tzinfo=event_zone())


def feed_events(calendar, form):
    events = calendar.events()
    if form.is_bound:
        events = form.filter(events)
    return events.filter(end__gte=window_start()).order_by("start", "pk")


def calendar_feed(request, calendar):
    """``feed.ics``: upcoming and recent events, filtered like the calendar."""
    form = bound_filter_form(request)
    if form.is_bound and not form.is_valid():
        return bad_request(form)
    language = active_language()
    state = publication.current()
    start = window_start()
    # The body holds absolute URLs: the base URL is part of the key.
    key = make_etag(
        "ics",
        base_url.base_url(),
        calendar.pk,
        language,
        start.date(),
        state.version,
        form.canonical_query(),
    )
    today = datetime.combine(timezone.localdate(timezone=event_zone()), time.min, event_zone())

    def build():
        cache = caches[get_setting("FEED_CACHE")]
        body = cache.get(f"eventcal:feed:{key}")
        if body is None:
            body = _feed_body(request, calendar, form, language)
            cache.set(f"eventcal:feed:{key}", body, timeout=FEED_CACHE_SECONDS)
        return _ics_response(body, f"{calendar.slug}-{language}.ics", inline=True)

    return conditional_response(
        request, etag=_weak(key), last_modified=max(state.changed_at, today), build=build
    )


def _feed_body(request, calendar, form, language):
    # A filtered feed is a calendar of its own: its name says which filters,
    # its URL is the filtered calendar page and its UID differs per filter set.
    name = feed_title(str(localized(calendar, "title", language)), form)
    url = with_query(base_url.page_url(calendar), form)
    query = form.query_string()
    uid = f"calendar-{calendar.pk}-{language}"
    if query:
        uid += "-" + make_etag(query)[:12]
    header = ical.calendar_header(name=name, url=url, uid=f"{uid}@{base_url.host()}")
    fragments = fragments_for(feed_events(calendar, form), language)
    return "".join([header, *fragments, ical.calendar_footer()]).encode()


def event_ics(request, calendar, slug):
    """``<slug>.ics``: one event, for "add to calendar"."""
    language = active_language()
    state = publication.current()
    key = make_etag("event-ics", calendar.pk, slug, language, state.version)

    def build():
        # Kept like the whole feed (the key holds the publication token), so
        # a download costs the routing and one query, not the event's rows.
        cache = caches[get_setting("FEED_CACHE")]
        cache_key = f"eventcal:event-ics:{key}:{base_url.base_url()}"
        cached = cache.get(cache_key)
        if cached is None:
            cached = _event_ics_body(request, calendar, slug, language)
            cache.set(cache_key, cached, timeout=EVENT_ICS_CACHE_SECONDS)
        filename, body = cached
        return _ics_response(body, filename, inline=False)

    return conditional_response(
        request, etag=_weak(key), last_modified=state.changed_at, build=build
    )


def _event_ics_body(request, calendar, slug, language):
    """(file name, bytes) of one event's calendar; 404 when not public."""
    events = calendar.events().filter(slug=slug)
    event = events.first()
    if event is None:
        raise Http404("No such event")
    name = str(localized(event, "title", language))
    header = ical.calendar_header(
        name=name,
        url=base_url.page_url(event),
        uid=f"event-{event.pk}-{language}-calendar@{base_url.host()}",
    )
    vevent = EventFeedFragment.objects.texts(
        VEVENT, language, [(event.pk, event.live_revision_id)]
    )[event.pk]
    body = "".join([header, vevent, ical.calendar_footer()])
    return f"{slugify(slug) or event.pk}.ics", body.encode()


def _weak(key):
    # Weak: two responses differ in DTSTAMP (the time each was sent) while
    # the calendar they carry is the same.
    return f'W/"{key}"'


def _ics_response(body, filename, *, inline):
    response = HttpResponse(ical.stamp(body, timezone.now()), content_type=CONTENT_TYPE)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


# --- Invalidation of what a revision id does not capture -------------------
def _forget_organization(sender, instance, **kwargs):
    EventFeedFragment.objects.filter(event__participations__organization=instance).delete()


def _forget_all(sender, **kwargs):
    EventFeedFragment.objects.all().delete()


def _forget_below(sender, instance, **kwargs):
    # A calendar's new slug, or a move, changes the URLs of the events below.
    EventFeedFragment.objects.filter(
        event__in=EventPage.objects.descendant_of(instance, inclusive=True)
    ).delete()


def _forget_image(sender, instance, **kwargs):
    # A new file or focal point gives new rendition URLs; a deleted image is
    # taken off its events (SET_NULL) without a new revision.
    EventFeedFragment.objects.filter(event__image=instance).delete()


def connect_signals():
    image_model = get_image_model()
    post_save.connect(_forget_image, sender=image_model, dispatch_uid="eventcal-frag-image")
    pre_delete.connect(_forget_image, sender=image_model, dispatch_uid="eventcal-frag-image-del")
    post_save.connect(_forget_organization, sender=Organization, dispatch_uid="eventcal-frag-org")
    post_save.connect(_forget_all, sender=Site, dispatch_uid="eventcal-frag-site")
    page_published.connect(_forget_below, sender=CalendarPage, dispatch_uid="eventcal-frag-pub")
    post_page_move.connect(_forget_below, dispatch_uid="eventcal-frag-move")

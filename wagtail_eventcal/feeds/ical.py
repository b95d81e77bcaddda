"""iCalendar rendering (RFC 5545) with the interop rules of DESIGN.md.

Each event is rendered once per published revision and language into a
VEVENT fragment (see :mod:`wagtail_eventcal.ical_feed`); a feed is a header,
one VTIMEZONE, the fragments joined, and a footer. All times are written in
the event time zone (``TZID=Asia/Tokyo``) with its VTIMEZONE; all-day events
are DATE values with an exclusive DTEND.
"""

from datetime import UTC, datetime, timedelta
from functools import cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.utils import translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vDuration, vUri

from ..bilingual import localized
from ..choices import EventFormat, Role
from ..conf import get_setting
from ..event_images import share_image
from ..models.pages import event_zone
from .plain_text import rich_text_to_plain

CRLF = "\r\n"
PRODID = "-//wagtail-eventcal//Event calendar//EN"
# DTSTAMP is the time the feed is sent (RFC 5545 §3.8.7.2, METHOD:PUBLISH),
# not a property of the event: stored fragments carry this placeholder and
# each response writes its own time over it (see stamp()).
STAMP_PLACEHOLDER = datetime(1970, 1, 1, tzinfo=UTC)
STAMP_PLACEHOLDER_LINE = b"DTSTAMP:19700101T000000Z"


def event_uid(event, language, domain):
    """Stable across edits and moves; one per language so that a visitor
    subscribed to both feeds gets two entries, not one that flips language."""
    return f"event-{event.pk}-{language}@{domain}"


def render_vevent(event, language, *, url, sequence):
    """The VEVENT of ``event`` in ``language`` as text (CRLF, folded).

    ``event`` is the live version (the page row, never a draft revision)
    with its participations prefetched.
    """
    with translation.override(language):
        title = localized(event, "title", language)
        summary = title.value
        if event.cancelled:
            summary = _("[Cancelled] %(title)s") % {"title": summary}
        location = location_text(event, language)
        component = Event.new(
            uid=event_uid(event, language, urlsplit(url).hostname or "localhost"),
            summary=summary,
            description=_description(event, language),
            location=location or None,
            url=url,
            categories=[str(event.get_category_display())],
            sequence=sequence,
            stamp=STAMP_PLACEHOLDER,
            created=event.first_published_at,
            last_modified=event.last_published_at,
            status="CANCELLED" if event.cancelled else "CONFIRMED",
            **_when(event),
        )
        # Text in the other language (an untranslated event in the English
        # feed) says so: calendar apps pick fonts and voices by LANGUAGE.
        texts = {
            "SUMMARY": title.language,
            "DESCRIPTION": _main_text_language(event, language),
            "LOCATION": localized(event, "venue_name", language).language,
        }
        for name, written_in in texts.items():
            if written_in != language and name in component:
                component[name].params["LANGUAGE"] = written_in
        organizer = _organizer(event, language)
        if organizer is not None:
            component.add("organizer", organizer)
        image = share_image(event, language)
        if image is not None:
            # RFC 7986 IMAGE (a link, not ATTACH's inline or fetched file):
            # calendar apps that know it show the picture beside the event.
            component.add(
                "image",
                vUri(image["url"]),
                parameters={"VALUE": "URI", "DISPLAY": "BADGE", "FMTTYPE": image["type"]},
            )
    return component.to_ical().decode()


def _when(event):
    if event.all_day:
        first, last = event.local_start.date(), event.local_end.date()
        return {"start": first, "end": last + timedelta(days=1)}
    return {"start": event.local_start, "end": event.local_end}


def location_text(event, language):
    parts = [
        str(localized(event, "venue_name", language)),
        str(localized(event, "address", language)),
    ]
    if event.event_format in (EventFormat.ONLINE, EventFormat.HYBRID):
        parts.append(_("Online"))
    return ", ".join(part for part in parts if part)


def _description(event, language):
    """Plain text: summary, description, organizers, fee, then the link."""
    blocks = [
        str(localized(event, "summary", language)),
        rich_text_to_plain(localized(event, "description", language).value),
    ]
    if event.cancelled:
        blocks.insert(0, _("This event has been cancelled."))
        blocks.insert(1, str(localized(event, "cancellation_note", language)))
    roles = event.participations_by_role()
    for role, label in Role.choices:
        names = [str(localized(org, "name", language)) for org in roles[role]]
        if names:
            blocks.append(f"{label}: {', '.join(names)}")
    fee = _("Free") if event.is_free else str(localized(event, "fee", language))
    blocks.append(f"{_('Fee')}: {fee}")
    blocks.append(f"{_('Details and application')}: {event.detail_url}")
    return "\n\n".join(block for block in blocks if block)


def _main_text_language(event, language):
    """The language of the description's own text (summary, else the long
    description): its labels are always in ``language``."""
    summary = localized(event, "summary", language)
    if summary:
        return summary.language
    return localized(event, "description", language).language


def _organizer(event, language):
    """``ORGANIZER;CN=<organizers>:mailto:<public address>`` — the event's
    contact address, else the first organizer's public one; without a
    public address, no ORGANIZER (it must be a calendar user address, and a
    web page is not one that calendar apps show)."""
    organizations = event.organizers()
    addresses = [event.contact_email, *(org.contact_email for org in organizations)]
    address = next((address for address in addresses if address), None)
    if address is None:
        return None
    organizer = vCalAddress(f"mailto:{address}")
    names = [localized(org, "name", language) for org in organizations]
    if names:
        organizer.params["CN"] = ", ".join(str(name) for name in names)
        if all(name.language != language for name in names):
            organizer.params["LANGUAGE"] = names[0].language
    return organizer


def calendar_header(*, name, url, uid):
    """From BEGIN:VCALENDAR to the VTIMEZONE included."""
    refresh = timedelta(minutes=get_setting("FEED_REFRESH_MINUTES"))
    calendar = Calendar.new(
        prodid=PRODID, name=name, url=url, uid=uid, refresh_interval=refresh, method="PUBLISH"
    )
    # RFC 7986 requires the VALUE parameter here; icalendar leaves it out.
    calendar["REFRESH-INTERVAL"].params["VALUE"] = "DURATION"
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-published-ttl", vDuration(refresh))
    calendar.add("x-wr-timezone", get_setting("TIME_ZONE"))
    text = calendar.to_ical().decode()
    # Calendar.to_ical() closes the calendar: keep the open part.
    return text.removesuffix(f"END:VCALENDAR{CRLF}") + vtimezone()


def stamp(body, now):
    """``body`` (bytes) with every DTSTAMP set to ``now``."""
    line = "DTSTAMP:" + now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return body.replace(STAMP_PLACEHOLDER_LINE, line.encode())


def calendar_footer():
    return f"END:VCALENDAR{CRLF}"


@cache
def _vtimezone(zone_name):
    # icalendar derives the VTIMEZONE from the TZIDs used by its events.
    calendar = Calendar.new()
    calendar.add_component(Event.new(start=datetime(2020, 1, 1, tzinfo=ZoneInfo(zone_name))))
    calendar.add_missing_timezones()
    return "".join(tz.to_ical().decode() for tz in calendar.timezones)


def vtimezone():
    """The VTIMEZONE of the event time zone (computed once per process)."""
    return _vtimezone(event_zone().key)

"""Links that add an event to, or subscribe a calendar in, other calendar
apps (pure functions of URLs and times; no network)."""

from datetime import UTC, timedelta
from urllib.parse import urlencode, urlsplit, urlunsplit

GOOGLE_EVENT = "https://calendar.google.com/calendar/render"
GOOGLE_SUBSCRIBE = "https://calendar.google.com/calendar/r"
OUTLOOK_EVENT = "https://outlook.live.com/calendar/0/deeplink/compose"
OUTLOOK_SUBSCRIBE = "https://outlook.live.com/calendar/0/addfromweb"


def webcal_url(url):
    """``https://host/feed.ics`` → ``webcal://host/feed.ics`` (opens the
    visitor's calendar app and subscribes)."""
    parts = urlsplit(url)
    return urlunsplit(("webcal", *parts[1:]))


def google_event_url(*, title, start, end, all_day, details, location, time_zone):
    if all_day:
        dates = f"{start.date():%Y%m%d}/{end.date() + timedelta(days=1):%Y%m%d}"
    else:
        dates = f"{start.astimezone(UTC):%Y%m%dT%H%M%SZ}/{end.astimezone(UTC):%Y%m%dT%H%M%SZ}"
    query = {
        "action": "TEMPLATE",
        "text": title,
        "dates": dates,
        "details": details,
        "location": location,
        "ctz": time_zone,
    }
    return f"{GOOGLE_EVENT}?{urlencode(query)}"


def outlook_event_url(*, title, start, end, all_day, details, location):
    if all_day:
        start_text = start.date().isoformat()
        end_text = (end.date() + timedelta(days=1)).isoformat()
    else:
        start_text, end_text = start.isoformat(), end.isoformat()
    query = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": title,
        "startdt": start_text,
        "enddt": end_text,
        "allday": "true" if all_day else "false",
        "body": details,
        "location": location,
    }
    return f"{OUTLOOK_EVENT}?{urlencode(query)}"


def google_subscribe_url(feed_url):
    return f"{GOOGLE_SUBSCRIBE}?{urlencode({'cid': webcal_url(feed_url)})}"


def outlook_subscribe_url(feed_url, name):
    return f"{OUTLOOK_SUBSCRIBE}?{urlencode({'url': feed_url, 'name': name})}"

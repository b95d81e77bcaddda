"""``.ics`` files into import rows (icalendar).

Each VEVENT is read on its own: whatever is broken in one (a DTSTART of
"Next Year", two DTSTARTs, a PERIOD, a duration of 99,999,999 days …)
becomes that row's error and the others still import.

Recurring VEVENTs (RRULE, RDATE, or an overridden occurrence with
RECURRENCE-ID) are refused with a message: the calendar lists one-off
events, and a series of dates recruiting over weeks is a programme that
the secretariat lists elsewhere (SPEC, posting rules). The submitter enters
each real date as its own event.
"""

import re
from datetime import date, datetime, time, timedelta

import icalendar
from django.utils.translation import gettext as _

from ..choices import EventFormat
from ..models.pages import event_zone
from .hints import guess_category
from .places import is_meeting_url, online_kind, prefecture_in, urls_in
from .readers import FileError, check_rows
from .rows import (
    SUMMARY_LENGTH,
    YEARS,
    ImportRow,
    import_key,
    offer_url,
    safely,
    text_to_rich_text,
)
from .zones import zone_of

_FREE = re.compile(
    r"参加費\s*[:：]?\s*無料|入場無料|参加無料|無料|free of charge|admission free", re.I
)
_VTIMEZONE = re.compile(rb"^BEGIN:VTIMEZONE\r?$.*?^END:VTIMEZONE\r?\n", re.M | re.S)
_HREF = re.compile(r"""href\s*=\s*["']?(https?://[^"'\s>]+)""", re.IGNORECASE)


def read_ics(data):
    """ImportRows of every VEVENT of an iCalendar file (line = its BEGIN line)."""
    try:
        events = _events(data)
    except Exception:
        # A VTIMEZONE icalendar cannot build (Outlook 365 writes empty ones;
        # two TZIDs …) stops the whole parse: without them, each TZID is
        # resolved by its name or flagged on its row.
        try:
            events = _events(_VTIMEZONE.sub(b"", data))
        except Exception as error:  # icalendar raises many kinds for a broken file
            raise FileError(
                _("The file is not readable iCalendar data (BEGIN:VCALENDAR … END:VCALENDAR).")
            ) from error
    check_rows(len(events))
    lines = _begin_lines(data)
    rows = []
    for n, event in enumerate(events):
        line = lines[n] if n < len(lines) else 0
        rows.append(safely(line, _reference(event), _row, event, line))
    return rows


def _events(data):
    # Several VCALENDARs in one file (concatenated exports) are read as one.
    calendars = icalendar.Calendar.from_ical(data, multiple=True)
    return [event for calendar in calendars for event in calendar.walk("VEVENT")]


def _begin_lines(data):
    text = data.decode("utf-8", errors="replace")
    return [
        n for n, line in enumerate(text.splitlines(), start=1) if line.strip() == "BEGIN:VEVENT"
    ]


def _text(event, name):
    value = event.get(name)
    if isinstance(value, list):  # the property appears more than once
        value = value[0] if value else None
    return str(value).strip() if value is not None else ""


def _reference(event):
    """The event as its file names it: UID and summary."""
    try:
        uid, summary = _text(event, "UID"), _text(event, "SUMMARY")
    except Exception:
        return "VEVENT"
    parts = [f"UID {uid[:60]}" if uid else "", f"「{summary[:60]}」" if summary else ""]
    return " ".join(p for p in parts if p) or "VEVENT"


def _moment(row, event, name):
    """``(aware datetime in JST, is_date)`` of a DATE or DATE-TIME property,
    or None with the row's error."""
    prop = event.get(name)
    if isinstance(prop, list):
        row.error(name, _("%(name)s appears more than once.") % {"name": name})
        return None
    raw = str(getattr(prop, "to_ical", lambda: b"")() or b"", "utf-8", "replace")[:80]
    try:
        value = prop.dt
    except Exception:
        value = None
    if isinstance(value, datetime):
        if not YEARS[0] <= value.year <= YEARS[1]:
            return _out_of_range(row, name, raw)
        if value.tzinfo is None:
            value = _localize(row, name, prop, value)
        return value.astimezone(event_zone()), False
    if isinstance(value, date):
        if not YEARS[0] <= value.year <= YEARS[1]:
            return _out_of_range(row, name, raw)
        return datetime.combine(value, time.min, tzinfo=event_zone()), True
    row.error(name, _("“%(value)s” is not a date or a date and time.") % {"value": raw})
    return None


def _out_of_range(row, name, raw):
    row.error(
        name,
        _("“%(value)s” is outside the years %(first)s–%(last)s.")
        % {"value": raw, "first": YEARS[0], "last": YEARS[1]},
    )


def _localize(row, name, prop, value):
    """A time without a known zone: floating times are Japan time; a TZID
    that neither the file nor the Windows/Exchange tables explain is read
    as its stated offset, or Japan time, and flagged."""
    tzid = prop.params.get("TZID") if hasattr(prop, "params") else None
    if not tzid:
        return value.replace(tzinfo=event_zone())
    zone, certain = zone_of(str(tzid))
    if not certain:
        row.warn(
            name,
            _("The time zone “%(tzid)s” is unknown: the time was read as %(zone)s. Check the time.")
            % {"tzid": str(tzid)[:80], "zone": zone.tzname(value) or "JST"},
        )
    return value.replace(tzinfo=zone)


def _times(row, event):
    if "DTSTART" not in event:
        row.error("DTSTART", _("The start date is required."))
        return
    start = _moment(row, event, "DTSTART")
    if start is None:
        return
    start, all_day = start
    if "DTEND" in event:
        end = _moment(row, event, "DTEND")
        if end is None:
            return
        end, end_is_date = end
        if all_day and end.date() >= start.date():
            # DTEND of a DATE event is the day after; DTEND = DTSTART
            # (written by some apps) is the same one day.
            last = max(end.date() - timedelta(days=1) if end_is_date else end.date(), start.date())
            end = datetime.combine(last, time(23, 59, 59), tzinfo=event_zone())
    elif all_day:
        end = datetime.combine(start.date(), time(23, 59, 59), tzinfo=event_zone())
    elif "DURATION" in event:
        try:
            end = start + event["DURATION"].dt
        except Exception:
            end = None
        if not isinstance(end, datetime) or not YEARS[0] <= end.year <= YEARS[1]:
            row.error("DURATION", _("The duration cannot be read or is far too long."))
            return
    else:
        end = start
    if end < start:
        row.error("DTEND", _("The end is before the start."))
    else:
        row.values.update(start=start, end=end, all_day=all_day)


def _is_recurring(event):
    """An RRULE or RDATE with a value (``RRULE:`` alone repeats nothing), or
    an overridden occurrence."""
    for name in ("RRULE", "RDATE"):
        values = event.get(name)
        values = values if isinstance(values, list) else [values]
        if any(_ical(value) for value in values if value is not None):
            return True
    return "RECURRENCE-ID" in event


def _ical(value):
    try:
        return value.to_ical().strip()
    except Exception:  # a broken value still says that the event repeats
        return b"?"


def _row(event, line):
    uid, title = _text(event, "UID"), _text(event, "SUMMARY")
    row = ImportRow(line=line, ref=_reference(event))
    if _is_recurring(event):
        row.error(
            "RRULE",
            _(
                "Recurring events are not imported: the calendar lists one-off events. "
                "Enter each date as its own event."
            ),
        )
    if not title:
        row.error("SUMMARY", _("The event name is required."))
    _times(row, event)
    if uid:
        row.key = import_key("ics", uid)
    else:
        start = row.values.get("start")
        row.key = import_key("ics", f"#{title}|{start.isoformat() if start else ''}")
        row.warn("UID", _("No UID: a re-import recognises this event only by its name and start."))
    description = _text(event, "DESCRIPTION")
    location = _text(event, "LOCATION")
    row.values.update(
        title=title[:255],
        summary_ja=description[:SUMMARY_LENGTH],
        description_ja=text_to_rich_text(description),
        venue_name_ja=location[:255],
    )
    _links(row, event, description, location)
    _place(row, location)
    category = guess_category(title, _text(event, "CATEGORIES"), description)
    if category:
        row.values["category"] = category
    if _FREE.search(description):
        row.values.update(is_free=True, fee_ja="")
    else:  # nothing said is not "free": the draft lacks its fee
        row.values.update(is_free=False, fee_ja="")
    if _text(event, "STATUS").upper() == "CANCELLED":
        row.values["cancelled"] = True
    organizer = event.get("ORGANIZER")
    if organizer is not None and not isinstance(organizer, list) and organizer.params.get("CN"):
        row.organizer_names = [str(organizer.params["CN"])]
    return row


def _links(row, event, description, location):
    """The detail page: URL, else the first address in DESCRIPTION, ATTACH
    or X-ALT-DESC that is not a meeting link; meeting links join online."""
    offer_url(row, "URL", _text(event, "URL"))
    attachments = event.get("ATTACH") or []
    if not isinstance(attachments, list):
        attachments = [attachments]
    found = [("LOCATION", url) for url in urls_in(location)] + [
        ("DESCRIPTION", url) for url in urls_in(description)
    ]
    found += [("ATTACH", str(a)) for a in attachments if str(a).startswith(("http://", "https://"))]
    found += [("X-ALT-DESC", url) for url in _HREF.findall(_text(event, "X-ALT-DESC"))]
    for column, url in found:
        if is_meeting_url(url):
            offer_url(row, column, url, field_name="online_url")
        elif column != "LOCATION":
            offer_url(row, column, url)


def _place(row, location):
    kind = online_kind(location)
    prefecture = prefecture_in(location)
    if kind:
        row.values["event_format"] = EventFormat.HYBRID if kind == "hybrid" else EventFormat.ONLINE
        if not row.values.get("online_url") and row.values.get("detail_url"):
            # The detail page tells participants how to join.
            row.values["online_url"] = row.values["detail_url"]
        if kind == "online":
            prefecture = "online"
    if prefecture:
        row.values["prefecture"] = prefecture
        if prefecture != "online":
            row.values["address_ja"] = location[:255]

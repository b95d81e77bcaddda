"""``.ics`` files into import rows (icalendar).

Recurring VEVENTs (RRULE, RDATE, or an overridden occurrence with
RECURRENCE-ID) are refused with a message: the calendar lists one-off
events, and a series of dates recruiting over weeks is a programme that
the secretariat lists elsewhere (SPEC, posting rules). The submitter enters
each real date as its own event.
"""

from datetime import date, datetime, time

import icalendar
from django.utils.translation import gettext as _

from ..models.pages import event_zone
from .columns import prefecture_from_text
from .readers import FileError, check_rows, check_size
from .rows import SUMMARY_LENGTH, ImportRow, check_url, text_to_rich_text


def read_ics(data):
    """ImportRows of every VEVENT of an iCalendar file (line = its BEGIN line)."""
    check_size(data)
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except ValueError as error:
        raise FileError(
            _("The file is not iCalendar data: %(error)s") % {"error": error}
        ) from error
    events = list(calendar.walk("VEVENT"))
    check_rows(len(events))
    lines = _begin_lines(data)
    return [_row(event, lines[n] if n < len(lines) else 0) for n, event in enumerate(events)]


def _begin_lines(data):
    text = data.decode("utf-8", errors="replace")
    return [
        n for n, line in enumerate(text.splitlines(), start=1) if line.strip() == "BEGIN:VEVENT"
    ]


def _text(event, name):
    value = event.get(name)
    return str(value).strip() if value is not None else ""


def _moment(value):
    """A DATE or DATE-TIME property value as (aware datetime, is_date)."""
    value = value.dt
    if isinstance(value, datetime):
        if value.tzinfo is None:  # floating time: taken as Japan time
            value = value.replace(tzinfo=event_zone())
        return value.astimezone(event_zone()), False
    return datetime.combine(value, time.min, tzinfo=event_zone()), True


def _row(event, line):
    row = ImportRow(line=line)
    uid = _text(event, "UID")
    row.key = f"ics:{uid}" if uid else ""
    if not uid:
        row.error("UID", _("The event has no UID, so a re-import could not find it."))
    if any(name in event for name in ("RRULE", "RDATE", "RECURRENCE-ID")):
        row.error(
            "RRULE",
            _(
                "Recurring events are not imported: the calendar lists one-off events. "
                "Enter each date as its own event."
            ),
        )
    title = _text(event, "SUMMARY")
    if not title:
        row.error("SUMMARY", _("The event name is required."))
    description = _text(event, "DESCRIPTION")
    location = _text(event, "LOCATION")
    row.values.update(
        title=title[:255],
        summary_ja=description[:SUMMARY_LENGTH],
        description_ja=text_to_rich_text(description),
        venue_name_ja=location[:255],
    )
    prefecture = prefecture_from_text(location)
    if prefecture:
        row.values.update(prefecture=prefecture, address_ja=location[:255])
    if "DTSTART" not in event:
        row.error("DTSTART", _("The start date is required."))
    else:
        start, all_day = _moment(event["DTSTART"])
        if "DTEND" in event:
            end, _is_date = _moment(event["DTEND"])
            if all_day:  # DTEND of a DATE event is the day after
                end = datetime.combine(
                    date.fromordinal(end.date().toordinal() - 1),
                    time(23, 59, 59),
                    tzinfo=event_zone(),
                )
        elif all_day:
            end = datetime.combine(start.date(), time(23, 59, 59), tzinfo=event_zone())
        else:
            end = start + event.duration if "DURATION" in event else start
        if end < start:
            row.error("DTEND", _("The end is before the start."))
        else:
            row.values.update(start=start, end=end, all_day=all_day)
    check_url(row, "URL", _text(event, "URL"))
    if _text(event, "STATUS").upper() == "CANCELLED":
        row.values["cancelled"] = True
    organizer = event.get("ORGANIZER")
    if organizer is not None and organizer.params.get("CN"):
        row.organizer_names = [str(organizer.params["CN"])]
    return row

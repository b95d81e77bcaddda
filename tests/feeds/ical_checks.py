"""Interop checks every iCalendar response must pass (shared by the tests)."""

import icalendar
import vobject
from ical.calendar_stream import IcsCalendarStream


def check_interop(body: bytes):
    """Parse ``body`` with three parsers and check the wire format; return
    the icalendar Calendar."""
    assert body.endswith(b"\r\n")
    lines = body.split(b"\r\n")[:-1]
    for line in lines:
        assert b"\n" not in line and b"\r" not in line, line
        assert len(line) <= 75, (len(line), line)
    text = body.decode("utf-8")  # also proves valid UTF-8 after folding

    calendar = icalendar.Calendar.from_ical(text)
    used, defined = calendar.get_used_tzids(), {tz["TZID"] for tz in calendar.timezones}
    assert used <= defined, used - defined
    assert not calendar.get_missing_tzids()

    summaries = [str(event["SUMMARY"]) for event in calendar.events]

    # Round trip through the strict parser: parse, write, parse again.
    strict = IcsCalendarStream.calendar_from_ics(text)  # raises on invalid input
    assert [event.summary for event in strict.events] == summaries
    again = IcsCalendarStream.calendar_from_ics(IcsCalendarStream.calendar_to_ics(strict))
    assert [(e.uid, e.summary, e.dtstart) for e in again.events] == [
        (e.uid, e.summary, e.dtstart) for e in strict.events
    ]

    parsed = vobject.readOne(text)
    assert [event.summary.value for event in getattr(parsed, "vevent_list", [])] == summaries
    assert vobject.readOne(parsed.serialize()).serialize() == parsed.serialize()
    return calendar

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

    strict = IcsCalendarStream.calendar_from_ics(text)  # raises on invalid input
    assert len(strict.events) == len(calendar.events)
    parsed = vobject.readOne(text)
    assert len(getattr(parsed, "vevent_list", [])) == len(calendar.events)
    return calendar

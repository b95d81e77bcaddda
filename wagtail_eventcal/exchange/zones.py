"""The time zone a TZID names when icalendar could not tell.

icalendar already resolves IANA names, the Windows names of its CLDR table
("Tokyo Standard Time") and any zone the file defines in a VTIMEZONE. What
is left are Exchange display names written without a VTIMEZONE, e.g.
"(UTC+09:00) Osaka, Sapporo, Tokyo": their offset is taken, which is exact
for zones without daylight saving time (Japan's) and may be an hour off for
others — so only +09:00 and UTC count as certain.
"""

import re
import zoneinfo
from datetime import timedelta, timezone

from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from ..models.pages import event_zone

_DISPLAY = re.compile(r"^\(\s*(?:UTC|GMT)\s*(?:([+-])(\d{1,2}):?(\d{2}))?\s*\)")
_CERTAIN_OFFSETS = {timedelta(0), timedelta(hours=9)}


def zone_of(tzid):
    """``(tzinfo, certain)`` for a TZID; Japan time, uncertain, when nothing
    in the name says otherwise."""
    name = tzid.strip().strip('"').strip("/")
    for candidate in (name, WINDOWS_TO_OLSON.get(name)):
        if candidate:
            try:
                return zoneinfo.ZoneInfo(candidate), True
            except Exception:  # not a zone name (ZoneInfo raises several kinds)
                pass
    match = _DISPLAY.match(name)
    if match:
        offset = timedelta(0)
        if match[1]:
            offset = timedelta(hours=int(match[2]), minutes=int(match[3]))
            offset = -offset if match[1] == "-" else offset
        if abs(offset) < timedelta(hours=24):
            return timezone(offset), offset in _CERTAIN_OFFSETS
    return event_zone(), False

"""One way to write a date or a time of day in each language (issue 14, 9).

Every screen, mail and feed text of the plugin writes dates through
:func:`format_date` / :func:`format_datetime` (templates: the ``eventcal_date``
and ``eventcal_datetime`` filters of ``eventcal_tags``), so the reviewer's
table no longer mixes Django's ``DATETIME_FORMAT`` ("Nov. 15, 2026, 8:48
a.m.") with its ``SHORT_DATE_FORMAT`` ("11/18/2026"). The patterns are
gettext strings, so each language's comes from its catalogue:

- English: ``15 Nov 2026``, ``15 Nov 2026, 08:48`` and ``08:48``
- Japanese: ``2026年11月15日``, ``2026年11月15日 8:48`` and ``8:48``

Times are written in the events' zone (JST), whoever is looking.
CSV files keep their one sortable ``2026-11-15 08:48`` (see ``exports``):
they are data for spreadsheets, not a screen.
"""

import datetime
from zoneinfo import ZoneInfo

from django.utils import dateformat, timezone
from django.utils.translation import pgettext

from .conf import get_setting


def date_pattern():
    # Translators: a Django date format (https://docs.djangoproject.com/en/stable/ref/templates/builtins/#date).
    return pgettext("date format", "j M Y")


def datetime_pattern():
    # Translators: a Django date format for a date and a time of day.
    return pgettext("date format", "j M Y, H:i")


def time_pattern():
    # Translators: a Django time format for a time of day alone.
    return pgettext("date format", "H:i")


def in_event_zone(value):
    """An aware datetime in the events' zone; dates and naive values as they are."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value, ZoneInfo(get_setting("TIME_ZONE")))
    return value


def format_date(value):
    """``value`` (a date or datetime) as a date in the active language; "" for None."""
    if value in (None, ""):
        return ""
    return dateformat.format(in_event_zone(value), date_pattern())


def format_datetime(value):
    """``value`` as a date and time (JST) in the active language; a plain
    date is written as a date; "" for None."""
    if value in (None, ""):
        return ""
    if not isinstance(value, datetime.datetime):
        return format_date(value)
    return dateformat.format(in_event_zone(value), datetime_pattern())


def format_time(value):
    """The time of day of ``value`` (JST) in the active language; "" for None."""
    if value in (None, ""):
        return ""
    return dateformat.time_format(in_event_zone(value), time_pattern())

"""Japanese business-day arithmetic for the review clock.

A business day is Monday to Friday, not a national holiday (substitute and
citizens' holidays included — ``jpholiday`` follows the Act on National
Holidays) and not in the closure of administrative organs from 29 December to
3 January (Act on Holidays of Administrative Organs, which jpholiday does not
know), nor an extra closure date from the ``EXTRA_CLOSURE_DATES`` setting.

jpholiday computes holidays from the Act's rules for any year (the equinoxes
astronomically, ±1 day: the official dates are announced each February for
the next year). Should it fail for a year (a release limited to the years it
tabulates, a date it refuses), the calendar keeps working without that
year's national holidays and says so once in the log: closures the Cabinet
Office announces later go in ``EXTRA_CLOSURE_DATES``.

Everything here is a pure function of its arguments; ``extra_closures``
defaults to the setting so that callers need not pass it.
"""

import logging
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import jpholiday

from ..conf import get_setting

logger = logging.getLogger(__name__)


def extra_closure_dates():
    """The ``EXTRA_CLOSURE_DATES`` setting as a set of dates."""
    return {
        value if isinstance(value, date) else date.fromisoformat(value)
        for value in get_setting("EXTRA_CLOSURE_DATES")
    }


#: Years whose holidays jpholiday could not tell (logged once each per process).
unknown_holiday_years = set()


def national_holiday_name(day):
    """jpholiday's (Japanese) name of the national holiday on ``day``, or None."""
    try:
        return jpholiday.is_holiday_name(day)
    except Exception as error:  # any failure of the data source: see the module docstring
        if day.year not in unknown_holiday_years:
            unknown_holiday_years.add(day.year)
            logger.warning(
                "jpholiday cannot tell the national holidays of %s (%r): that year counts "
                "weekends, 29 Dec - 3 Jan and EVENTCAL_EXTRA_CLOSURE_DATES only.",
                day.year,
                error,
            )
        return None


def is_year_end_closure(day):
    return (day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3)


def is_business_day(day, *, extra_closures=None):
    if extra_closures is None:
        extra_closures = extra_closure_dates()
    return not (
        day.weekday() >= 5
        or is_year_end_closure(day)
        or national_holiday_name(day) is not None
        or day in extra_closures
    )


def add_business_days(day, n, *, extra_closures=None):
    """The ``n``-th business day after ``day`` (``day`` itself when n is 0)."""
    if n < 0:
        raise ValueError("n must not be negative")
    if extra_closures is None:
        extra_closures = extra_closure_dates()
    while n:
        day += timedelta(days=1)
        if is_business_day(day, extra_closures=extra_closures):
            n -= 1
    return day


def business_days_between(start, end, *, extra_closures=None):
    """How many business days pass from ``start`` to ``end``: those after
    ``start`` up to and including ``end`` (0 when end is not after start)."""
    if extra_closures is None:
        extra_closures = extra_closure_dates()
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if is_business_day(day, extra_closures=extra_closures):
            count += 1
    return count


def local_date(moment: datetime) -> date:
    """The date of an aware datetime in the events' time zone (JST)."""
    return moment.astimezone(ZoneInfo(get_setting("TIME_ZONE"))).date()


def due_date(received_at: datetime, business_days=None, *, extra_closures=None) -> date:
    """The date by which a submission received at ``received_at`` should be
    decided: ``REVIEW_BUSINESS_DAYS`` business days after the date of receipt
    in JST (the clock starts on the first business day after receipt)."""
    if business_days is None:
        business_days = get_setting("REVIEW_BUSINESS_DAYS")
    return add_business_days(local_date(received_at), business_days, extra_closures=extra_closures)

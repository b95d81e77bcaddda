"""The month grid as pure data: weeks of days, each with the events it covers."""

import calendar
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cached_property

from ..rules.holidays import day_off_name


@dataclass
class Day:
    date: date
    in_month: bool
    is_today: bool
    events: list = field(default_factory=list)
    # Events of this day beyond the cell's limit (shown on the day view).
    more: int = 0

    @property
    def is_weekend(self):
        return self.date.weekday() >= 5

    @cached_property
    def day_off(self):
        """The national holiday's (or year-end closure's) name, or None."""
        return day_off_name(self.date)


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @classmethod
    def containing(cls, day):
        return cls(day.year, day.month)

    @property
    def first_day(self):
        return date(self.year, self.month, 1)

    @property
    def last_day(self):
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def previous(self):
        return Month(self.year - 1, 12) if self.month == 1 else Month(self.year, self.month - 1)

    def next(self):
        return Month(self.year + 1, 1) if self.month == 12 else Month(self.year, self.month + 1)

    def own_bounds(self, zone):
        """[start, end) of the month itself (its first to its last day)."""
        return (
            datetime.combine(self.first_day, time.min, tzinfo=zone),
            datetime.combine(self.last_day + timedelta(days=1), time.min, tzinfo=zone),
        )

    def bounds(self, zone):
        """[start, end) of the visible weeks as aware datetimes in ``zone``."""
        first, last = visible_range(self)
        return (
            datetime.combine(first, time.min, tzinfo=zone),
            datetime.combine(last + timedelta(days=1), time.min, tzinfo=zone),
        )

    def slug(self):
        return f"{self.year:04d}-{self.month:02d}"


# Weeks start on Sunday, as on Japanese calendars.
FIRST_WEEKDAY = calendar.SUNDAY


def visible_range(month):
    """First and last date shown in the grid (whole weeks around the month)."""
    cal = calendar.Calendar(FIRST_WEEKDAY)
    weeks = cal.monthdatescalendar(month.year, month.month)
    return weeks[0][0], weeks[-1][-1]


def month_weeks(month, events, today, dates_of=lambda event: event.covered_dates()):
    """Lay ``events`` out on the weeks of ``month``.

    An event appears on every visible day it covers (multi-day and
    multi-month events included), in the order given.
    """
    cal = calendar.Calendar(FIRST_WEEKDAY)
    weeks = [
        [Day(d, d.month == month.month, d == today) for d in week]
        for week in cal.monthdatescalendar(month.year, month.month)
    ]
    by_date = {day.date: day for week in weeks for day in week}
    for event in events:
        for covered in dates_of(event):
            if covered in by_date:
                by_date[covered].events.append(event)
    return weeks


def covered_dates(start, end, zone):
    """The local dates in ``zone`` from ``start`` to ``end``, both included."""
    first, last = start.astimezone(zone).date(), end.astimezone(zone).date()
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def limit_days(weeks, limit):
    """Keep at most ``limit`` events in each day cell, counting the rest in
    ``Day.more``: a busy month stays a light page (issue 17)."""
    for week in weeks:
        for day in week:
            day.more = max(len(day.events) - limit, 0)
            del day.events[limit:]
    return weeks


def weekday_names():
    """Weekday indexes (Mon=0) in grid order, for translated headers."""
    return [(FIRST_WEEKDAY + i) % 7 for i in range(7)]

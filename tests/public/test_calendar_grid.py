from datetime import date, timedelta

from wagtail_eventcal.public.grid import Month, month_weeks, visible_range, weekday_names


class FakeEvent:
    def __init__(self, name, first, last):
        self.name, self.first, self.last = name, first, last

    def covered_dates(self):
        return [self.first + timedelta(days=n) for n in range((self.last - self.first).days + 1)]


def days_with(weeks, name):
    return [d.date for week in weeks for d in week if any(e.name == name for e in d.events)]


def test_weeks_start_on_sunday_and_cover_whole_weeks():
    first, last = visible_range(Month(2026, 11))
    assert first == date(2026, 11, 1)  # a Sunday
    assert first.weekday() == 6 and last.weekday() == 5
    assert weekday_names()[0] == 6  # Sunday first


def test_multi_day_event_appears_on_every_day_it_covers():
    event = FakeEvent("fair", date(2026, 11, 27), date(2026, 11, 29))
    weeks = month_weeks(Month(2026, 11), [event], today=date(2026, 11, 26))
    assert days_with(weeks, "fair") == [date(2026, 11, 27), date(2026, 11, 28), date(2026, 11, 29)]


def test_event_spanning_months_appears_in_both_months():
    event = FakeEvent("long", date(2026, 11, 30), date(2026, 12, 2))
    nov = month_weeks(Month(2026, 11), [event], today=date(2026, 1, 1))
    dec = month_weeks(Month(2026, 12), [event], today=date(2026, 1, 1))
    # November's grid shows the first days of December in its last week too.
    assert date(2026, 11, 30) in days_with(nov, "long")
    assert days_with(dec, "long")[-1] == date(2026, 12, 2)
    assert date(2026, 11, 30) in days_with(dec, "long")  # leading days of the grid


def test_event_longer_than_the_grid_fills_every_visible_day():
    event = FakeEvent("programme", date(2026, 1, 1), date(2026, 12, 31))
    weeks = month_weeks(Month(2026, 2), [event], today=date(2026, 2, 1))
    assert len(days_with(weeks, "programme")) == sum(len(w) for w in weeks)


def test_today_and_outside_days_are_flagged():
    weeks = month_weeks(Month(2026, 12), [], today=date(2026, 12, 24))
    flat = [d for w in weeks for d in w]
    assert [d.date for d in flat if d.is_today] == [date(2026, 12, 24)]
    assert all(not d.in_month for d in flat if d.date.month != 12)


def test_month_navigation_wraps_years():
    assert Month(2026, 12).next() == Month(2027, 1)
    assert Month(2027, 1).previous() == Month(2026, 12)
    assert Month(2027, 1).slug() == "2027-01"

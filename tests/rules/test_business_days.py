"""Business-day arithmetic against the Cabinet Office holiday list."""

import csv
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from django.test import override_settings

from tests.factories import jst
from wagtail_eventcal.rules.business_days import (
    add_business_days,
    business_days_between,
    due_date,
    is_business_day,
    local_date,
)

DATA = Path(__file__).parent / "data" / "syukujitsu_2025_2027.csv"


def cabinet_office_holidays():
    with DATA.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))[1:]
    return {datetime.strptime(day, "%Y/%m/%d").date(): name for day, name in rows}


HOLIDAYS = cabinet_office_holidays()


def test_the_data_covers_three_full_years():
    assert {d.year for d in HOLIDAYS} == {2025, 2026, 2027}
    assert len(HOLIDAYS) == 54


def test_every_day_2025_2027_matches_the_cabinet_office_list():
    day = date(2025, 1, 1)
    mismatches = []
    while day.year < 2028:
        expected = not (
            day.weekday() >= 5
            or day in HOLIDAYS
            or (day.month, day.day) >= (12, 29)
            or (day.month, day.day) <= (1, 3)
        )
        if is_business_day(day) != expected:
            mismatches.append(day)
        day += timedelta(days=1)
    assert mismatches == []


@pytest.mark.parametrize(
    ("day", "kind"),
    [
        (date(2025, 2, 24), "substitute holiday"),
        (date(2025, 11, 24), "substitute holiday"),
        (date(2026, 5, 6), "substitute holiday"),
        (date(2026, 9, 22), "citizens' holiday"),
        (date(2027, 3, 22), "substitute holiday"),
    ],
)
def test_weekday_holidays_that_are_not_named_days(day, kind):
    assert day.weekday() < 5
    assert HOLIDAYS[day] == "休日", kind
    assert not is_business_day(day)


def test_golden_week_2026():
    # Wed 29 Apr is Shōwa Day; Sun 3 May falls on a Sunday, so Wed 6 May is off.
    assert add_business_days(date(2026, 4, 28), 1) == date(2026, 4, 30)
    assert add_business_days(date(2026, 5, 1), 1) == date(2026, 5, 7)
    assert add_business_days(date(2026, 5, 1), 3) == date(2026, 5, 11)
    assert business_days_between(date(2026, 5, 1), date(2026, 5, 8)) == 2


def test_year_end_closure():
    for day in (date(2025, 12, 29), date(2025, 12, 31), date(2026, 1, 2), date(2027, 1, 3)):
        assert not is_business_day(day), day
    # Received on Friday 25 Dec 2026: Mon 28 Dec, then 4, 5 Jan 2027.
    assert add_business_days(date(2026, 12, 25), 3) == date(2027, 1, 5)
    assert business_days_between(date(2026, 12, 25), date(2027, 1, 5)) == 3


def test_extra_closure_dates_setting():
    assert is_business_day(date(2026, 12, 1))
    with override_settings(EVENTCAL_EXTRA_CLOSURE_DATES=["2026-12-01", date(2026, 12, 2)]):
        assert not is_business_day(date(2026, 12, 1))
        assert add_business_days(date(2026, 11, 30), 1) == date(2026, 12, 3)
    assert is_business_day(date(2026, 12, 1), extra_closures=set())


def test_add_and_between_are_inverse():
    start = date(2025, 1, 1)
    for n in range(0, 40):
        assert business_days_between(start, add_business_days(start, n)) == n


def test_between_is_zero_backwards_and_n_must_be_positive():
    assert business_days_between(date(2026, 12, 10), date(2026, 12, 1)) == 0
    with pytest.raises(ValueError):
        add_business_days(date(2026, 12, 1), -1)


def test_friday_night_in_japan_is_still_friday():
    # 23:30 JST on Friday 27 Nov 2026 is 14:30 UTC the same day.
    friday_night = jst(2026, 11, 27, 23, 30)
    assert local_date(friday_night) == date(2026, 11, 27)
    assert due_date(friday_night) == date(2026, 12, 2)
    # 00:30 JST on Saturday is still Friday in UTC, but the receipt date is Saturday:
    saturday = datetime(2026, 11, 27, 15, 30, tzinfo=UTC)
    assert local_date(saturday) == date(2026, 11, 28)
    assert due_date(saturday) == date(2026, 12, 2)
    # Received on a Wednesday: Thu, Fri, Mon.
    assert due_date(jst(2026, 11, 25, 9, 0)) == date(2026, 11, 30)


def test_due_date_follows_the_setting():
    with override_settings(EVENTCAL_REVIEW_BUSINESS_DAYS=5):
        assert due_date(jst(2026, 11, 25, 9, 0)) == date(2026, 12, 2)


def test_five_years_out_the_act_still_counts():
    # 2031 is past every list the Cabinet Office has published: the days
    # come from the Act's rules. Golden Week: Tue 29 Apr Shōwa Day; Sun 4 May
    # gives a substitute holiday on Tue 6 May.
    assert add_business_days(date(2031, 4, 28), 1) == date(2031, 4, 30)
    assert add_business_days(date(2031, 5, 2), 1) == date(2031, 5, 7)
    # Vernal Equinox Day, Fri 21 Mar 2031 (the observatory's prediction).
    assert not is_business_day(date(2031, 3, 21))
    # Received Fri 26 Dec 2031: the closure, Sun 4 Jan, then Mon 5 – Wed 7 Jan
    # 2032 (Coming of Age Day is Mon 12 Jan).
    assert due_date(jst(2031, 12, 26, 10, 0)) == date(2032, 1, 7)


def test_a_year_the_holiday_data_cannot_tell_still_counts(monkeypatch, caplog):
    import jpholiday

    from wagtail_eventcal.rules import business_days
    from wagtail_eventcal.rules.holidays import day_off_name

    known = jpholiday.is_holiday_name

    def limited(day):
        if day.year >= 2031:
            raise ValueError(f"{day.year} is not supported")
        return known(day)

    monkeypatch.setattr(jpholiday, "is_holiday_name", limited)
    monkeypatch.setattr(business_days, "unknown_holiday_years", set())
    with caplog.at_level("WARNING", logger=business_days.__name__):
        # Weekends and the 29 Dec – 3 Jan closure still hold; holidays of
        # 2031 are not known (Tue 6 May counts), those of 2030 are.
        assert add_business_days(date(2031, 5, 2), 1) == date(2031, 5, 5)
        assert due_date(jst(2031, 12, 26, 10, 0)) == date(2032, 1, 7)
        assert not is_business_day(date(2030, 5, 6))  # substitute holiday
        assert day_off_name(date(2031, 5, 5)) is None
        assert str(day_off_name(date(2031, 12, 31))) == "年末年始休業"
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert [w.split(" (")[0] for w in warnings] == [
        "jpholiday cannot tell the national holidays of 2031",
        "jpholiday cannot tell the national holidays of 2032",
    ]
    assert "EVENTCAL_EXTRA_CLOSURE_DATES" in warnings[0]

"""A light month view (issue 17 item 1): at most MONTH_EVENTS_PER_DAY events
in a day cell, "+N more" to a real, filterable, paginated day view, and a
month of 1,000 events under 150 KB in both languages."""

import re
from datetime import datetime, time, timedelta

import pytest
from django.test import override_settings
from django.utils.html import strip_tags

from benchmarks.seed import make_organizations, seed_events
from tests.factories import jst, make_event
from wagtail_eventcal.feeds import publication
from wagtail_eventcal.models import EventPage
from wagtail_eventcal.models.pages import event_zone
from wagtail_eventcal.public.grid import Month

pytestmark = pytest.mark.django_db
MAX_MONTH_BYTES = 150 * 1024


@pytest.fixture
def now(time_machine):
    time_machine.move_to(jst(2026, 11, 20, 9, 0))


def html(response):
    return response.content.decode()


def title(response):
    found = re.search(r"<title>(.*?)</title>", html(response), re.S).group(1)
    return " ".join(strip_tags(found).split())


def busy_day(calendar, count=5, **fields):
    return [
        make_event(calendar, title_en=f"Talk {n}", start=jst(2026, 12, 1, 9 + n, 0), **fields)
        for n in range(count)
    ]


def test_a_busy_day_shows_three_events_and_a_link_to_the_others(client, calendar, now):
    events = busy_day(calendar)
    page = html(client.get("/en/events/month/2026-12/"))
    for event in events[:3]:
        assert f'href="/en/events/{event.slug}/"' in page
    for event in events[3:]:
        assert f'href="/en/events/{event.slug}/"' not in page
    link = re.search(r'<a class="eventcal-grid__more" href="([^"]+)">(.*?)</a>', page)
    assert link.group(1) == "/en/events/day/2026-12-01/"
    # The visible "+2 more"; the accessible name also says which day.
    assert re.sub(r"<span[^>]*>.*?</span>", "", link.group(2)) == "+2 more"
    assert strip_tags(link.group(2)) == "+2 more events on 1 December"
    assert "5 events this month" in page


def test_the_link_speaks_japanese(client, calendar, now):
    busy_day(calendar, count=4)
    page = html(client.get("/ja/events/month/2026-12/?category=seminar"))
    link = re.search(r'<a class="eventcal-grid__more" href="([^"]+)">(.*?)</a>', page)
    assert link.group(1) == "/ja/events/day/2026-12-01/?category=seminar"
    assert re.sub(r"<span[^>]*>.*?</span>", "", link.group(2)) == "他1件"
    assert strip_tags(link.group(2)) == "12月1日の他1件のイベント"


@override_settings(EVENTCAL_MONTH_EVENTS_PER_DAY=1)
def test_the_limit_is_a_setting(client, calendar, now):
    busy_day(calendar, count=2)
    page = html(client.get("/en/events/month/2026-12/"))
    assert page.count("Talk ") == 1
    assert "+1 more" in page


def test_no_link_when_a_day_fits(client, calendar, now):
    busy_day(calendar, count=3)
    page = html(client.get("/en/events/month/2026-12/"))
    assert page.count("Talk ") == 3
    assert "eventcal-grid__more" not in page


def test_the_day_view_lists_that_days_events_only(client, calendar, now):
    events = busy_day(calendar)
    two_days = make_event(
        calendar, title_en="Two days", start=jst(2026, 11, 30, 10), end=jst(2026, 12, 1, 17)
    )
    make_event(calendar, title_en="Next day", start=jst(2026, 12, 2, 0, 0))
    make_event(calendar, title_en="Day before", start=jst(2026, 11, 30, 10))
    response = client.get("/en/events/day/2026-12-01/")
    assert response.status_code == 200
    page = html(response)
    assert title(response) == "Events on 1 December 2026 — Event calendar"
    names = re.findall(r"(Talk \d|Two days|Next day|Day before)</", page)
    assert names == ["Two days", *(f"Talk {n}" for n in range(5))]
    assert len(events) == 5 and "(6 events)" in page
    assert 'href="/en/events/month/2026-12/">Back to December 2026</a>' in page
    assert 'href="/en/events/day/2026-11-30/" rel="prev"' in page
    assert 'href="/en/events/day/2026-12-02/" rel="next"' in page
    assert two_days.slug in page


def test_the_day_view_in_japanese(client, calendar, now):
    busy_day(calendar, count=1)
    response = client.get("/ja/events/day/2026-12-01/")
    assert title(response) == "2026年12月1日のイベント — イベントカレンダー"
    assert "2026年12月に戻る" in html(response)
    empty = client.get("/ja/events/day/2026-12-24/")
    assert empty.status_code == 200
    assert "この日のイベントはありません。" in html(empty)


@override_settings(EVENTCAL_PAGE_SIZE=2)
def test_the_day_view_is_filtered_and_paginated(client, calendar, now):
    busy_day(calendar, count=3, category="seminar")
    busy_day(calendar, count=2, category="job_fair")
    response = client.get("/en/events/day/2026-12-01/?category=seminar&page=2")
    page = html(response)
    assert title(response) == "Seminar — Events on 1 December 2026 — page 2 — Event calendar"
    assert "(3 events)" in page
    assert len(re.findall(r'<article class="eventcal-card', page)) == 1
    assert 'href="?category=seminar&amp;page=1"' in page
    assert 'href="/en/events/month/2026-12/?category=seminar">' in page
    # Invalid filters: 400 with the form's errors, as on the other views.
    bad = client.get("/en/events/day/2026-12-01/?category=nonsense")
    assert bad.status_code == 400
    assert title(bad).startswith("Error: please correct the filters")


@pytest.mark.parametrize(
    "path", ["day/2026-02-31/", "day/2026-13-01/", "day/0000-01-01/", "day/2026-1-1/"]
)
@pytest.mark.parametrize("language,words", [("en", "not found"), ("ja", "見つかりません")])
def test_impossible_days_are_404_in_the_visitors_language(
    client, calendar, now, path, language, words
):
    response = client.get(f"/{language}/events/{path}")
    assert response.status_code == 404
    assert words in html(response)


def test_day_pages_are_not_in_the_sitemap(client, calendar, now):
    busy_day(calendar)
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/events/" in sitemap and "/day/" not in sitemap


def month_of(calendar, count, month):
    """``count`` live events, all in ``month``, seeded in bulk."""
    pks = seed_events(calendar, count, month=month, organizations=make_organizations(count=12))
    zone = event_zone()
    events = list(EventPage.objects.filter(pk__in=pks))
    for n, event in enumerate(events):
        day = month.first_day + timedelta(days=n % month.last_day.day)
        event.start = datetime.combine(day, time(9 + n % 9, 0), tzinfo=zone)
        event.end = event.start + timedelta(hours=2)
    EventPage.objects.bulk_update(events, ["start", "end"], batch_size=500)
    publication.bump()


@pytest.mark.parametrize("language", ["ja", "en"])
def test_a_month_of_1000_events_stays_under_150_kb(client, calendar, now, language):
    month_of(calendar, 1000, Month(2026, 12))
    response = client.get(f"/{language}/events/month/2026-12/")
    assert response.status_code == 200
    assert "1000" in html(response) or "1,000" in html(response)
    assert len(response.content) < MAX_MONTH_BYTES, len(response.content)
    # Every day carries its "+N more" (1,000 events over 31 days).
    assert html(response).count('class="eventcal-grid__more"') == 31

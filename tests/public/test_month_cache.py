"""The month view's cached body is never stale: it is keyed on the
publication token, the language, the month, the filters and today."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import jst, make_event

pytestmark = pytest.mark.django_db
URL = "/en/events/month/2026-12/"


@pytest.fixture
def now(time_machine):
    time_machine.move_to(jst(2026, 12, 1, 9, 0), tick=False)


def test_a_cached_month_is_served_without_the_events_query(client, calendar, now):
    make_event(calendar, title_en="Cached seminar")
    first = client.get(URL)
    with CaptureQueriesContext(connection) as ctx:
        second = client.get(URL)
    assert second.content == first.content
    assert "Cached seminar" in second.content.decode()
    tables = " ".join(q["sql"] for q in ctx.captured_queries)
    assert "wagtail_eventcal_eventpage" not in tables
    assert "wagtail_eventcal_participation" not in tables


def test_publishing_unpublishing_and_editing_show_at_once(client, calendar, now):
    first = make_event(calendar, title_en="First event")
    assert "First event" in client.get(URL).content.decode()
    make_event(calendar, title_en="Second event", start=jst(2026, 12, 20, 10, 0))
    assert "Second event" in client.get(URL).content.decode()
    first.title_en = "Renamed event"
    first.save_revision().publish()
    page = client.get(URL).content.decode()
    assert "Renamed event" in page and "First event" not in page
    first.unpublish()
    assert "Renamed event" not in client.get(URL).content.decode()


def test_languages_and_filters_have_their_own_bodies(client, calendar, now):
    make_event(calendar, title="日本語の題", title_en="English title", category="seminar")
    assert "English title" in client.get(URL).content.decode()
    assert "English title" not in client.get("/ja/events/month/2026-12/").content.decode()
    filtered = client.get(URL, {"category": "job_fair"}).content.decode()
    assert "English title" not in filtered
    assert "No events match these filters." in filtered


def test_invalid_filters_are_reported_not_cached(client, calendar, now):
    make_event(calendar, title_en="English title")
    response = client.get(URL, {"category": "nonsense"})
    assert response.status_code == 400
    assert client.get(URL, {"category": "nonsense"}).status_code == 400
    assert "English title" in client.get(URL).content.decode()


def test_today_moves_with_the_date(client, calendar, time_machine):
    time_machine.move_to(jst(2026, 12, 1, 9, 0), tick=False)
    make_event(calendar)
    assert '<time datetime="2026-12-01">' in _today_cell(client.get(URL))
    time_machine.move_to(jst(2026, 12, 2, 9, 0), tick=False)
    assert '<time datetime="2026-12-02">' in _today_cell(client.get(URL))


def _today_cell(response):
    html = response.content.decode()
    start = html.index('aria-current="date"')
    return html[start : start + 200]

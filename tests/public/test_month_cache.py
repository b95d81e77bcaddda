"""The month view's cached body is never stale: it is keyed on the
publication token, the language, the month, the filters and today."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import jst, make_event, publish_edit

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


def _month_pages(client):
    urls = [
        URL,
        "/ja/events/month/2026-12/",
        URL + "?category=seminar",
        "/ja/events/month/2026-12/?body_type=university",
    ]
    pages = {}
    for url in urls:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        pages[url] = (response.content, [q["sql"] for q in ctx.captured_queries])
    return pages


def test_after_each_publication_the_month_equals_one_made_afresh(client, calendar, now):
    """Issue 17: after a publication the month is made from kept rows and
    days with only the changed events read — and is the page a cold cache
    would give, in both languages and with filters."""
    from django.core.cache import cache
    from wagtail.models import Site

    from tests.factories import make_organization

    university = make_organization(body_types=("university",))
    ministry = make_organization(body_types=("ministry",))
    busy = [
        make_event(
            calendar,
            title_en=f"Busy {n}",
            start=jst(2026, 12, 10, 9 + n),
            organizations=[university if n % 2 else ministry],
        )
        for n in range(5)  # more than a day cell shows
    ]
    other = make_event(
        calendar, title_en="Other", start=jst(2026, 12, 3, 10), end=jst(2026, 12, 5, 18)
    )

    changes = [
        (
            "new event on the busy day",
            lambda: make_event(
                calendar,
                title_en="Early bird",
                start=jst(2026, 12, 10, 8),
                organizations=[university],
            ),
        ),
        ("shown event renamed", lambda: publish_edit(busy[0], title_en="Renamed busy")),
        (
            "moved to another day",
            lambda: publish_edit(busy[1], start=jst(2026, 12, 24, 10), end=jst(2026, 12, 24, 12)),
        ),
        ("category changed", lambda: publish_edit(other, category="job_fair")),
        ("unpublished", lambda: busy[2].get_latest_revision_as_object().unpublish()),
        ("deleted", lambda: busy[3].delete()),
        (
            "moved out of the month",
            lambda: publish_edit(busy[4], start=jst(2027, 2, 1, 10), end=jst(2027, 2, 1, 12)),
        ),
    ]
    _month_pages(client)  # kept rows and days
    for what, change in changes:
        change()
        spliced = _month_pages(client)
        queries = [sql for _content, sqls in spliced.values() for sql in sqls]
        rows = [sql for sql in queries if '"live_revision_id"' in sql and '"end"' in sql]
        # Only the changed events were read again (once per filter set: the
        # languages share the rows).
        assert rows and all('"page_ptr_id" IN (' in sql for sql in rows), what
        cache.clear()
        Site.get_site_root_paths()
        fresh = _month_pages(client)
        for url in fresh:
            assert spliced[url][0] == fresh[url][0], (what, url)

"""RSS 2.0 and Atom feeds, per language, parsed with feedparser."""

from datetime import timedelta

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import jst, make_event
from wagtail_eventcal.choices import Category


def future(days, hour=14):
    d = timezone.localdate() + timedelta(days=days)
    return jst(d.year, d.month, d.day, hour, 0)


@pytest.mark.parametrize("kind, version", [("rss", "rss20"), ("atom", "atom10")])
def test_feeds_parse_in_both_languages(client, calendar, kind, version):
    make_event(calendar, start=future(2), title="説明会", title_en="Briefing")
    make_event(calendar, start=future(1), title="交流会", title_en="", cancelled=True)
    make_event(calendar, start=future(-3), title_en="Over")

    english = feedparser.parse(client.get(f"/en/events/feed.{kind}").content)
    assert english.version == version and not english.bozo
    assert english.feed.title == "Event calendar"
    assert [e.title for e in english.entries] == ["[Cancelled] 交流会", "Briefing"]
    assert "/en/events/event-" in english.entries[1].link
    assert english.entries[1].tags[0].term == "Seminar"

    japanese = feedparser.parse(client.get(f"/ja/events/feed.{kind}").content)
    assert not japanese.bozo
    assert [e.title for e in japanese.entries] == ["【中止】交流会", "説明会"]
    assert "/ja/events/" in japanese.entries[1].link


def test_rss_filters_and_bad_parameters(client, calendar):
    make_event(calendar, start=future(2), title_en="Fair", category=Category.JOB_FAIR)
    make_event(calendar, start=future(2), title_en="Seminar")
    parsed = feedparser.parse(client.get("/en/events/feed.rss?category=job_fair").content)
    assert [e.title for e in parsed.entries] == ["Fair"]
    response = client.get("/en/events/feed.atom?date_to=31/31/2026")
    assert response.status_code == 400
    assert "date_to" in response.content.decode()


def test_rss_conditional_get(client, calendar):
    make_event(calendar, start=future(2))
    response = client.get("/en/events/feed.rss")
    assert response["Content-Type"].startswith("application/rss+xml")
    etag = response["ETag"]
    assert client.get("/en/events/feed.rss", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get("/en/events/feed.atom", HTTP_IF_NONE_MATCH=etag).status_code == 200
    make_event(calendar, start=future(3))
    assert client.get("/en/events/feed.rss", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_rss_query_count_is_constant(client, calendar):
    make_event(calendar, start=future(2))
    client.get("/en/events/feed.rss")
    with CaptureQueriesContext(connection) as few:
        client.get("/en/events/feed.rss")
    for n in range(10):
        make_event(calendar, start=future(n + 3))
    client.get("/en/events/feed.rss")
    with CaptureQueriesContext(connection) as many:
        client.get("/en/events/feed.rss")
    assert len(many) == len(few) <= 10

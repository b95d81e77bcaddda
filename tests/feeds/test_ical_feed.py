"""iCalendar feeds: content, interop, filters, caching, conditional GET."""

from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import jst, make_event, make_organization
from tests.feeds.ical_checks import check_interop
from wagtail_eventcal.choices import Category, EventFormat
from wagtail_eventcal.feeds import publication
from wagtail_eventcal.models import EventFeedFragment

FEED = "/en/events/feed.ics"
FEED_JA = "/ja/events/feed.ics"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def future(days, hour=14):
    today = timezone.localdate()
    d = today + timedelta(days=days)
    return jst(d.year, d.month, d.day, hour, 0)


def vevents(response):
    assert response.status_code == 200, response.content
    return check_interop(response.content).events


def test_feed_headers_and_calendar_properties(client, calendar):
    make_event(calendar, start=future(3))
    response = client.get(FEED)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar_ical = check_interop(response.content)
    assert str(calendar_ical["X-WR-CALNAME"]) == "Event calendar"
    assert str(calendar_ical["NAME"]) == "Event calendar"
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT1H" in response.content
    assert b"X-PUBLISHED-TTL:PT1H" in response.content
    assert str(calendar_ical["METHOD"]) == "PUBLISH"
    assert client.get(FEED_JA).content.count(b"X-WR-CALNAME:\xe3\x82\xa4\xe3\x83\x99") == 1


def test_event_properties_in_both_languages(client, calendar):
    ministry = make_organization(name_ja="経済産業省", name_en="METI")
    event = make_event(
        calendar,
        organizations=[ministry],
        start=future(5, 10),
        end=future(5, 12),
        title="高度外国人材のための就職説明会" * 4,
        title_en="Job fair for highly skilled professionals",
        venue_name_ja="東京国際フォーラム",
        venue_name_en="Tokyo International Forum",
        description_ja="<p>第一段落</p><p>第二段落 &amp; more</p>",
        contact_email="info@example.go.jp",
    )
    (vevent,) = vevents(client.get(FEED))
    assert str(vevent["SUMMARY"]) == "Job fair for highly skilled professionals"
    assert vevent["UID"] == f"event-{event.pk}-en@testserver"
    assert vevent.DTSTART == event.local_start
    assert vevent["DTSTART"].params["TZID"] == "Asia/Tokyo"
    assert vevent.DTEND == event.local_end
    assert str(vevent["LOCATION"]) == "Tokyo International Forum"
    assert str(vevent["URL"]).endswith(f"/en/events/{event.slug}/")
    assert str(vevent["ORGANIZER"]) == "mailto:info@example.go.jp"
    assert vevent["ORGANIZER"].params["CN"] == "METI"
    assert vevent.categories == ["Seminar"]
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert "Organizer: METI" in str(vevent["DESCRIPTION"])
    assert "<p>" not in str(vevent["DESCRIPTION"])

    (vevent_ja,) = vevents(client.get(FEED_JA))
    assert str(vevent_ja["SUMMARY"]) == event.title  # Japanese survives folding
    assert vevent_ja["UID"] == f"event-{event.pk}-ja@testserver"
    assert "第一段落\n第二段落 & more" in str(vevent_ja["DESCRIPTION"])
    assert str(vevent_ja["LOCATION"]) == "東京国際フォーラム"


def test_all_day_events_are_dates_with_exclusive_end(client, calendar):
    first = future(10).date()
    make_event(
        calendar,
        all_day=True,
        start=jst(first.year, first.month, first.day, 0, 0),
        end=jst(first.year, first.month, first.day, 23, 59) + timedelta(days=1),
    )
    (vevent,) = vevents(client.get(FEED))
    assert vevent.DTSTART == first and not hasattr(vevent.DTSTART, "hour")
    assert vevent.DTEND == first + timedelta(days=2)
    assert vevent["DTSTART"].params["VALUE"] == "DATE"


def test_cancelled_events_stay_with_status_cancelled(client, calendar):
    make_event(calendar, start=future(2), cancelled=True, cancellation_note_en="Typhoon")
    (vevent,) = vevents(client.get(FEED))
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert str(vevent["SUMMARY"]).startswith("[Cancelled]")
    assert "Typhoon" in str(vevent["DESCRIPTION"])


def test_online_event_location(client, calendar):
    make_event(
        calendar,
        start=future(2),
        event_format=EventFormat.ONLINE,
        online_url="https://meet.example.org/x",
        prefecture="online",
    )
    (vevent,) = vevents(client.get(FEED))
    assert str(vevent["LOCATION"]) == "Online"


def test_window_keeps_recent_past_and_drops_old_events(client, calendar, settings):
    settings.EVENTCAL_FEED_PAST_DAYS = 10
    make_event(calendar, start=future(-5), title_en="recent")
    make_event(calendar, start=future(-20), title_en="old")
    make_event(calendar, start=future(1), title_en="upcoming")
    titles = [str(v["SUMMARY"]) for v in vevents(client.get(FEED))]
    assert titles == ["recent", "upcoming"]


def test_filters_are_the_calendars(client, calendar):
    university = make_organization(body_types=("university",))
    make_event(calendar, start=future(1), title_en="seminar in Tokyo")
    make_event(
        calendar,
        start=future(2),
        title_en="fair in Osaka",
        category=Category.JOB_FAIR,
        prefecture="osaka",
        organizations=[university],
    )

    def titles(query):
        return [str(v["SUMMARY"]) for v in vevents(client.get(f"{FEED}?{query}"))]

    assert titles("category=job_fair") == ["fair in Osaka"]
    assert titles("prefecture=tokyo") == ["seminar in Tokyo"]
    assert titles("body_type=university") == ["fair in Osaka"]
    assert titles(f"organization={university.pk}") == ["fair in Osaka"]
    assert titles("format=online") == []
    assert titles("utm_source=x") == ["seminar in Tokyo", "fair in Osaka"]


@pytest.mark.parametrize(
    "query, name",
    [
        ("category=nope", "category"),
        ("date_from=2026-13-45", "date_from"),
        ("organization=-3", "organization"),
        ("date_from=2026-05-02&date_to=2026-05-01", "date_to"),
    ],
)
def test_bad_parameters_answer_400_with_a_message(client, calendar, query, name):
    response = client.get(f"{FEED}?{query}")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert f"“{name}”" in response.content.decode()


def test_per_event_ics(client, calendar):
    event = make_event(calendar, start=future(4), title_en="Single")
    make_event(calendar, start=future(4), title_en="Other")
    response = client.get(f"/en/events/{event.slug}.ics")
    assert response["Content-Disposition"].startswith("attachment;")
    (vevent,) = vevents(response)
    assert str(vevent["SUMMARY"]) == "Single"
    assert client.get("/en/events/no-such-event.ics").status_code == 404


def test_fragment_rendered_once_per_revision_and_sequence_counts_publications(client, calendar):
    event = make_event(calendar, start=future(3), title_en="v1")
    (vevent,) = vevents(client.get(FEED))
    assert vevent["SEQUENCE"] == 0
    fragment = EventFeedFragment.objects.get(event=event, language="en", kind="vevent")
    assert fragment.revision_id == event.live_revision_id

    # A second language, a filter, a new token: the stored fragment is reused.
    make_event(calendar, start=future(30))
    vevents(client.get(f"{FEED}?category=seminar"))
    assert (
        EventFeedFragment.objects.get(event=event, language="en", kind="vevent").pk == fragment.pk
    )

    event.title_en = "v2"
    event.save_revision().publish()
    (vevent, _other) = vevents(client.get(FEED))
    assert str(vevent["SUMMARY"]) == "v2"
    assert vevent["SEQUENCE"] == 1
    assert vevent["LAST-MODIFIED"].dt >= vevent["CREATED"].dt


def test_organization_rename_reaches_the_feed(client, calendar):
    organization = make_organization(name_en="Old name")
    make_event(calendar, start=future(3), organizations=[organization])
    assert b"Old name" in client.get(FEED).content
    organization.name_en = "New name"
    organization.save()
    body = client.get(FEED).content
    assert b"New name" in body and b"Old name" not in body


def test_unchanged_feed_is_served_from_stored_bytes(client, calendar):
    for n in range(5):
        make_event(calendar, start=future(n + 1))
    first = client.get(FEED).content
    with CaptureQueriesContext(connection) as queries:
        assert client.get(FEED).content == first
    assert not any("eventfeedfragment" in q["sql"] for q in queries.captured_queries)
    assert not any("wagtail_eventcal_eventpage" in q["sql"] for q in queries.captured_queries)


def test_feed_bytes_of_an_old_token_expire_instead_of_piling_up(client, calendar, time_machine):
    """A shared cache (Redis, for several instances) does not cull as LocMem
    does: a whole feed stored under a token that has moved on must expire."""
    from wagtail_eventcal.feeds.ical_feed import FEED_CACHE_SECONDS

    make_event(calendar, start=future(3))
    key = "eventcal:feed:" + client.get(FEED)["ETag"].removeprefix('W/"').removesuffix('"')
    assert cache.get(key) is not None
    publication.bump()  # the next request uses another key: this one is never read again
    time_machine.move_to(timezone.now() + timedelta(seconds=FEED_CACHE_SECONDS + 1))
    assert cache.get(key) is None


def _queries_for_rebuilt_feed(client):
    """Queries of a feed request when its whole-feed bytes are not stored
    (a new token) but the event fragments are."""
    publication.bump()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(FEED).status_code == 200
    return len(queries)


def test_feed_query_count_is_constant(client, calendar):
    make_event(calendar, start=future(1))
    client.get(FEED)  # fragments stored, Wagtail's site cache warm
    few = _queries_for_rebuilt_feed(client)
    for n in range(15):
        make_event(calendar, start=future(n + 2))
    client.get(FEED)
    assert _queries_for_rebuilt_feed(client) == few <= 10

    # Cold: every fragment rendered, still a constant number of queries.
    EventFeedFragment.objects.all().delete()
    cold = _queries_for_rebuilt_feed(client)
    for n in range(10):
        make_event(calendar, start=future(n + 20))
    EventFeedFragment.objects.all().delete()
    assert _queries_for_rebuilt_feed(client) == cold


def test_conditional_get(client, calendar):
    make_event(calendar, start=future(1))
    response = client.get(FEED)
    etag, last_modified = response["ETag"], response["Last-Modified"]
    assert response["Cache-Control"] == "public, max-age=3600"

    not_modified = client.get(FEED, HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304
    assert not_modified["ETag"] == etag
    assert client.get(FEED, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    assert client.get(FEED_JA, HTTP_IF_NONE_MATCH=etag).status_code == 200
    assert client.get(f"{FEED}?category=seminar", HTTP_IF_NONE_MATCH=etag).status_code == 200

    make_event(calendar, start=future(2))
    changed = client.get(FEED, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_feed_urls_follow_the_base_url_whatever_host_asked(client, calendar, settings):
    # One rule for absolute URLs (issue 13): the configured base URL, not the
    # host a request came through.
    make_event(calendar, start=future(1))
    settings.WAGTAILADMIN_BASE_URL = "https://events.example.org"
    for host in ("testserver", "127.0.0.1"):
        body = client.get(FEED, HTTP_HOST=host).content
        assert b"URL:https://events.example.org/en/events/" in body
        assert b"@events.example.org" in body and b"@127.0.0.1" not in body


def test_revalidation_does_not_touch_events(client, calendar):
    make_event(calendar, start=future(1))
    etag = client.get(FEED)["ETag"]
    with CaptureQueriesContext(connection) as queries:
        assert client.get(FEED, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert not any("wagtail_eventcal_eventpage" in q["sql"] for q in queries.captured_queries)


def test_dates_cross_checked_with_strict_parser(client, calendar):
    make_event(calendar, start=future(7, 23))
    from ical.calendar_stream import IcsCalendarStream

    strict = IcsCalendarStream.calendar_from_ics(client.get(FEED).content.decode())
    (event,) = strict.events
    assert event.dtstart.utcoffset() == timedelta(hours=9)
    assert isinstance(event.dtstart.date(), date)

"""schema.org JSON-LD, "add to calendar" and subscription links on the pages."""

import json
import re
from datetime import UTC, timedelta
from urllib.parse import parse_qs, urlsplit

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import jst, make_event, make_organization
from wagtail_eventcal.choices import EventFormat, Role
from wagtail_eventcal.feeds.jsonld import as_script_json, fee_amount
from wagtail_eventcal.public import links as calendar_links


def future(days, hour=14):
    d = timezone.localdate() + timedelta(days=days)
    return jst(d.year, d.month, d.day, hour, 0)


def jsonld(response):
    (script,) = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return json.loads(script)


def test_event_jsonld_meets_googles_event_requirements(client, calendar):
    meti = make_organization(
        name_ja="経済産業省", name_en="METI", website="https://www.meti.go.jp/"
    )
    supporter = make_organization(name_en="Supporter")
    event = make_event(
        calendar,
        organizations=[meti, (supporter, Role.SUPPORTER)],
        start=future(3, 10),
        end=future(3, 12),
        title="説明会",
        title_en="Briefing",
        venue_name_en="Hall A",
        address_en="1-1 Chiyoda, Tokyo",
        is_free=False,
        fee_ja="3,000円",
        event_languages=["ja", "en"],
    )
    data = jsonld(client.get(f"/en/events/{event.slug}/"))
    assert data["@context"] == "https://schema.org" and data["@type"] == "Event"
    assert data["name"] == "Briefing"
    assert data["startDate"] == event.local_start.isoformat()
    assert data["startDate"].endswith("+09:00") and data["endDate"].endswith("+09:00")
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["@type"] == "Place"
    assert data["location"]["name"] == "Hall A"
    assert data["location"]["address"]["addressCountry"] == "JP"
    assert data["organizer"] == [
        {"@type": "Organization", "name": "METI", "url": "https://www.meti.go.jp/"}
    ]
    assert data["isAccessibleForFree"] is False
    assert data["offers"]["price"] == 3000 and data["offers"]["priceCurrency"] == "JPY"
    assert data["url"] == f"http://testserver/en/events/{event.slug}/"
    assert data["inLanguage"] == ["ja", "en"]

    japanese = jsonld(client.get(f"/ja/events/{event.slug}/"))
    assert japanese["name"] == "説明会"
    assert japanese["organizer"][0]["name"] == "経済産業省"


def test_cancelled_online_and_hybrid_events(client, calendar):
    cancelled = make_event(
        calendar,
        start=future(2),
        cancelled=True,
        event_format=EventFormat.ONLINE,
        online_url="https://meet.example.org/a",
        prefecture="online",
    )
    data = jsonld(client.get(f"/en/events/{cancelled.slug}/"))
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["location"] == {"@type": "VirtualLocation", "url": "https://meet.example.org/a"}
    assert data["offers"]["price"] == 0

    hybrid = make_event(
        calendar,
        start=future(2),
        event_format=EventFormat.HYBRID,
        online_url="https://meet.example.org/b",
    )
    data = jsonld(client.get(f"/en/events/{hybrid.slug}/"))
    assert [place["@type"] for place in data["location"]] == ["Place", "VirtualLocation"]
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"


def test_jsonld_cannot_break_out_of_the_script_element(client, calendar):
    event = make_event(calendar, start=future(2), title_en="</script><script>alert(1)</script>")
    body = client.get(f"/en/events/{event.slug}/").content.decode()
    assert "</script><script>alert(1)" not in body
    assert jsonld(client.get(f"/en/events/{event.slug}/"))["name"].startswith("</script>")
    assert "<" not in as_script_json({"a": "<!--"})


def test_fee_amount():
    assert fee_amount("3,000円") == 3000
    assert fee_amount("¥5000 / person") == 5000
    assert fee_amount("実費") is None


def test_add_to_calendar_links(client, calendar):
    event = make_event(calendar, start=future(3, 10), end=future(3, 12), title_en="Briefing")
    body = client.get(f"/en/events/{event.slug}/").content.decode()
    google = re.search(r'href="(https://calendar\.google\.com/[^"]+)"', body).group(1)
    query = parse_qs(urlsplit(google.replace("&amp;", "&")).query)
    start_utc = event.start.astimezone(UTC)
    assert query["text"] == ["Briefing"]
    assert query["dates"][0].startswith(f"{start_utc:%Y%m%dT%H%M%S}Z/")
    assert query["ctz"] == ["Asia/Tokyo"]
    assert "https://outlook.live.com/calendar/0/deeplink/compose?" in body
    assert f'href="/en/events/{event.slug}.ics"' in body
    assert client.get(f"/en/events/{event.slug}.ics").status_code == 200


def test_all_day_add_links_use_dates():
    start, end = jst(2026, 12, 10, 0, 0), jst(2026, 12, 11, 23, 59)
    common = {"title": "t", "start": start, "end": end, "details": "", "location": ""}
    google = calendar_links.google_event_url(**common, all_day=True, time_zone="Asia/Tokyo")
    assert "dates=20261210%2F20261212" in google
    outlook = calendar_links.outlook_event_url(**common, all_day=True)
    assert "startdt=2026-12-10" in outlook and "enddt=2026-12-12" in outlook


def test_calendar_page_offers_subscriptions_with_its_filters(client, calendar):
    make_event(calendar, start=future(2))
    body = client.get("/en/events/?category=seminar").content.decode()
    assert 'href="webcal://testserver/en/events/feed.ics?category=seminar"' in body
    assert "https://calendar.google.com/calendar/r?cid=webcal%3A%2F%2Ftestserver" in body
    assert "https://outlook.live.com/calendar/0/addfromweb?url=" in body
    assert 'type="application/rss+xml"' in body and "/en/events/feed.atom?category=seminar" in body
    assert calendar_links.webcal_url("https://h/x.ics?a=1") == "webcal://h/x.ics?a=1"


def test_event_page_stays_within_the_query_budget(client, calendar):
    organizations = [make_organization() for _ in range(4)]
    event = make_event(calendar, start=future(2), organizations=organizations)
    client.get(f"/en/events/{event.slug}/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/en/events/{event.slug}/").status_code == 200
    # Warm: Wagtail's routing to the calendar and the publication token.
    assert len(queries) <= 5, [q["sql"][:100] for q in queries.captured_queries]

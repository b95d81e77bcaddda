"""What independent clients see across channels (issue 13): one host in
every absolute URL, filtered feeds that name and link themselves, search
engine details (canonical, x-default, sitemap revalidation), DTSTAMP,
JSON-LD offers of past events, compression, and the start-up check of the
base URL."""

import gzip
import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import feedparser
import icalendar
import pytest
import time_machine
from django.core.checks import run_checks
from django.utils import timezone

from tests.factories import jst, make_event
from wagtail_eventcal.choices import Category

pytestmark = pytest.mark.django_db

BASE = "https://events.example.org"
ABSOLUTE = re.compile(r"""(?:https?|webcal)://[^\s"'<>\\]+""")
# Outside addresses a page may name on purpose.
FOREIGN = (
    "//example.org/",
    "schema.org",
    "calendar.google.com",
    "outlook.live.com",
    "w3.org",
    "purl.org",
    "sitemaps.org",
    "digital.go.jp",  # the open-data licence (EVENTCAL_OPEN_DATA_LICENCE)
)


def future(days, hour=14):
    d = timezone.localdate() + timedelta(days=days)
    return jst(d.year, d.month, d.day, hour, 0)


@pytest.fixture
def base(settings):
    settings.WAGTAILADMIN_BASE_URL = BASE
    return BASE


def test_every_channel_names_the_configured_host(client, calendar, base):
    event = make_event(calendar, start=future(3), detail_url="https://example.org/apply")
    urls = {
        "feed.ics": "/en/events/feed.ics",
        "event.ics": f"/en/events/{event.slug}.ics",
        "rss": "/en/events/feed.rss",
        "atom": "/ja/events/feed.atom",
        "api list": "/api/v2/events/",
        "api detail": f"/api/v2/events/{event.pk}/",
        "sitemap": "/sitemap.xml",
        "event page": f"/en/events/{event.slug}/",
        "calendar page": "/ja/events/?category=seminar",
        "month page": "/en/events/month/",
    }
    for channel, url in urls.items():
        # The request comes through another name (an internal address, a
        # proxy): the links must still name the public site.
        body = client.get(url, HTTP_HOST="127.0.0.1:8000").content.decode()
        found = [u for u in ABSOLUTE.findall(body) if not any(f in u for f in FOREIGN)]
        assert found, channel
        wrong = [u for u in found if not re.match(r"(https|webcal)://events\.example\.org/", u)]
        assert not wrong, (channel, wrong)
    vevent = icalendar.Calendar.from_ical(client.get(urls["feed.ics"]).content).walk("VEVENT")[0]
    assert str(vevent["URL"]) == f"{BASE}/en/events/{event.slug}/"
    assert str(vevent["UID"]) == f"event-{event.pk}-en@events.example.org"


def test_base_url_is_checked_at_start_up(settings):
    def errors():
        return [m.id for m in run_checks() if m.id == "wagtail_eventcal.E001"]

    assert errors() == []
    for wrong in ("", "events.example.org", "https://events.example.org/calendar/"):
        settings.WAGTAILADMIN_BASE_URL = wrong
        assert errors() == ["wagtail_eventcal.E001"], wrong


def test_filtered_feeds_name_their_filters_and_link_to_themselves(client, calendar, base):
    make_event(calendar, start=future(2), prefecture="osaka", category=Category.SEMINAR)
    query = "category=seminar&prefecture=osaka"
    for kind in ("rss", "atom"):
        unfiltered = feedparser.parse(client.get(f"/en/events/feed.{kind}").content)
        parsed = feedparser.parse(client.get(f"/en/events/feed.{kind}?{query}&_=123").content)
        assert parsed.feed.title == "Event calendar — Seminar, Osaka", kind
        assert unfiltered.feed.title == "Event calendar"
        links = {link.rel: link.href for link in parsed.feed.links}
        assert links["self"] == f"{BASE}/en/events/feed.{kind}?{query}", kind
        assert links["alternate"] == f"{BASE}/en/events/?{query}", kind
    japanese = feedparser.parse(client.get(f"/ja/events/feed.atom?{query}").content)
    assert japanese.feed.title == "イベントカレンダー — セミナー、大阪府"

    plain = icalendar.Calendar.from_ical(client.get("/en/events/feed.ics").content)
    filtered = icalendar.Calendar.from_ical(client.get(f"/en/events/feed.ics?{query}").content)
    assert (
        str(filtered["NAME"]) == str(filtered["X-WR-CALNAME"]) == "Event calendar — Seminar, Osaka"
    )
    assert str(filtered["URL"]) == f"{BASE}/en/events/?{query}"
    assert str(filtered["UID"]) != str(plain["UID"])
    assert str(plain["URL"]) == f"{BASE}/en/events/"


def test_pages_have_canonical_and_x_default(client, calendar, base):
    event = make_event(calendar, start=future(2))
    page = client.get(f"/en/events/{event.slug}/").content.decode()
    assert f'<link rel="canonical" href="{BASE}/en/events/{event.slug}/">' in page
    assert (
        f'<link rel="alternate" hreflang="x-default" href="{BASE}/ja/events/{event.slug}/">' in page
    )
    listing = client.get("/en/events/?category=seminar").content.decode()
    assert f'<link rel="canonical" href="{BASE}/en/events/?category=seminar">' in listing


def test_sitemap_has_x_default_and_revalidates(client, calendar, base):
    event = make_event(calendar, start=future(2))
    response = client.get("/sitemap.xml")
    assert response.status_code == 200 and response["ETag"] and response["Last-Modified"]
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.fromstring(response.content)
    entry = next(
        url
        for url in root.findall("s:url", ns)
        if url.find("s:loc", ns).text == f"{BASE}/en/events/{event.slug}/"
    )
    alternates = {link.get("hreflang"): link.get("href") for link in entry.findall("x:link", ns)}
    assert alternates["x-default"] == f"{BASE}/ja/events/{event.slug}/"
    again = client.get("/sitemap.xml", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    since = client.get("/sitemap.xml", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert since.status_code == 304
    make_event(calendar, start=future(4))
    assert client.get("/sitemap.xml", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 200


def test_dtstamp_is_the_time_of_the_response(client, calendar):
    event = make_event(calendar, start=future(5))
    with time_machine.travel(timezone.now() + timedelta(hours=1), tick=False) as traveller:
        first = icalendar.Calendar.from_ical(client.get("/en/events/feed.ics").content)
        stamp = first.walk("VEVENT")[0]["DTSTAMP"].dt
        assert abs(stamp - timezone.now()) < timedelta(seconds=1)
        assert stamp != event.last_published_at
        traveller.shift(timedelta(minutes=10))
        for url in ("/en/events/feed.ics", f"/en/events/{event.slug}.ics"):
            response = client.get(url)  # the cached body, stamped now
            assert response["ETag"].startswith('W/"')  # same calendar, other DTSTAMP
            later = icalendar.Calendar.from_ical(response.content)
            assert later.walk("VEVENT")[0]["DTSTAMP"].dt == stamp + timedelta(minutes=10)


def test_past_events_offer_nothing_in_stock(client, calendar):
    import json

    past = make_event(calendar, start=future(-5), is_free=True)
    upcoming = make_event(calendar, start=future(5), is_free=True)

    def offers(event):
        page = client.get(f"/en/events/{event.slug}/").content.decode()
        (script,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
        return json.loads(script).get("offers")

    assert offers(upcoming)["availability"] == "https://schema.org/InStock"
    assert offers(past) is None


@pytest.mark.parametrize(
    "url",
    [
        "/en/events/",
        "/en/events/feed.ics",
        "/en/events/feed.rss",
        "/api/v2/events/",
        "/sitemap.xml",
    ],
)
def test_served_compressed_when_asked(client, calendar, url):
    for n in range(3):
        make_event(calendar, start=future(n + 1))
    plain = client.get(url)
    compressed = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert "Content-Encoding" not in plain
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    # Same document (DTSTAMP aside, which is the time of each response).
    strip = re.compile(rb"DTSTAMP:\d{8}T\d{6}Z")
    assert strip.sub(b"", gzip.decompress(compressed.content)) == strip.sub(b"", plain.content)
    if compressed.has_header("ETag"):  # weakened by GZip, still revalidates
        again = client.get(url, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=compressed["ETag"])
        assert again.status_code == 304

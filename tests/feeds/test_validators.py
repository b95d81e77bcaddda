"""Independent clients over the demo's outputs (issue 13): what a real
calendar app, feed reader or crawler would read, checked by software that is
not ours, so the next regression is caught where a client would catch it.

- iCalendar: Mozilla's ical.js and node-ical (through ``node``, pinned in
  tools/validators), and the Python parsers icalendar, ical (strict) and
  vobject (tests/feeds/ical_checks.py);
- RSS and Atom: feedparser, plus the W3C Feed Validator's checks that
  feedparser does not make (self link = the address fetched, filtered feeds
  included; ids and links absolute on the site);
- the sitemap and JSON-LD: parsed as XML / JSON and checked against the
  schema's required fields.
The HTML of every public page goes through the Nu checker in
tests/public/test_html_validity.py.
"""

import json
import re
import subprocess
import xml.etree.ElementTree as ET
from datetime import datetime
from urllib.parse import urlsplit

import feedparser
import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from tests import tools
from tests.feeds.ical_checks import check_interop
from wagtail_eventcal.models import EventPage

pytestmark = pytest.mark.django_db

FILTERS = ("", "?category=seminar", "?prefecture=tokyo&format=in_person", "?q=留学生")


@pytest.fixture
def demo():
    call_command("load_demo", events=24, stdout=open("/dev/null", "w"))
    return list(EventPage.objects.live().public())


def base():
    return settings.WAGTAILADMIN_BASE_URL


def ics_documents(client, events):
    documents = {}
    for lang in ("ja", "en"):
        for query in FILTERS:
            documents[f"/{lang}/events/feed.ics{query}"] = None
        for event in events[:6]:
            documents[f"/{lang}/events/{event.slug}.ics"] = None
    for url in documents:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        documents[url] = response.content
    return documents


def test_ical_js_node_ical_and_python_parsers_agree(client, demo, tmp_path):
    node = tools.node()
    documents = ics_documents(client, demo)
    files, expected = {}, {}
    for number, (url, body) in enumerate(documents.items()):
        calendar = check_interop(body)  # icalendar, ical (strict), vobject
        expected[url] = [str(event["UID"]) for event in calendar.events]
        path = tmp_path / f"{number}.ics"
        path.write_bytes(body)
        files[str(path)] = url
    assert any(len(uids) > 5 for uids in expected.values())
    script = tools.VALIDATORS.parent / "check-ical.js"
    result = subprocess.run(
        [node, str(script), *files], capture_output=True, text=True, timeout=300, check=True
    )
    for path, found in json.loads(result.stdout).items():
        url = files[path]
        assert found["errors"] == [], (url, found["errors"])
        assert found["icaljs"] == expected[url], url
        assert sorted(found["nodeical"]) == sorted(expected[url]), url


def test_rss_and_atom_pass_feed_reader_and_validator_checks(client, demo):
    for lang in ("ja", "en"):
        for kind in ("rss", "atom"):
            for query in FILTERS:
                url = f"/{lang}/events/feed.{kind}{query}"
                response = client.get(url)
                assert response.status_code == 200, url
                feed = feedparser.parse(response.content)
                assert not feed.bozo, (url, feed.get("bozo_exception"))
                assert feed.version == ("rss20" if kind == "rss" else "atom10")
                links = {link.rel: link.href for link in feed.feed.links}
                # W3C: "Self reference doesn't match document location".
                assert _same_address(links["self"], base() + url), (url, links["self"])
                assert links["alternate"].startswith(f"{base()}/{lang}/events/")
                assert feed.feed.title
                if query:
                    assert " — " in feed.feed.title, (url, feed.feed.title)
                for entry in feed.entries:
                    assert entry.id.startswith(base() + "/"), entry.id
                    assert entry.link.startswith(f"{base()}/{lang}/events/")
                    assert entry.title


def _same_address(a, b):
    """Equal URLs, the query compared as decoded pairs."""
    from urllib.parse import parse_qsl

    a, b = urlsplit(a), urlsplit(b)
    return (a.scheme, a.netloc, a.path) == (b.scheme, b.netloc, b.path) and sorted(
        parse_qsl(a.query)
    ) == sorted(parse_qsl(b.query))


def test_sitemap_is_valid_and_on_the_site(client, demo):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.fromstring(response.content)
    urls = root.findall("s:url", ns)
    assert len(urls) == 2 * (len(demo) + 1)
    for url in urls:
        loc = url.find("s:loc", ns).text
        assert loc.startswith(base() + "/"), loc
        datetime.fromisoformat(url.find("s:lastmod", ns).text)  # W3C datetime
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
        assert set(alternates) == {"ja", "en", "x-default"}, loc
        assert alternates["x-default"] == alternates["ja"]
        assert loc in alternates.values()


def test_event_pages_json_ld_is_a_valid_schema_org_event(client, demo):
    now = timezone.now()
    for event in demo:
        for lang in ("ja", "en"):
            page = client.get(f"/{lang}/events/{event.slug}/").content.decode()
            (script,) = re.findall(
                r'<script type="application/ld\+json">(.*?)</script>', page, re.S
            )
            data = json.loads(script)
            # Google's Event rich result: name, startDate and location required.
            assert data["@type"] == "Event" and data["name"] and data["location"]
            datetime.fromisoformat(data["startDate"])
            assert data["url"] == f"{base()}/{lang}/events/{event.slug}/"
            if event.end < now:
                assert "offers" not in data, event.slug
            elif "offers" in data:
                assert data["offers"]["availability"] in (
                    "https://schema.org/InStock",
                    "https://schema.org/SoldOut",
                )

"""The sitemap: both languages with hreflang alternates, public pages only."""

import xml.etree.ElementTree as ET

from tests.factories import make_event

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {
        url.find("s:loc", NS).text: {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
        }
        for url in root.findall("s:url", NS)
    }


def test_sitemap_lists_calendar_and_events_in_both_languages(client, calendar):
    event = make_event(calendar)
    urls = entries(client)
    ja = f"http://testserver/ja/events/{event.slug}/"
    en = f"http://testserver/en/events/{event.slug}/"
    assert ja in urls and en in urls
    assert urls[en] == {"ja": ja, "en": en, "x-default": ja}
    assert "http://testserver/en/events/" in urls

"""The demo's pictures (issue 15, item 5): drawn locally by ``load_demo``,
shown on the forum's page, in its JSON-LD and in the RSS enclosure."""

import io
import json
import re

import feedparser
import pytest
from django.core.management import call_command

from wagtail_eventcal.models import EventPage

pytestmark = pytest.mark.django_db


def test_demo_events_have_pictures_on_page_jsonld_and_rss(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", events=8, stdout=io.StringIO())
    with_image = EventPage.objects.live().filter(image__isnull=False)
    assert 2 <= with_image.count() < EventPage.objects.live().count()
    forum = EventPage.objects.get(slug="forum-2027")
    assert forum.image.width == 1600 and forum.image.height == 900
    assert forum.image_alt_ja and forum.image_alt_en

    html = client.get("/en/events/forum-2027/").content.decode()
    assert re.search(r'<img [^>]*srcset="[^"]*800w', html)
    (script,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(json.loads(script)["image"]) == 3
    feed = feedparser.parse(client.get("/en/events/feed.rss").content)
    (entry,) = [e for e in feed.entries if e.link.endswith("/forum-2027/")]
    assert entry.enclosures[0]["type"] == "image/jpeg"
    # Run again: no second copy of the pictures.
    from wagtail.images import get_image_model

    count = get_image_model().objects.count()
    call_command("load_demo", stdout=io.StringIO())
    assert get_image_model().objects.count() == count

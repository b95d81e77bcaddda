"""An event's image on its page, the list cards, JSON-LD, share tags, feeds
and the API — and nowhere public while the event (or that change) is not
live (issue 15, item 4)."""

import json
import re
from datetime import timedelta

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from tests.factories import jst, make_event, make_image
from wagtail_eventcal.models import EventFeedFragment, EventPage

pytestmark = pytest.mark.django_db


def future(days, hour=14):
    d = timezone.localdate() + timedelta(days=days)
    return jst(d.year, d.month, d.day, hour, 0)


def imaged_event(calendar, *, title="写真付きイベント", image_title="poster", **kwargs):
    image = make_image(image_title)
    kwargs.setdefault("start", future(3))
    return make_event(
        calendar,
        title=title,
        image=image,
        image_alt_ja="会場の写真",
        **kwargs,
    )


def img_tags(html):
    return re.findall(r"<img [^>]*>", html)


def attrs(tag):
    return dict(re.findall(r'([\w:-]+)="([^"]*)"', tag))


def jsonld(html):
    (script,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(script)


def meta(html, key):
    found = re.findall(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', html)
    return found[0] if found else None


# --- Where the image shows ----------------------------------------------------


def test_event_page_shows_a_responsive_lazy_image_with_alt_text(client, calendar):
    event = imaged_event(calendar, image_alt_en="The venue")
    html = client.get(f"/en/events/{event.slug}/").content.decode()
    (tag,) = img_tags(html)
    a = attrs(tag)
    assert a["alt"] == "The venue" and "lang" not in a
    assert a["loading"] == "lazy"
    assert a["width"] and a["height"]
    widths = re.findall(r" (\d+)w", a["srcset"])
    assert widths == ["400", "800", "1200"]
    assert a["sizes"]
    # Japanese page: the Japanese text.
    html_ja = client.get(f"/ja/events/{event.slug}/").content.decode()
    assert attrs(img_tags(html_ja)[0])["alt"] == "会場の写真"


def test_english_alt_falls_back_to_japanese_marked_as_japanese(client, calendar):
    event = imaged_event(calendar)  # no English alt text
    html = client.get(f"/en/events/{event.slug}/").content.decode()
    a = attrs(img_tags(html)[0])
    assert a["alt"] == "会場の写真"
    assert a["lang"] == "ja"


def test_list_card_shows_the_image(client, calendar):
    imaged_event(calendar, image_alt_en="The venue")
    make_event(calendar, start=future(4), title="写真なし")
    html = client.get("/en/events/").content.decode()
    cards = re.findall(r'<article class="eventcal-card.*?</article>', html, re.S)
    with_image = [card for card in cards if "<img" in card]
    assert len(cards) == 2 and len(with_image) == 1
    a = attrs(img_tags(with_image[0])[0])
    assert a["loading"] == "lazy" and a["alt"] == "The venue" and "800w" in a["srcset"]


def test_share_tags_and_jsonld_name_absolute_image_urls(client, calendar):
    event = imaged_event(calendar, image_alt_en="The venue")
    html = client.get(f"/en/events/{event.slug}/").content.decode()
    og = meta(html, "og:image")
    assert og.startswith("http://testserver/") and "fill-1200x675" in og
    assert meta(html, "og:image:width") == "1200" and meta(html, "og:image:height") == "675"
    assert meta(html, "og:image:alt") == "The venue"
    assert meta(html, "og:image:type") == "image/jpeg"
    assert meta(html, "twitter:card") == "summary_large_image"
    assert meta(html, "twitter:image") == og
    assert meta(html, "og:url") == f"http://testserver/en/events/{event.slug}/"
    images = jsonld(html)["image"]
    assert [re.search(r"fill-\d+x\d+", url).group() for url in images] == [
        "fill-1200x675",
        "fill-1200x900",
        "fill-1200x1200",
    ]
    assert all(url.startswith("http://testserver/") for url in images)


def test_without_an_image_nothing_is_announced(client, calendar):
    event = make_event(calendar, start=future(3))
    html = client.get(f"/en/events/{event.slug}/").content.decode()
    assert "<img" not in html and meta(html, "og:image") is None
    assert meta(html, "twitter:card") == "summary"
    assert "image" not in jsonld(html)
    parsed = feedparser.parse(client.get("/en/events/feed.rss").content)
    assert parsed.entries[0].enclosures == []
    assert client.get(f"/api/v2/events/{event.pk}/").json()["image"] is None


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feed_enclosure_has_type_and_length(client, calendar, kind):
    event = imaged_event(calendar)
    parsed = feedparser.parse(client.get(f"/en/events/feed.{kind}").content)
    (enclosure,) = parsed.entries[0].enclosures
    assert enclosure["type"] == "image/jpeg"
    assert "fill-1200x675" in enclosure["href"] and enclosure["href"].startswith("http://")
    rendition = EventPage.objects.get(pk=event.pk).image.get_rendition("fill-1200x675")
    assert int(enclosure["length"]) == rendition.file.size > 0


def test_ical_vevent_links_the_image(client, calendar):
    imaged_event(calendar)
    body = client.get("/en/events/feed.ics").content
    (vevent,) = Calendar.from_ical(body).walk("VEVENT")
    image = vevent["IMAGE"]
    assert "fill-1200x675" in str(image) and str(image).startswith("http://testserver/")
    assert image.params["VALUE"] == "URI" and image.params["FMTTYPE"] == "image/jpeg"


def test_api_gives_alt_renditions_and_share_crops(client, calendar):
    event = imaged_event(calendar, image_alt_en="The venue")
    both = client.get(f"/api/v2/events/{event.pk}/").json()["image"]
    assert both["alt"] == {"ja": "会場の写真", "en": "The venue"}
    assert [r["width"] for r in both["renditions"]] == [400, 800, 1200]
    # 16:9, 4:3 and 1:1 crops (a 1600 × 900 picture is not enlarged for 1:1).
    assert [(r["width"], r["height"]) for r in both["share"]] == [
        (1200, 675),
        (1200, 900),
        (900, 900),
    ]
    assert all(r["url"].startswith("http://testserver/") for r in both["share"])
    en = client.get(f"/api/v2/events/{event.pk}/?lang=en&fields=_,image").json()
    assert en["image"]["alt"] == "The venue"
    no_en = imaged_event(calendar, title="英語なし", image_title="second")
    assert client.get(f"/api/v2/events/{no_en.pk}/?lang=en").json()["image"]["alt"] == "会場の写真"


# --- Never public before it is live ---------------------------------------------


PUBLIC_URLS = (
    "/{lang}/events/",
    "/{lang}/events/archive/",
    "/{lang}/events/month/",
    "/{lang}/events/feed.ics",
    "/{lang}/events/feed.rss",
    "/{lang}/events/feed.atom",
    "/{lang}/events/opendata.json",
    "/{lang}/events/opendata.csv",
    "/api/v2/events/",
    "/sitemap.xml",
)


def public_output(client, extra_paths=()):
    """Everything this plugin serves publicly, in both languages, with the
    pages of every event (drafts answer 404, which is fine)."""
    bodies = []
    paths = {url.format(lang=lang) for url in PUBLIC_URLS for lang in ("ja", "en")}
    for event in EventPage.objects.all():
        for lang in ("ja", "en"):
            paths |= {
                f"/{lang}/events/{event.slug}/",
                f"/{lang}/events/{event.slug}.ics",
                f"/api/v2/events/{event.pk}/",
            }
    for path in sorted(paths | set(extra_paths)):
        response = client.get(path)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        bodies.append(body.decode("utf-8-sig", errors="replace"))
    return "\n".join(bodies)


def test_images_of_events_that_are_not_live_are_not_served(client, calendar):
    month = future(3).strftime("%Y-%m")
    draft_image = make_image("draftsecret")
    make_event(
        calendar,
        title="下書き",
        start=future(3),
        publish=False,
        image=draft_image,
        image_alt_ja="下書きの写真",
    )
    # A live event whose unpublished change picks another picture.
    live = imaged_event(calendar, image_title="livepicture")
    pending_image = make_image("pendingsecret")
    draft = live.get_latest_revision_as_object()
    draft.image = pending_image
    draft.save_revision()
    # A live event that was unpublished afterwards.
    gone = imaged_event(calendar, title="取り下げ", image_title="withdrawnsecret")
    output_before = public_output(client, [f"/en/events/month/{month}/"])
    assert "withdrawnsecret" in output_before  # it was public while live
    EventPage.objects.get(pk=gone.pk).unpublish()

    output = public_output(client, [f"/en/events/month/{month}/"])
    assert "livepicture" in output  # the published picture is there
    for secret in ("draftsecret", "pendingsecret", "withdrawnsecret", "下書きの写真"):
        assert secret not in output, secret


def test_a_published_new_image_re_renders_the_stored_vevent(client, calendar):
    event = imaged_event(calendar, image_title="firstpic")
    assert b"firstpic" in client.get("/en/events/feed.ics").content
    revision_before = EventFeedFragment.objects.get(
        event=event, language="en", kind="vevent"
    ).revision_id
    page = EventPage.objects.get(pk=event.pk)
    page.image = make_image("secondpic")
    page.save_revision().publish()
    body = client.get("/en/events/feed.ics").content
    assert b"secondpic" in body and b"firstpic" not in body
    assert EventFeedFragment.objects.get(event=event, language="en", kind="vevent").revision_id != (
        revision_before
    )


def test_changing_or_deleting_the_image_in_the_library_refreshes_feeds(client, calendar):
    event = imaged_event(calendar, image_title="libpic")
    first = client.get("/en/events/feed.ics")
    api_first = client.get(f"/api/v2/events/{event.pk}/")
    image = EventPage.objects.get(pk=event.pk).image
    # A new focal point: new renditions, without a new revision of the event.
    image.focal_point_x, image.focal_point_y = 10, 10
    image.focal_point_width, image.focal_point_height = 20, 20
    image.save()
    second = client.get("/en/events/feed.ics", HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200 and second["ETag"] != first["ETag"]
    assert client.get(f"/api/v2/events/{event.pk}/")["ETag"] != api_first["ETag"]
    image.delete()
    assert EventPage.objects.get(pk=event.pk).image is None
    body = client.get("/en/events/feed.ics").content
    assert b"IMAGE" not in body and b"libpic" not in body
    assert client.get(f"/api/v2/events/{event.pk}/").json()["image"] is None
    assert "libpic" not in client.get(f"/en/events/{event.slug}/").content.decode()


# --- Cost ---------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/en/events/", "/en/events/{slug}/", "/api/v2/events/"])
def test_images_stay_within_the_query_budget(client, calendar, path):
    events = [imaged_event(calendar, image_title=f"budget{n}") for n in range(5)]
    url = path.format(slug=events[0].slug)
    client.get(url)  # makes the renditions
    if url.startswith("/api/"):
        url += "?lang=en"  # another key than the cached body: a real build
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert len(queries) <= 10, "\n".join(q["sql"][:150] for q in queries.captured_queries)


def test_a_lost_image_file_does_not_break_the_public_output(client, calendar):
    event = imaged_event(calendar, image_title="lostfile")
    image = EventPage.objects.get(pk=event.pk).image
    image.renditions.all().delete()
    image.file.storage.delete(image.file.name)
    from django.core.cache import cache

    cache.clear()  # Wagtail's rendition cache too
    # Rendering is what a lost file could break: drop the stored fragments
    # (rendered while the file was there) so that every page renders anew.
    EventFeedFragment.objects.filter(event=event).delete()
    for url in (f"/en/events/{event.slug}/", "/en/events/", "/en/events/feed.rss"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "lostfile" not in response.content.decode()
    assert client.get(f"/api/v2/events/{event.pk}/").json()["image"] is None
    assert client.get("/en/events/feed.ics").status_code == 200

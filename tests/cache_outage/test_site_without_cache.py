"""The site with its shared cache (the production settings' Redis) stopped:
every public page, feed, the API and the admin answer 200, publishing
works, and once Redis is back — with the values it kept before the outage
restored from its snapshot — nothing stale is served."""

import pytest
from wagtail.models import Page, Site

from tests.factories import jst, make_event
from tests.review_helpers import edit_url, post_edit

pytestmark = pytest.mark.django_db


@pytest.fixture
def now(time_machine):
    time_machine.move_to(jst(2026, 12, 1, 9, 0), tick=False)


@pytest.fixture
def events(calendar, now):
    return [
        make_event(
            calendar,
            title=f"講演{n}",
            title_en=f"Talk {n}",
            slug=f"talk-{n}",
            start=jst(2026, 12, 3 + n, 10),
        )
        for n in range(4)
    ]


def public_urls(events):
    first = events[0]
    return [
        "/ja/events/",
        "/en/events/",
        "/en/events/?category=seminar",
        "/en/events/archive/",
        "/ja/events/month/2026-12/",
        "/en/events/month/2026-12/",
        "/en/events/day/2026-12-03/",
        f"/ja/events/{first.slug}/",
        f"/en/events/{first.slug}/",
        f"/en/events/{first.slug}.ics",
        "/ja/events/feed.ics",
        "/en/events/feed.ics",
        "/en/events/feed.rss",
        "/ja/events/feed.atom",
        "/ja/events/opendata.csv",
        "/api/v2/events/",
        "/api/v2/events/?category=seminar&facets=category",
        f"/api/v2/events/{first.pk}/",
        "/sitemap.xml",
    ]


def bodies(client, urls):
    answers = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        answers[url] = b"".join(response) if response.streaming else response.content
    return answers


def test_with_redis_down_the_public_site_and_the_admin_answer_200(
    client, admin_client, redis_server, redis_cache, events, calendar
):
    urls = public_urls(events)
    bodies(client, urls)  # kept in Redis
    assert redis_server.client().dbsize() > 0
    redis_server.stop()

    bodies(client, urls)
    for url in (
        "/admin/",
        f"/admin/pages/{calendar.pk}/",
        edit_url(events[0]),
        "/admin/reports/site-history/",
    ):
        assert admin_client.get(url).status_code == 200, url
    client.logout()
    assert client.get("/admin/login/").status_code == 200


def test_a_publication_during_the_outage_is_visible_at_once_and_after_it(
    client, admin_client, redis_server, redis_cache, events, calendar
):
    urls = public_urls(events)
    before = bodies(client, urls)
    assert any(b"Talk 0" in body for body in before.values())
    redis_server.stop()  # what Redis kept is saved on disk

    response = post_edit(admin_client, events[0], "action-publish", title_en="Renamed talk")
    assert response.status_code == 302
    renamed = Page.objects.get(pk=events[0].pk).specific
    assert renamed.live and renamed.title_en == "Renamed talk"
    events[1].unpublish()
    added = make_event(calendar, title_en="Added talk", slug="added", start=jst(2026, 12, 3, 15))

    def assert_current(answers):
        for url, body in answers.items():
            assert b"Talk 0" not in body, url
            assert b"Talk 1" not in body, url
        english = [answers[url] for url in urls if "/ja/" not in url and "csv" not in url]
        assert any(b"Renamed talk" in body for body in english)
        assert any(b"Added talk" in body for body in english)

    during = bodies(client, urls)
    assert_current(during)

    redis_server.start()
    assert redis_server.client().dbsize() > 0  # the values kept before the outage
    after = bodies(client, urls)
    assert_current(after)
    assert added.pk
    # And exactly what a cold cache gives.
    redis_server.client().flushdb()
    assert bodies(client, urls) == after


def test_a_site_moved_during_the_outage_has_its_new_address_after_it(
    redis_server, redis_cache, events
):
    # Wagtail keeps the sites' root URLs in the cache (the admin's "view
    # live" links, routing between sites) and deletes them when a site
    # changes: a deletion lost while Redis is down.
    event = Page.objects.get(pk=events[0].pk)
    assert event.full_url.startswith("http://localhost/")
    redis_server.stop()
    site = Site.objects.get(is_default_site=True)
    site.hostname = "events.example.org"
    site.port = 443
    site.save()
    assert Page.objects.get(pk=event.pk).full_url.startswith("https://events.example.org/")

    redis_server.start()
    assert redis_server.client().dbsize() > 0
    assert Page.objects.get(pk=event.pk).full_url.startswith("https://events.example.org/")
    assert [path.root_url for path in Site.get_site_root_paths()] == [
        "https://events.example.org"
    ]

"""An event's page as routed (issue 17): the event, whether a view restriction
applies and its stored article are kept, tagged with the publication state
(``public/event_page.py``), so a visit costs fewer queries than a bare
Wagtail page — and every change the page shows still shows at once."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site

from tests.factories import jst, make_calendar, make_event, make_image, make_organization
from wagtail_eventcal.models import EventPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(calendar, time_machine):
    time_machine.move_to(jst(2026, 12, 1, 9, 0))
    return make_event(
        calendar,
        title_en="Talk",
        start=jst(2026, 12, 3, 10, 0),
        organizations=[make_organization(name_en="Old body")],
    )


def url(event):
    return f"/en/events/{event.slug}/"


def page(client, event):
    response = client.get(url(event))
    return response.status_code, response.content.decode()


def queries(client, path):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return [q["sql"] for q in ctx.captured_queries]


def test_a_visit_costs_wagtails_routing_to_the_calendar_and_the_token(client, event):
    client.get(url(event))
    sql = queries(client, url(event))
    # The site, the home page, the calendar (looked up, then its specific
    # row) and the publication token: a bare Wagtail page costs 6.
    assert len(sql) == 5, sql
    assert "publicationstate" in sql[-1]


def test_another_events_publication_keeps_it(client, calendar, event):
    organization = event.participations.get().organization
    client.get(url(event))
    other = make_event(calendar, title_en="Other", organizations=[organization])
    other.title_en = "Other, renamed"
    other.save_revision().publish()
    assert len(queries(client, url(event))) == 5
    assert "Other, renamed" in page(client, other)[1]


def test_the_first_visit_after_a_change_costs_what_it_cost_before(client, event):
    client.get(url(event))
    cache.clear()
    Site.get_site_root_paths()
    # + the event, Wagtail's two queries for view restrictions, the article.
    assert len(queries(client, url(event))) == 9


def test_publication_and_unpublication_show_at_once_a_draft_never(client, event):
    assert "Talk" in page(client, event)[1]
    draft = EventPage.objects.get(pk=event.pk)
    draft.title_en = "Draft title"
    draft.save_revision()
    status, html = page(client, event)
    assert status == 200 and "Talk" in html and "Draft title" not in html
    draft.save_revision().publish()
    assert "Draft title" in page(client, event)[1]
    EventPage.objects.get(pk=event.pk).unpublish()
    assert page(client, event)[0] == 404
    EventPage.objects.get(pk=event.pk).save_revision().publish()
    assert page(client, event)[0] == 200


@pytest.mark.parametrize("on", ["calendar", "event"])
def test_a_view_restriction_shows_at_once_and_on_every_visit(client, calendar, event, on):
    assert "Talk" in page(client, event)[1]
    restriction = PageViewRestriction.objects.create(
        page=calendar if on == "calendar" else event,
        restriction_type=PageViewRestriction.PASSWORD,
        password="secret",
    )
    for _visit in range(2):
        status, html = page(client, event)
        assert "Talk" not in html and 'name="password"' in html, status
    restriction.delete()
    assert "Talk" in page(client, event)[1]


def test_an_organization_rename_and_an_image_change_show_at_once(client, calendar, event):
    organization = event.participations.get().organization
    assert "Old body" in page(client, event)[1]
    organization.name_en = "New body"
    organization.save()
    html = page(client, event)[1]
    assert "New body" in html and "Old body" not in html

    imaged = make_event(
        calendar, title_en="Imaged", image=make_image("poster"), image_alt_ja="会場の写真"
    )
    before = re.findall(r'property="og:image" content="([^"]+)"', page(client, imaged)[1])
    image = imaged.image
    # New renditions (a focal point) without a new revision of the event.
    image.focal_point_x, image.focal_point_y = 10, 10
    image.focal_point_width, image.focal_point_height = 20, 20
    image.save()
    after = re.findall(r'property="og:image" content="([^"]+)"', page(client, imaged)[1])
    assert before and after and before != after
    image.delete()
    status, html = page(client, imaged)
    assert status == 200 and "og:image" not in html and "<img" not in html


def test_routes_of_the_calendar_and_unknown_slugs_are_as_before(client, calendar, event):
    assert client.get("/en/events/month/").status_code == 200
    assert client.get("/en/events/archive/").status_code == 200
    assert client.get("/en/events/no-such-event/").status_code == 404
    assert client.get(f"/en/events/{event.slug}/extra/").status_code == 404
    # Each language has its own entry.
    assert "Talk" in page(client, event)[1]
    japanese = client.get(f"/ja/events/{event.slug}/").content.decode()
    assert event.title in japanese and "Talk" not in japanese.split("<main")[1]


def test_a_move_above_the_calendar_under_a_restricted_page_shows_at_once(client):
    # Moving a page that is neither a calendar nor an event bumps no token:
    # the calendar's new path is part of the key.
    home = Page.objects.get(depth=2)
    section = home.add_child(instance=Page(title="Section", slug="section"))
    members = home.add_child(instance=Page(title="Members", slug="members"))
    PageViewRestriction.objects.create(
        page=members, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    event = make_event(make_calendar(parent=section), title_en="Talk")
    assert "Talk" in client.get(f"/en/section/events/{event.slug}/").content.decode()
    Page.objects.get(pk=section.pk).move(members, pos="last-child")
    html = client.get(f"/en/members/section/events/{event.slug}/").content.decode()
    assert "Talk" not in html and 'name="password"' in html

"""Settings that are published with an approval but that no reviewer reads
(go-live, expiry, menus, search engines, a published event's slug) are the
secretariat's to set (issue 18, item 12): left out of submitters' and
proxies' forms, and refused on any revision they make."""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from tests.factories import make_delegation, make_event, make_user
from tests.review_helpers import Cast, browser_post_data, edit_url, post_edit
from wagtail_eventcal.models import EventPage

pytestmark = pytest.mark.django_db

SETTINGS = ("go_live_at", "expire_at", "show_in_menus", "seo_title", "search_description")


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def cast(calendar):
    cast = Cast(calendar)
    cast.proxy = make_user("contractor")
    cast.event = make_event(calendar, organizations=[cast.ministry], publish=False, slug="seminar")
    make_delegation(cast.event, cast.proxy, cast.submitter, cast.ministry)
    return cast


def posted_settings():
    soon = timezone.localtime() + timedelta(minutes=3)
    return {
        "go_live_at": (soon + timedelta(days=30)).strftime("%Y-%m-%d %H:%M"),
        "expire_at": soon.strftime("%Y-%m-%d %H:%M"),
        "slug": "moved-away",
        "show_in_menus": "on",
        "seo_title": "Cheap visas",
        "search_description": "spam",
    }


def latest(cast):
    return Page.objects.get(pk=cast.event.pk).get_latest_revision().as_object()


@pytest.mark.parametrize("who", ["proxy", "submitter"])
def test_submitters_and_proxies_cannot_set_them(cast, who):
    client = logged_in(getattr(cast, who))
    form = client.get(edit_url(cast.event)).context["form"]
    assert not set(SETTINGS) & set(form.fields)
    response = post_edit(client, cast.event, "action-submit", **posted_settings())
    assert response.status_code == 302
    draft = latest(cast)
    assert draft.go_live_at is None and draft.expire_at is None
    assert not draft.show_in_menus
    assert draft.seo_title == "" and draft.search_description == ""


@pytest.mark.parametrize("who", ["proxy", "submitter"])
def test_the_address_of_a_published_event_is_the_secretariats(cast, who):
    event = make_event(cast.calendar, organizations=[cast.ministry], slug="fair")
    make_delegation(event, cast.proxy, cast.submitter, cast.ministry)
    client = logged_in(getattr(cast, who))
    before = event.get_latest_revision()
    response = post_edit(client, event, "action-submit", slug="moved-away")
    assert response.status_code == 302
    said = " ".join(m.message for m in response.wsgi_request._messages)
    assert "事務局だけが設定できます" in said
    page = EventPage.objects.get(pk=event.pk)
    assert page.get_latest_revision() == before and page.slug == "fair"
    assert not page.workflow_in_progress


def test_reviewers_can(cast):
    client = logged_in(cast.reviewer)
    form = client.get(edit_url(cast.event)).context["form"]
    assert set(SETTINGS) <= set(form.fields)
    later = (timezone.localtime() + timedelta(days=60)).strftime("%Y-%m-%d %H:%M")
    response = post_edit(client, cast.event, **{**posted_settings(), "expire_at": later})
    assert response.status_code == 302
    draft = latest(cast)
    assert draft.slug == "moved-away" and draft.expire_at is not None
    assert draft.seo_title == "Cheap visas" and draft.show_in_menus


@pytest.mark.parametrize("who", ["proxy", "submitter"])
def test_reverting_to_a_revision_with_other_settings_is_refused(cast, who):
    # A reviewer once set an expiry; the proxy/submitter tries to bring back
    # a revision with another one through the admin API.
    event = EventPage.objects.get(pk=cast.event.pk)
    event.expire_at = timezone.now() + timedelta(minutes=3)
    old = event.save_revision(user=cast.reviewer)
    event.expire_at = timezone.now() + timedelta(days=90)
    event.save_revision(user=cast.reviewer)
    response = logged_in(getattr(cast, who)).post(
        reverse("wagtailadmin_api:pages:action", args=[event.pk, "revert_to_page_revision"]),
        json.dumps({"revision_id": old.pk}),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert latest(cast).expire_at > timezone.now() + timedelta(days=80)


def test_a_submitter_still_creates_events(cast):
    client = logged_in(cast.submitter)
    add = f"/admin/pages/add/wagtail_eventcal/eventpage/{cast.calendar.pk}/"
    form = client.get(add).context["form"]
    assert not set(SETTINGS) & set(form.fields)
    # Start from the existing event's form data: a complete, valid event.
    data = browser_post_data(logged_in(cast.submitter).get(edit_url(cast.event)).context["form"])
    data.update(title="Career fair 2027", slug="career-fair-2027")
    response = client.post(add, data)
    assert response.status_code == 302, response.context["form"].errors
    created = EventPage.objects.get(title="Career fair 2027")
    assert created.slug == "career-fair-2027" and created.expire_at is None

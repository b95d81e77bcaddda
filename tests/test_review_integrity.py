"""What the secretariat reviewed is what gets published (issue 18, item 1):
while an event is in review nobody but a reviewer makes a revision of it, by
any route; approval refuses content that changed after the submission."""

import json

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, Revision, WorkflowState

from wagtail_eventcal import delegation as rules
from wagtail_eventcal.models import EventPage, Notification

from .factories import make_event, make_user
from .review_helpers import Cast, post_edit, workflow_action

pytestmark = pytest.mark.django_db

EVIL = {"title": "EVIL", "detail_url": "https://phish.example/login"}
CLEAN_TITLE = "高度人材セミナー（審査用）"


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


class World:
    """An event of the ministry delegated to a proxy; a harmful draft saved
    by ``author`` (the proxy or the submitter), then a clean version submitted."""

    def __init__(self, calendar, author):
        cast = Cast(calendar)
        self.cast = cast
        self.reviewer = cast.reviewer
        self.proxy = make_user("contractor", first_name="Taro")
        self.submitter = cast.submitter
        self.event = make_event(calendar, organizations=[cast.ministry], publish=False)
        rules.delegate_event(
            self.event,
            delegate=self.proxy,
            granted_by=cast.submitter,
            organization=cast.ministry,
            acknowledged_proxy_entry=True,
            acknowledged_this_event_only=True,
        )
        self.author = {"proxy": self.proxy, "submitter": self.submitter}[author]
        client = logged_in(self.author)
        assert post_edit(client, self.event, **EVIL).status_code == 302
        self.evil_revision = self.latest()
        assert self.evil_revision.content["title"] == "EVIL"
        response = post_edit(client, self.event, "action-submit", title=CLEAN_TITLE, detail_url="https://example.org/seminar")
        assert response.status_code == 302
        self.submitted = self.latest()
        assert self.state().status == WorkflowState.STATUS_IN_PROGRESS

    def latest(self):
        return Page.objects.get(pk=self.event.pk).get_latest_revision()

    def state(self):
        return WorkflowState.objects.for_instance(self.event).get()

    def page(self):
        return EventPage.objects.get(pk=self.event.pk)


@pytest.fixture(params=["proxy", "submitter"])
def world(request, calendar):
    return World(calendar, request.param)


def revert_api_url(page):
    return reverse("wagtailadmin_api:pages:action", args=[page.pk, "revert_to_page_revision"])


def test_the_admin_api_cannot_revert_an_event_in_review(world):
    client = logged_in(world.author)
    response = client.post(
        revert_api_url(world.event),
        json.dumps({"revision_id": world.evil_revision.pk}),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert world.latest() == world.submitted

    response = workflow_action(logged_in(world.reviewer), world.event, "approve")
    assert response.status_code == 302
    page = world.page()
    assert page.live and page.title == CLEAN_TITLE
    assert page.live_revision == world.submitted

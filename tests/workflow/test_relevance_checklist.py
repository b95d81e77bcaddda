"""The relevance checklist of the review screen: posting rules 1-4 quoted,
confirmed in the decision dialog and recorded with the decision (issue 12,
item 5)."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from wagtail_eventcal.models import EventPage, EventReviewTaskState
from wagtail_eventcal.workflow.checklist import CODES

from ..factories import make_event
from ..review_helpers import Cast, edit_url, post_edit, workflow_action

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(calendar):
    return Cast(calendar)


@pytest.fixture
def submitted(client, cast):
    event = make_event(
        cast.calendar, organizations=[cast.ministry], publish=False, owner=cast.submitter
    )
    client.force_login(cast.submitter)
    post_edit(client, event, "action-submit")
    client.force_login(cast.reviewer)
    return event


def the_round(event):
    return EventReviewTaskState.objects.for_instance(event).latest("started_at")


def test_review_screen_quotes_rules_one_to_four_for_reviewers_only(client, cast, submitted):
    html = client.get(edit_url(submitted)).content.decode()
    assert "data-eventcal-checklist" in html
    for code in CODES:
        assert f'data-checklist-item="{code}"' in html
    assert "主目的に開催するイベントは対象外" in html  # rule 1 in the document's words
    assert "highly skilled foreign professionals" in html
    client.force_login(cast.submitter)
    assert "data-eventcal-checklist" not in client.get(edit_url(submitted)).content.decode()


def test_the_approve_dialog_asks_for_the_checklist(client, submitted):
    page = Page.objects.get(pk=submitted.pk)
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, "approve", page.current_workflow_task_state.pk],
    )
    dialog = client.get(url).json()["html"]
    assert 'name="checklist"' in dialog and "rule4_detail_page" in dialog


@pytest.mark.parametrize("ticked", [[], list(CODES[:3])])
def test_publication_needs_every_item(client, submitted, ticked):
    workflow_action(client, submitted, "approve", checklist=ticked)
    assert not EventPage.objects.get(pk=submitted.pk).live
    assert the_round(submitted).status == "in_progress"


def test_the_confirmation_is_recorded_with_the_decision(client, submitted):
    workflow_action(client, submitted, "approve", checklist=list(CODES))
    assert EventPage.objects.get(pk=submitted.pk).live
    assert the_round(submitted).checklist == list(CODES)
    html = client.get(edit_url(submitted)).content.decode()
    assert "data-eventcal-checklist-recorded" in html


def test_a_return_records_what_the_reviewer_ticked(client, submitted):
    comment = "概要ページがありません。"
    workflow_action(client, submitted, "return", comment=comment, checklist=["rule4_detail_page"])
    task_state = the_round(submitted)
    assert task_state.decision == "return"
    assert task_state.checklist == ["rule4_detail_page"]

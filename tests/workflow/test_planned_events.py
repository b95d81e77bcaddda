"""Planned events only, and the audience required at submission: refused
where an event is submitted (edit and create views), shown to the reviewer
when the event ends in review, and approved then only when confirmed."""

import pytest
from django.urls import reverse
from wagtail.models import Page, WorkflowState

from wagtail_eventcal.models import EventPage

from ..admin_screens import set_admin_language
from ..factories import jst, make_event
from ..review_helpers import (
    Cast,
    add_url,
    create_post_data,
    edit_url,
    post_edit,
    workflow_action,
)

pytestmark = pytest.mark.django_db

RULE_2_1 = (
    "「掲載するイベントは公的機関の関与する高度外国人材の活躍推進に資するイベントに限り、"
    "技能実習生や留学生のアルバイトなど、在留資格でいう専門的・技術的分野での就労以外の"
    "外国人材活用を主目的に開催するイベントは対象外とする。」（原則2.(1)）"
)
PLANNED = "「各省庁並びに関係公的機関にて実施予定の高度外国人材に係るイベント」"


@pytest.fixture
def cast(calendar, time_machine):
    time_machine.move_to(jst(2026, 12, 1, 9, 0), tick=False)
    return Cast(calendar)


def draft(cast, **fields):
    return make_event(
        cast.calendar, organizations=[cast.ministry], publish=False, owner=cast.submitter, **fields
    )


def in_review(event):
    return WorkflowState.objects.filter(
        object_id=str(event.pk), status=WorkflowState.STATUS_IN_PROGRESS
    ).exists()


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ja", PLANNED), ("en", "The event has already ended: the calendar lists planned events")],
)
def test_an_ended_event_is_refused_at_submission(client, cast, language, expected):
    # It ended 15 days before its submission (the case the audit found).
    event = draft(cast, start=jst(2026, 11, 16, 10, 0), end=jst(2026, 11, 16, 12, 0))
    set_admin_language(cast.submitter, language)
    client.force_login(cast.submitter)
    response = post_edit(client, event, "action-submit")
    assert response.status_code == 200
    assert expected in response.content.decode()
    assert not in_review(event)


def test_an_event_ending_today_later_may_be_submitted(client, cast):
    event = draft(cast, start=jst(2026, 12, 1, 8, 0), end=jst(2026, 12, 1, 17, 0))
    client.force_login(cast.submitter)
    assert post_edit(client, event, "action-submit").status_code == 302
    assert in_review(event)


def test_a_new_ended_event_is_kept_as_a_draft(client, cast):
    client.force_login(cast.submitter)
    data = create_post_data(
        client,
        cast,
        cast.ministry,
        title="終了済みのセミナー",
        slug="ended-seminar",
        start="2026-11-10 10:00",
        end="2026-11-10 12:00",
    )
    data["action-submit"] = "action-submit"
    response = client.post(add_url(cast.calendar), data, follow=True)
    event = EventPage.objects.get(slug="ended-seminar")
    assert not in_review(event)
    assert PLANNED in response.content.decode()


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ja", RULE_2_1),
        (
            "en",
            "such as Technical Intern Training trainees or part-time work by international "
            "students, are out of scope (posting rule 1)",
        ),
    ],
)
def test_a_draft_may_leave_the_audience_empty_but_not_a_submission(
    client, cast, language, expected
):
    event = draft(cast)
    set_admin_language(cast.submitter, language)
    client.force_login(cast.submitter)
    assert post_edit(client, event, None, residence_audiences=[]).status_code == 302
    saved = EventPage.objects.get(pk=event.pk).get_latest_revision_as_object()
    assert saved.residence_audiences == []
    response = post_edit(client, event, "action-submit", residence_audiences=[])
    assert response.status_code == 200
    assert expected in response.content.decode()
    assert not in_review(event)
    chosen = post_edit(client, event, "action-submit", residence_audiences=["engineer_specialist"])
    assert chosen.status_code == 302
    assert in_review(event)


@pytest.fixture
def ended_in_review(client, cast, time_machine):
    event = draft(cast, start=jst(2026, 12, 3, 14, 0), end=jst(2026, 12, 3, 16, 0))
    client.force_login(cast.submitter)
    assert post_edit(client, event, "action-submit").status_code == 302
    time_machine.move_to(jst(2026, 12, 4, 9, 0), tick=False)
    client.force_login(cast.reviewer)
    return event


@pytest.mark.parametrize(
    ("language", "expected"), [("ja", PLANNED), ("en", "The event has already ended")]
)
def test_the_reviewer_is_shown_that_it_ended_in_review(
    client, cast, ended_in_review, language, expected
):
    set_admin_language(cast.reviewer, language)
    assert expected in client.get(edit_url(ended_in_review)).content.decode()
    queue = client.get(reverse("eventcal_review:open")).content.decode()
    assert expected in queue


@pytest.mark.parametrize(
    ("language", "refusal"),
    [("ja", "このイベントは審査中に終了しました"), ("en", "ended while it was in review")],
)
def test_approval_of_an_ended_event_needs_the_confirming_step(
    client, cast, ended_in_review, language, refusal
):
    set_admin_language(cast.reviewer, language)
    page = Page.objects.get(pk=ended_in_review.pk)
    dialog = client.get(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[page.pk, "approve", page.current_workflow_task_state.pk],
        )
    ).json()["html"]
    assert 'name="publish_ended"' in dialog
    response = workflow_action(client, ended_in_review, "approve")
    assert not EventPage.objects.get(pk=ended_in_review.pk).live
    assert in_review(ended_in_review)
    assert response.status_code == 302
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any(refusal in m for m in messages)
    workflow_action(client, ended_in_review, "approve", publish_ended="on")
    assert EventPage.objects.get(pk=ended_in_review.pk).live


def test_a_planned_event_needs_no_confirmation(client, cast):
    event = draft(cast)
    client.force_login(cast.submitter)
    post_edit(client, event, "action-submit")
    client.force_login(cast.reviewer)
    workflow_action(client, event, "approve")
    assert EventPage.objects.get(pk=event.pk).live

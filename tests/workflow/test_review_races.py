"""Simultaneous requests on one submission (issue 18, items 2 and 8), as
real concurrent requests: two threads, each with its own database
connection, released together against committed data. Row locks are what
is tested, so this runs on PostgreSQL (``make test-postgres`` and CI);
SQLite serialises every write on its database lock instead."""


import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, WorkflowState
from wagtail.users.models import UserProfile

from tests.concurrency import at_once
from tests.factories import make_event, make_user
from tests.review_helpers import Cast, browser_post_data, edit_url, post_edit, workflow_action
from wagtail_eventcal.models import EventPage, EventReviewTaskState, Notification
from wagtail_eventcal.workflow import checklist

pytestmark = [
    pytest.mark.django_db(transaction=True),  # migrated rows: tests/conftest.py
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks: run with DATABASE_URL=postgres://…"
    ),
]


def logged_in(user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"  # the messages asserted below
    profile.save()
    client = Client()
    client.force_login(user)
    return client



def messages_of(response):
    return " | ".join(str(m) for m in get_messages(response.wsgi_request))


@pytest.fixture
def cast(db):
    from tests.factories import make_calendar

    cast = Cast(make_calendar())
    cast.reviewer2 = make_user("reviewer2", groups=[cast.reviewers])
    cast.event = make_event(cast.calendar, organizations=[cast.ministry], publish=False)
    return cast


@pytest.fixture
def submitted(cast):
    response = post_edit(logged_in(cast.submitter), cast.event, "action-submit")
    assert response.status_code == 302
    return cast


def decide(client, cast, action, **data):
    if action == "approve":  # approving confirms the whole relevance checklist
        data.setdefault("checklist", list(checklist.CODES))
    task_state = Page.objects.get(pk=cast.event.pk).current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[cast.event.pk, action, task_state.pk])
    return lambda: client.post(url, data)


LOSER_MESSAGES = ("Another reviewer has decided", "not currently awaiting moderation")


def decision_mails(cast):
    return list(
        Notification.objects.filter(
            recipient=cast.submitter.email, kind__in=["approve", "return", "request_confirmation"]
        ).values_list("kind", flat=True)
    )


@pytest.mark.parametrize("repeat", range(3))
def test_approve_and_return_at_once_one_decision_wins(submitted, repeat):
    cast = submitted
    first, second = logged_in(cast.reviewer), logged_in(cast.reviewer2)
    results = at_once(
        decide(first, cast, "approve"),
        decide(second, cast, "return", comment="日付を確認してください。"),
    )
    assert all(r.status_code == 302 for r in results), results
    (round_,) = EventReviewTaskState.objects.filter(page=cast.event)
    state = WorkflowState.objects.for_instance(cast.event).get()
    page = EventPage.objects.get(pk=cast.event.pk)
    if round_.status == "approved":
        assert state.status == "approved" and page.live
        assert decision_mails(cast) == ["approve"]
    else:
        assert round_.status == "rejected" and round_.decision == "return"
        assert state.status == "needs_changes" and not page.live
        assert decision_mails(cast) == ["return"]
    losers = [r for r in results if any(m in messages_of(r) for m in LOSER_MESSAGES)]
    assert len(losers) == 1, [messages_of(r) for r in results]


@pytest.mark.parametrize("repeat", range(3))
def test_two_approvals_at_once_publish_once(submitted, repeat):
    cast = submitted
    revisions = cast.event.revisions.count()
    results = at_once(
        decide(logged_in(cast.reviewer), cast, "approve"),
        decide(logged_in(cast.reviewer2), cast, "approve"),
    )
    assert all(r.status_code == 302 for r in results), results
    page = EventPage.objects.get(pk=cast.event.pk)
    assert page.live
    assert page.revisions.count() == revisions  # published as submitted, nothing added
    from wagtail.models import PageLogEntry

    assert PageLogEntry.objects.filter(page=page, action="wagtail.workflow.approve").count() == 1
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish").count() == 1
    assert decision_mails(cast) == ["approve"]
    losers = [r for r in results if any(m in messages_of(r) for m in LOSER_MESSAGES)]
    assert len(losers) == 1, [messages_of(r) for r in results]


@pytest.mark.parametrize("repeat", range(3))
def test_a_double_submit_gets_the_already_submitted_message(cast, repeat):
    first, second = logged_in(cast.submitter), logged_in(cast.submitter)
    form = first.get(edit_url(cast.event)).context["form"]
    data = {**browser_post_data(form), "action-submit": "1"}
    url = edit_url(cast.event)
    results = at_once(lambda: first.post(url, data), lambda: second.post(url, data))
    assert not any(isinstance(r, Exception) for r in results), results
    assert [r.status_code for r in results] == [302, 302]
    assert WorkflowState.objects.for_instance(cast.event).count() == 1
    assert EventReviewTaskState.objects.filter(page=cast.event).count() == 1
    to_reviewer = Notification.objects.filter(recipient=cast.reviewer.email, kind="submitted")
    assert to_reviewer.count() == 1
    said = [messages_of(r) for r in results]
    assert sum("already been submitted" in m for m in said) == 1, said


def test_two_answers_at_once_resume_the_review_once(submitted):
    """Two answers to one confirmation request sent at the same moment: the
    workflow row is locked, so one resumes the review and the other finds no
    question waiting."""
    from django.core.exceptions import PermissionDenied, ValidationError

    from wagtail_eventcal.workflow.answer import answer_confirmation

    cast = submitted
    reviewer = logged_in(cast.reviewer)
    workflow_action(reviewer, cast.event, "request_confirmation", comment="定員は？")

    def answer(text):
        def call():
            try:
                answer_confirmation(EventPage.objects.get(pk=cast.event.pk), cast.submitter, text)
                return "resumed"
            except (ValidationError, PermissionDenied):
                return "refused"

        return call

    outcomes = at_once(answer("回答1"), answer("回答2"))
    assert sorted(outcomes) == ["refused", "resumed"], outcomes
    rounds = EventReviewTaskState.objects.for_instance(cast.event)
    assert rounds.count() == 2
    assert WorkflowState.objects.for_instance(cast.event).get().status == "in_progress"


@pytest.mark.parametrize("opposite", [False, True], ids=["same-merge", "opposite-merges"])
def test_two_merges_at_once_one_wins(cast, opposite):
    """Two reviewers merge the same duplicate pair at the same moment (issue
    15, item 2) — the same way, or each into the other: both pages' rows are
    locked in id order, so one merge is made, the other is refused, and one
    mail goes out."""
    from wagtail_eventcal.models import EventMerge

    other_org = make_user("osaka_staff")
    other = make_event(cast.calendar, organizations=[cast.ministry], owner=other_org)
    kept = cast.event
    Page.objects.filter(pk=kept.pk).update(owner=cast.submitter)  # told if withdrawn
    first, second = logged_in(cast.reviewer), logged_in(cast.reviewer2)

    def merging(client, withdrawn, into):
        url = reverse("eventcal_review:merge", args=[withdrawn.pk, into.pk])
        return lambda: client.post(url, {"comment": "", "withdraw_live": "on"})

    results = at_once(
        merging(first, other, kept),
        merging(second, kept, other) if opposite else merging(second, other, kept),
    )
    assert not any(isinstance(r, Exception) for r in results), results
    assert sorted(r.status_code for r in results) == [200, 302], results
    (record,) = EventMerge.objects.all()
    loser = next(r for r in results if r.status_code == 200)
    assert "merged into another event and withdrawn" in loser.content.decode()
    # One merge's mails only: one per person told, none from the refused merge.
    keys = list(Notification.objects.filter(kind="merged").values_list("dedupe_key", flat=True))
    assert keys and all(key.startswith(f"merged:{record.pk}:") for key in keys)
    assert len(keys) == len(set(keys))
    assert not EventPage.objects.get(pk=record.withdrawn_id).live

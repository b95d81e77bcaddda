"""Answering a confirmation request (「確認」) with a message, optionally with
edits; a return (「差戻」) still needs a new version (issue 12, item 3)."""

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from wagtail.models import PageLogEntry, WorkflowState

from wagtail_eventcal.models import EventPage, EventReviewTaskState
from wagtail_eventcal.workflow.answer import answer_confirmation

from ..factories import make_event, make_user
from ..review_helpers import Cast, edit_url, post_edit, workflow_action

pytestmark = pytest.mark.django_db
QUESTION = "定員は何名ですか？"
ANSWER = "80名です。変更はありません。"


@pytest.fixture
def cast(calendar):
    return Cast(calendar)


@pytest.fixture
def asked(client, cast, django_capture_on_commit_callbacks):
    """An event submitted and then asked about by the reviewer."""
    event = make_event(
        cast.calendar, organizations=[cast.ministry], publish=False, owner=cast.submitter
    )
    client.force_login(cast.submitter)
    post_edit(client, event, "action-submit")
    client.force_login(cast.reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        workflow_action(client, event, "request_confirmation", comment=QUESTION)
    # The question's mail leads to the answer form.
    (question_mail,) = [m for m in mail.outbox if "submitter@example.org" in m.to]
    assert answer_url(event) in question_mail.body
    mail.outbox.clear()
    return event


def answer_url(event):
    return reverse("eventcal_review:answer", args=[event.pk])


def rounds(page):
    return list(EventReviewTaskState.objects.for_instance(page).order_by("started_at", "pk"))


def test_answer_with_a_message_resubmits_without_a_new_version(
    client, cast, asked, django_capture_on_commit_callbacks
):
    revisions = asked.revisions.count()
    client.force_login(cast.submitter)
    page = client.get(edit_url(asked)).content.decode()
    assert answer_url(asked) in page  # the edit screen offers the answer
    form = client.get(answer_url(asked))
    assert form.status_code == 200 and QUESTION in form.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(answer_url(asked), {"answer": ANSWER})
    assert response.status_code == 302
    assert WorkflowState.objects.for_instance(asked).get().status == "in_progress"
    assert asked.revisions.count() == revisions  # nothing had to change
    first, second = rounds(asked)
    assert (second.question, second.answer) == (QUESTION, ANSWER)
    assert second.revision_id == first.revision_id

    # The reviewer's mail carries the question and the answer.
    (to_reviewer,) = [m for m in mail.outbox if "reviewer@example.org" in m.to]
    assert QUESTION in to_reviewer.body and ANSWER in to_reviewer.body

    # The history has it, the dashboard and the review screen show it by the question.
    entry = PageLogEntry.objects.get(page=asked, action="eventcal.confirmation_answered")
    assert entry.data == {"question": QUESTION, "answer": ANSWER}
    assert entry.user == cast.submitter
    client.force_login(cast.reviewer)
    history = client.get(reverse("wagtailadmin_pages:history", args=[asked.pk])).content
    assert ANSWER in history.decode()
    for url in (reverse("wagtailadmin_home"), edit_url(asked)):
        html = client.get(url).content.decode()
        assert QUESTION in html and ANSWER in html, url
        assert html.index(QUESTION) < html.index(ANSWER)


def test_answer_with_edits_resubmits_the_saved_draft(client, cast, asked):
    client.force_login(cast.submitter)
    post_edit(client, asked, None, capacity="80")  # saved as a draft first
    client.post(answer_url(asked), {"answer": "定員を入れました。"})
    second = rounds(asked)[1]
    assert second.revision.as_object().capacity == 80
    assert second.answer == "定員を入れました。"
    assert not EventPage.objects.get(pk=asked.pk).live  # resubmitted, not published


def test_resubmitting_by_editing_carries_the_question_without_an_answer(client, cast, asked):
    client.force_login(cast.submitter)
    post_edit(client, asked, "action-submit", capacity="80")
    second = rounds(asked)[1]
    assert (second.question, second.answer) == (QUESTION, "")


def test_empty_answer_is_refused(client, cast, asked):
    client.force_login(cast.submitter)
    response = client.post(answer_url(asked), {"answer": "   "})
    assert response.status_code == 200
    assert WorkflowState.objects.for_instance(asked).get().status == "needs_changes"


def test_a_return_needs_a_new_version_not_a_message(
    client, cast, django_capture_on_commit_callbacks
):
    event = make_event(
        cast.calendar, organizations=[cast.ministry], publish=False, owner=cast.submitter
    )
    client.force_login(cast.submitter)
    post_edit(client, event, "action-submit")
    client.force_login(cast.reviewer)
    workflow_action(client, event, "return", comment="会場を入れてください。")
    client.force_login(cast.submitter)
    assert answer_url(event) not in client.get(edit_url(event)).content.decode()
    response = client.get(answer_url(event))
    assert response.status_code == 302
    assert any("再提出" in str(m) for m in get_messages(response.wsgi_request))
    client.post(answer_url(event), {"answer": "入れました"})
    assert WorkflowState.objects.for_instance(event).get().status == "needs_changes"
    with pytest.raises(ValidationError) as refused:
        answer_confirmation(event, cast.submitter, "入れました")
    assert refused.value.code == "return"


def test_only_those_who_may_submit_the_event_answer(client, cast, asked):
    other = make_user("other_submitter", groups=[cast.submitters])
    client.force_login(other)
    assert client.get(answer_url(asked)).status_code in (302, 403)
    client.post(answer_url(asked), {"answer": "横から答えます"})
    assert WorkflowState.objects.for_instance(asked).get().status == "needs_changes"


def test_the_answer_form_is_reachable_from_the_submitters_screens(client, cast, asked):
    client.force_login(cast.submitter)
    assert answer_url(asked) in client.get(reverse("wagtailadmin_home")).content.decode()
    assert answer_url(asked) in client.get(reverse("eventcal_review:mine")).content.decode()
    client.post(answer_url(asked), {"answer": ANSWER})
    mine = client.get(reverse("eventcal_review:mine")).content.decode()
    assert ANSWER in mine and answer_url(asked) not in mine


def test_a_second_answer_finds_no_question_waiting(cast, asked):
    """The second of two answers (two tabs, or the submitter and the proxy)
    is refused once the first has resumed the review: the event is locked in
    review again. The simultaneous case is in
    tests/workflow/test_review_races.py (row locks, PostgreSQL)."""
    answer_confirmation(EventPage.objects.get(pk=asked.pk), cast.submitter, "回答1")
    with pytest.raises(PermissionDenied):
        answer_confirmation(EventPage.objects.get(pk=asked.pk), cast.submitter, "回答2")
    assert len(rounds(asked)) == 2
    assert WorkflowState.objects.for_instance(asked).get().status == "in_progress"

"""The whole review through the real admin: submit → return → resubmit →
request confirmation → resubmit → approve → live, with the mails."""

from datetime import date

import pytest
import time_machine
from django.core import mail
from wagtail.models import PageLogEntry, WorkflowState

from tests.factories import jst, make_event, make_organization
from tests.review_helpers import Cast, edit_url, post_edit, workflow_action
from wagtail_eventcal.models import EventPage, EventReviewTaskState, Notification

pytestmark = pytest.mark.django_db

# Wednesday 25 Nov 2026, 10:00 JST.
WEDNESDAY = jst(2026, 11, 25, 10, 0)


@pytest.fixture
def cast(calendar):
    return Cast(calendar)


@pytest.fixture
def draft(cast):
    return make_event(
        cast.calendar,
        organizations=[cast.ministry],
        publish=False,
        title="高度人材セミナー",
        title_en="Seminar for professionals",
        owner=cast.submitter,
    )


def mails_to(address):
    return [m for m in mail.outbox if address in m.to]


def rounds(page):
    return list(EventReviewTaskState.objects.for_instance(page).order_by("started_at", "pk"))


def test_the_whole_review(client, cast, draft, django_capture_on_commit_callbacks):
    # --- the submitter submits -------------------------------------------
    client.force_login(cast.submitter)
    with (
        time_machine.travel(WEDNESDAY, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = post_edit(client, draft, "action-submit")
    assert response.status_code == 302
    state = WorkflowState.objects.get(object_id=str(draft.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    first = rounds(draft)[0]
    assert first.submitted_by == cast.submitter
    assert first.due_date == date(2026, 11, 30)  # Thu, Fri, Mon
    assert first.verdict_status == "eligible"

    to_reviewer = mails_to("reviewer@example.org")
    assert len(to_reviewer) == 1
    assert "【審査依頼】高度人材セミナー" in to_reviewer[0].subject
    assert "New submission: Seminar for professionals" in to_reviewer[0].subject
    body = to_reviewer[0].body
    assert "イベントが投稿されました" in body and "An event was submitted for review" in body
    assert to_reviewer[0].alternatives[0][1] == "text/html"
    assert '<section lang="en">' in to_reviewer[0].alternatives[0][0]
    receipt = mails_to("submitter@example.org")
    assert len(receipt) == 1 and "Received" in receipt[0].subject
    assert "OpenforProfessionals@jetro.go.jp" in receipt[0].body  # the secretariat's contact

    # While in review the submitter cannot change the event (Wagtail locks it).
    page = EventPage.objects.get(pk=draft.pk)
    assert page.current_workflow_task.locked_for_user(page, cast.submitter)

    # --- the reviewer returns it; a return needs a comment --------------------
    client.force_login(cast.reviewer)
    mail.outbox.clear()
    workflow_action(client, draft, "return", comment="   ")
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS  # refused: nothing happened
    with (
        time_machine.travel(jst(2026, 11, 26, 15, 0), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = workflow_action(
            client, draft, "return", comment="英語の概要を追加してください。"
        )
    assert response.status_code == 302
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert rounds(draft)[0].decision == "return"
    returned = mails_to("submitter@example.org")
    assert len(returned) == 1, [(m.subject, m.to) for m in returned]
    assert "【差戻】" in returned[0].subject and "Returned for changes" in returned[0].subject
    assert "英語の概要を追加してください。" in returned[0].body

    # --- the submitter sees the comment in the admin and resubmits ----------------
    client.force_login(cast.submitter)
    response = client.get(edit_url(draft))
    assert "英語の概要を追加してください。" in response.content.decode()
    mail.outbox.clear()
    with (
        time_machine.travel(jst(2026, 11, 30, 9, 0), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        post_edit(client, draft, "action-submit", summary_en="Added an English summary.")
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert WorkflowState.objects.filter(object_id=str(draft.pk)).count() == 1  # same review
    second = rounds(draft)[1]
    # Each receipt is owed its own 3 business days (posting rule 5): Tue, Wed, Thu.
    assert second.due_date == date(2026, 12, 3)
    assert "Resubmitted" in mails_to("reviewer@example.org")[0].subject

    # --- the reviewer asks a question ------------------------------------------
    client.force_login(cast.reviewer)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow_action(client, draft, "request_confirmation", comment="定員は何名ですか？")
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert rounds(draft)[1].decision == "request_confirmation"
    asked = mails_to("submitter@example.org")[0]
    assert "【確認依頼】" in asked.subject and "Please confirm" in asked.subject
    assert "定員は何名ですか？" in asked.body

    # --- resubmitted, then approved: live -----------------------------------------
    client.force_login(cast.submitter)
    with django_capture_on_commit_callbacks(execute=True):
        post_edit(client, draft, "action-submit", capacity="80")
    client.force_login(cast.reviewer)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow_action(client, draft, "approve")
    page = EventPage.objects.get(pk=draft.pk)
    assert page.live
    assert page.capacity == 80 and page.summary_en == "Added an English summary."
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    published = mails_to("submitter@example.org")[0]
    assert "【公開】" in published.subject and "Published" in published.subject
    assert "http://testserver/ja/events/" in published.body
    assert "http://testserver/en/events/" in published.body

    # --- every decision is in Wagtail's history ----------------------------------------
    entries = PageLogEntry.objects.filter(page=page).order_by("timestamp", "pk")
    decisions = [
        (e.action, e.user, e.data.get("comment"))
        for e in entries
        if e.action in ("wagtail.workflow.reject", "wagtail.workflow.approve")
    ]
    assert decisions == [
        (
            "wagtail.workflow.reject",
            cast.reviewer,
            "差戻 / Returned for changes: 英語の概要を追加してください。",
        ),
        (
            "wagtail.workflow.reject",
            cast.reviewer,
            "確認依頼 / Confirmation requested: 定員は何名ですか？",
        ),
        ("wagtail.workflow.approve", cast.reviewer, ""),
    ]
    assert "wagtail.publish" in {e.action for e in entries}
    assert Notification.objects.filter(sent_at__isnull=True).count() == 0


def test_ineligible_submission_is_refused_with_reasons(client, cast):
    foundation = make_organization(body_types=("general_foundation",))
    event = make_event(
        cast.calendar, organizations=[foundation], publish=False, owner=cast.submitter
    )
    client.force_login(cast.submitter)
    response = post_edit(client, event, "action-submit")
    assert response.status_code == 200
    content = response.content.decode()
    assert "このイベントは投稿できません" in content or "cannot be submitted" in content
    assert "FAQ" in content
    assert not WorkflowState.objects.filter(object_id=str(event.pk)).exists()
    # Saving a draft is still possible.
    response = post_edit(client, event, None, summary_ja="下書き")
    assert response.status_code == 302
    assert EventPage.objects.get(pk=event.pk).get_latest_revision_as_object().summary_ja == "下書き"


def test_needs_review_submission_carries_its_flag(client, cast, django_capture_on_commit_callbacks):
    event = make_event(
        cast.calendar,
        organizations=[cast.ministry],
        publish=False,
        residence_audiences=["specified_skilled_worker"],
    )
    client.force_login(cast.submitter)
    with django_capture_on_commit_callbacks(execute=True):
        post_edit(client, event, "action-submit")
    review = rounds(event)[0]
    assert review.verdict_status == "needs_review"
    assert [r.code for r in review.reasons()] == ["specified_skilled_worker"]
    to_reviewer = mails_to("reviewer@example.org")[0]
    assert "特定技能" in to_reviewer.body and "Specified Skilled Worker" in to_reviewer.body
    client.force_login(cast.reviewer)
    response = client.get(edit_url(event))
    assert 'data-eventcal-verdict="needs_review"' in response.content.decode()


def test_edit_of_a_live_event_is_reviewed_while_the_live_version_stays(
    client, cast, django_capture_on_commit_callbacks
):
    event = make_event(cast.calendar, organizations=[cast.ministry], title="公開中のイベント")
    client.force_login(cast.submitter)
    with django_capture_on_commit_callbacks(execute=True):
        post_edit(client, event, "action-submit", title="変更後のタイトル")
    page = EventPage.objects.get(pk=event.pk)
    assert page.live and page.title == "公開中のイベント" and page.has_unpublished_changes
    assert client.get(page.url).content.decode().count("公開中のイベント") >= 1
    client.force_login(cast.reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        workflow_action(client, event, "approve")
    page.refresh_from_db()
    assert page.title == "変更後のタイトル" and not page.has_unpublished_changes


def test_submitter_can_not_publish_or_act_on_the_review(
    client, cast, draft, django_capture_on_commit_callbacks
):
    client.force_login(cast.submitter)
    with django_capture_on_commit_callbacks(execute=True):
        post_edit(client, draft, "action-publish")
    assert not EventPage.objects.get(pk=draft.pk).live
    with django_capture_on_commit_callbacks(execute=True):
        post_edit(client, draft, "action-submit")
    response = workflow_action(client, draft, "approve")
    assert response.status_code == 302 and response["Location"] == "/admin/"  # denied
    assert not EventPage.objects.get(pk=draft.pk).live
    state = WorkflowState.objects.get(object_id=str(draft.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


def test_a_failing_mail_backend_loses_nothing(
    client, cast, draft, use_mail_backend, django_capture_on_commit_callbacks, time_machine
):
    use_mail_backend("tests.failing_mail.FailingBackend")
    client.force_login(cast.submitter)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_edit(client, draft, "action-submit")
    assert response.status_code == 302
    assert WorkflowState.objects.get(object_id=str(draft.pk)).status == "in_progress"
    pending = Notification.objects.filter(sent_at__isnull=True)
    assert pending.count() == 2
    assert all("SMTP is down" in n.last_error and n.attempts == 1 for n in pending)

    from django.core.management import call_command

    use_mail_backend("django.core.mail.backends.locmem.EmailBackend")
    call_command("eventcal_send_mail")  # the back-off runs: not yet
    assert len(mail.outbox) == 0
    time_machine.move_to(max(n.next_attempt_at for n in pending))
    call_command("eventcal_send_mail")
    assert Notification.objects.filter(sent_at__isnull=True).count() == 0
    assert len(mail.outbox) == 2


def test_a_deferring_task_backend_retries_a_failed_mail(
    client, cast, draft, settings, use_mail_backend, django_capture_on_commit_callbacks
):
    from django_tasks import default_task_backend

    from wagtail_eventcal.workflow.notifications import deliver_notification

    use_mail_backend("tests.failing_mail.FailingBackend")
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    client.force_login(cast.submitter)
    with django_capture_on_commit_callbacks(execute=True):
        post_edit(client, draft, "action-submit")

    def mail_tasks():
        return [r for r in default_task_backend.results if r.task.func is deliver_notification.func]

    queued = mail_tasks()
    assert len(queued) == 2  # the reviewer's mail and the receipt, not yet run
    first = Notification.objects.get(pk=queued[0].args[0])
    deliver_notification.call(first.pk)  # what the worker does: it fails
    first.refresh_from_db()
    assert first.attempts == 1 and first.sent_at is None
    retry = mail_tasks()[-1]
    assert len(mail_tasks()) == 3
    assert retry.args == [first.pk] and retry.task.run_after is not None
    use_mail_backend("django.core.mail.backends.locmem.EmailBackend")
    deliver_notification.call(first.pk)
    first.refresh_from_db()
    assert first.sent_at is not None and first.attempts == 2

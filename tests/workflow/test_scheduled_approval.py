"""Approving a submission whose go-live date is in the future schedules it
("scheduled publishing"): the decision mail and the reviewer's confirmation
say "scheduled to be published on <date>", not "published", in both
languages."""

import pytest
import time_machine
from django.core import mail

from tests.factories import jst, make_event
from tests.review_helpers import Cast, post_edit, workflow_action
from wagtail_eventcal.models import EventPage, EventReviewTaskState
from wagtail_eventcal.workflow.actions import decision_confirmation

pytestmark = pytest.mark.django_db


def approved(client, calendar, capture, **go_live):
    """An event submitted and approved; the reviewer (only the secretariat
    may schedule) first saves it with ``go_live`` when given."""
    cast = Cast(calendar)
    event = make_event(calendar, organizations=[cast.ministry], publish=False, owner=cast.submitter)
    with time_machine.travel(jst(2026, 11, 20, 10, 0), tick=False):
        client.force_login(cast.submitter)
        post_edit(client, event, "action-submit")
        client.force_login(cast.reviewer)
        if go_live:
            assert post_edit(client, event, **go_live).status_code == 302
        with capture(execute=True):
            workflow_action(client, event, "approve", comment="")
    (to_submitter,) = [m for m in mail.outbox if cast.submitter.email in m.to]
    task_state = EventReviewTaskState.objects.for_instance(event).get()
    return EventPage.objects.get(pk=event.pk), to_submitter, task_state


def test_an_approval_with_a_future_go_live_date_is_announced_as_scheduled(
    client, calendar, django_capture_on_commit_callbacks
):
    event, message, task_state = approved(
        client, calendar, django_capture_on_commit_callbacks, go_live_at="2026-12-01 09:00"
    )
    assert not event.live and event.go_live_at == jst(2026, 12, 1, 9, 0)
    subject_ja, subject_en = message.subject.split(" / ")
    assert subject_ja.startswith("【公開予約】") and subject_en.startswith("Scheduled: ")
    assert "2026年12月1日 9:00（日本時間）に公開されます" in message.body
    assert "scheduled to be published in the event calendar on 1 Dec 2026, 09:00 (JST)" in (
        message.body
    )
    assert "公開しました" not in message.body and "now published" not in message.body
    assert "Public page:" not in message.body and "公開ページ" not in message.body
    assert decision_confirmation(task_state).startswith(
        "承認しました。2026年12月1日 9:00（日本時間）に公開されます。"
    )


def test_an_approval_without_a_schedule_still_says_published(
    client, calendar, django_capture_on_commit_callbacks
):
    event, message, task_state = approved(client, calendar, django_capture_on_commit_callbacks)
    assert event.live
    assert "Published: " in message.subject and "now published" in message.body
    assert "Scheduled" not in message.subject
    assert "公開されます" not in decision_confirmation(task_state)

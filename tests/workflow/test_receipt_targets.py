"""Posting rule 5 as the seed says it (issue 12, item 2): every receipt — a
first submission or a resubmission — is due 3 business days after its own
JST date of receipt; days with the submitter are not the secretariat's."""

import importlib
import io
from datetime import date

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from wagtail.models import WorkflowState

from wagtail_eventcal.models import EventReviewTaskState
from wagtail_eventcal.rules.business_days import due_date

from ..factories import jst, make_event
from ..review_helpers import Cast, post_edit, workflow_action

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(calendar):
    return Cast(calendar)


@pytest.fixture
def draft(cast):
    # Still planned at every receipt below (an ended event is not submitted).
    return make_event(
        cast.calendar,
        organizations=[cast.ministry],
        publish=False,
        owner=cast.submitter,
        start=jst(2027, 2, 10, 14, 0),
    )


def rounds(page):
    return list(EventReviewTaskState.objects.for_instance(page).order_by("started_at", "pk"))


def test_received_on_christmas_friday_is_due_after_the_year_end_closure():
    # Fri 25 Dec 2026 → Mon 28 (1), closure 29 Dec – 3 Jan, Mon 4 Jan (2), Tue 5 Jan (3).
    assert due_date(jst(2026, 12, 25, 16, 0)) == date(2027, 1, 5)


def submit_at(client, user, page, when, **fields):
    with time_machine.travel(when, tick=False):
        client.force_login(user)  # sessions last two weeks: log in "then"
        response = post_edit(client, page, "action-submit", **fields)
    assert response.status_code == 302


def decide_at(client, reviewer, page, when, action, comment="直してください。"):
    with time_machine.travel(when, tick=False):
        client.force_login(reviewer)
        workflow_action(client, page, action, comment=comment)


def test_each_receipt_gets_its_own_three_business_days(client, cast, draft):
    submit_at(client, cast.submitter, draft, jst(2026, 12, 25, 16, 0))
    assert rounds(draft)[0].due_date == date(2027, 1, 5)
    # Returned on the third business day: on time, the target is met.
    decide_at(client, cast.reviewer, draft, jst(2027, 1, 5, 17, 0), "return")
    first = rounds(draft)[0]
    assert first.decision == "return"
    assert first.days_taken == 3 and first.within_target()
    # Resubmitted two weeks later (Tue 19 Jan): due Fri 22 Jan, not the same day.
    submit_at(client, cast.submitter, draft, jst(2027, 1, 19, 10, 0), summary_ja="直しました")
    second = rounds(draft)[1]
    assert second.due_date == date(2027, 1, 22)
    # Not overdue the next day, nor on the due date itself.
    for day in (date(2027, 1, 20), date(2027, 1, 22)):
        assert not second.is_overdue(day)
    assert second.is_overdue(date(2027, 1, 25))


def test_reports_and_reminders_follow_the_receipt(client, cast, draft):
    submit_at(client, cast.submitter, draft, jst(2026, 11, 25, 10, 0))  # due Mon 30 Nov
    decide_at(client, cast.reviewer, draft, jst(2026, 11, 30, 17, 0), "return")
    submit_at(client, cast.submitter, draft, jst(2026, 12, 7, 9, 0), summary_ja="直しました")
    # The day after the resubmission: 3 business days left, nothing overdue.
    client.force_login(cast.reviewer)
    with time_machine.travel(jst(2026, 12, 8, 9, 0), tick=False):
        call_command("eventcal_remind_overdue", stdout=io.StringIO())
        assert not [m for m in mail.outbox if "overdue" in m.subject.lower()]
        report = client.get(reverse("eventcal_review:open"), {"export": "csv"})
        text = report.getvalue().decode() if hasattr(report, "getvalue") else b"".join(
            report.streaming_content
        ).decode()
        assert "2026-12-10" in text  # due Thu 10 Dec
        home = client.get(reverse("wagtailadmin_home")).content.decode()
        assert 'data-overdue="true"' not in home


def test_days_taken_are_recorded_and_survive_a_new_closure_date(client, cast, draft):
    submit_at(client, cast.submitter, draft, jst(2026, 11, 25, 10, 0))
    decide_at(client, cast.reviewer, draft, jst(2026, 11, 30, 17, 0), "request_confirmation")
    assert rounds(draft)[0].days_taken == 3
    with override_settings(EVENTCAL_EXTRA_CLOSURE_DATES=["2026-11-26", "2026-11-27"]):
        assert rounds(draft)[0].business_days_taken() == 3


def test_turnaround_report_shows_the_share_answered_within_three_business_days(
    client, cast, calendar
):
    late, quick = (
        make_event(calendar, organizations=[cast.ministry], publish=False, owner=cast.submitter)
        for _ in range(2)
    )
    submit_at(client, cast.submitter, late, jst(2026, 11, 2, 10, 0))
    decide_at(client, cast.reviewer, late, jst(2026, 11, 9, 10, 0), "return")  # 5 days
    submit_at(client, cast.submitter, quick, jst(2026, 11, 4, 10, 0))
    decide_at(client, cast.reviewer, quick, jst(2026, 11, 5, 10, 0), "approve")  # 1 day
    client.force_login(cast.reviewer)
    with time_machine.travel(jst(2026, 11, 28, 10, 0), tick=False):
        html = client.get(reverse("eventcal_review:turnaround")).content.decode()
    assert "Answered within 3 business days" in html or "3営業日以内" in html
    assert 'data-within-target="1">1 / 2 (50%)' in html
    assert "data-turnaround-notifications" in html


def test_migration_keeps_past_figures_and_gives_open_rounds_a_full_period(
    client, cast, calendar, draft
):
    from django.apps import apps

    migration = importlib.import_module(
        "wagtail_eventcal.migrations.0012_receipt_targets_answers_checklist"
    )
    submit_at(client, cast.submitter, draft, jst(2026, 11, 25, 10, 0))
    decide_at(client, cast.reviewer, draft, jst(2026, 11, 30, 17, 0), "return")
    submit_at(client, cast.submitter, draft, jst(2026, 12, 7, 9, 0), summary_ja="直しました")
    first, second = rounds(draft)
    # As the earlier reading recorded them: the decided round without its
    # days, the open one due the day of the resubmission (no days left).
    EventReviewTaskState.objects.filter(pk=first.pk).update(
        days_taken=None, due_date=date(2026, 11, 27)
    )
    EventReviewTaskState.objects.filter(pk=second.pk).update(due_date=date(2026, 12, 7))
    migration.record_past_rounds(apps, None)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.due_date == date(2026, 11, 27)  # the recorded figure is kept
    assert first.days_taken == 3
    assert second.due_date == date(2026, 12, 10)
    assert WorkflowState.objects.for_instance(draft).get().status == "in_progress"

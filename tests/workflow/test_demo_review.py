"""The demo sets up the review: groups, the workflow, and open submissions."""

import pytest
from django.core.management import call_command
from wagtail.models import WorkflowState

from wagtail_eventcal.models import CalendarPage, EventReviewTaskState
from wagtail_eventcal.workflow.models import today_in_japan

pytestmark = pytest.mark.django_db


def test_demo_has_submissions_waiting_for_the_reviewer(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", events=3)
    call_command("load_demo", events=3)  # idempotent

    calendar = CalendarPage.objects.get()
    assert calendar.get_workflow().name == "事務局審査 / Secretariat review"
    open_rounds = EventReviewTaskState.objects.filter(status="in_progress")
    assert open_rounds.count() == 3
    assert WorkflowState.objects.filter(status="in_progress").count() == 3
    assert {r.verdict_status for r in open_rounds} == {"eligible", "needs_review"}
    assert sum(r.is_overdue(today_in_japan()) for r in open_rounds) == 1
    assert {r.submitted_by.username for r in open_rounds} == {"submitter_a", "submitter_b"}

"""A review round: what is recorded when an event is (re)submitted, and the
review clock.

The clock counts business days from the date of receipt (JST) and stops
while the submission is back with the submitter: a resubmission gets the
business days its earlier rounds left unused, so the due date of the whole
review is ``REVIEW_BUSINESS_DAYS`` business days of the secretariat's time.
"""

from wagtail.models import Page

from ..conf import get_setting
from ..rules import business_days
from ..rules.eligibility import evaluate_event
from .models import Decision, EventReviewTaskState
from .url_checks import latest_check, schedule_url_check


def verdict_for_event(event, *, on=None, participations=None):
    """The eligibility verdict including the latest detail-URL check."""
    return evaluate_event(
        event, on=on, participations=participations, url_check=latest_check(event)
    )


def business_days_used(workflow_state, exclude=None):
    """Business days the secretariat spent on earlier, finished rounds."""
    rounds = EventReviewTaskState.objects.filter(
        workflow_state=workflow_state,
        decision__in=[Decision.RETURN, Decision.REQUEST_CONFIRMATION],
        finished_at__isnull=False,
    )
    if exclude is not None:
        rounds = rounds.exclude(pk=exclude.pk)
    return sum(r.business_days_taken() for r in rounds)


def round_due_date(task_state):
    budget = get_setting("REVIEW_BUSINESS_DAYS")
    remaining = max(budget - business_days_used(task_state.workflow_state, task_state), 0)
    return business_days.due_date(task_state.started_at, remaining)


def open_round(task_state, user):
    from ..models import EventPage

    task_state.submitted_by = user if user is not None and user.is_authenticated else None
    event = task_state.revision.as_object()
    if isinstance(event, Page):
        task_state.page_id = event.pk
    if isinstance(event, EventPage):
        # Judged by the rules in force when the review began (SPEC: rule history).
        submitted_on = business_days.local_date(task_state.workflow_state.created_at)
        verdict = verdict_for_event(event, on=submitted_on)
        task_state.verdict_status = verdict.status
        task_state.verdict_reasons = verdict.as_data()
        task_state.rule_revision = verdict.rule_set.revision
        schedule_url_check(event, force=True)
    task_state.due_date = round_due_date(task_state)
    task_state.save()

"""A review round: what is recorded when an event is (re)submitted, and the
review clock.

Posting rule 5 (as the seed says it): the secretariat aims to answer each
submission — publish, return or ask — within about 3 business days of
receiving it. Every receipt, the first submission or a resubmission after a
return or a question, starts its own clock: it is due
``REVIEW_BUSINESS_DAYS`` business days after its JST date of receipt. A
return sent on time has met its target; the days the submission then spends
with the submitter are not the secretariat's, and the resubmission is owed a
full answer period of its own.
"""

from wagtail.models import Page

from ..rules import business_days, cadence
from ..rules.eligibility import evaluate_event, rule_set_for
from .url_checks import latest_check, schedule_url_check


def verdict_for_event(event, *, on=None, participations=None):
    """The eligibility verdict including the latest detail-URL check."""
    return evaluate_event(
        event, on=on, participations=participations, url_check=latest_check(event)
    )


def round_due_date(task_state):
    """Each receipt is due a full answer period after its own receipt, by
    the cadence of the rules in force at the first submission (a monthly or
    weekly batch under revisions 1-3, replayed)."""
    submitted_on = business_days.local_date(task_state.workflow_state.created_at)
    return cadence.due_date(task_state.started_at, rule_set_for(submitted_on).cadence)


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
    record_answer(task_state)
    task_state.due_date = round_due_date(task_state)
    task_state.save()


def record_answer(task_state):
    """A receipt after a confirmation request carries the question, and the
    submitter's answer when they answered with a message (``answer.py``)."""
    from .answer import ANSWER_ATTR
    from .models import Decision, EventReviewTaskState

    workflow_state = task_state.workflow_state
    previous = (
        EventReviewTaskState.objects.filter(workflow_state=workflow_state)
        .exclude(pk=task_state.pk)
        .order_by("-started_at", "-pk")
        .only("decision", "comment")
        .first()
    )
    if previous is not None and previous.decision == Decision.REQUEST_CONFIRMATION:
        task_state.question = previous.comment
        task_state.answer = getattr(workflow_state, ANSWER_ATTR, "")

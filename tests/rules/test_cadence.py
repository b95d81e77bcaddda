"""Replaying the answer targets of revisions 1-3 (monthly, then weekly
batches) next to the rolling 3 business days of revision 4."""

from datetime import date

import pytest
import time_machine

from tests.factories import jst, make_event
from wagtail_eventcal.models import EventReviewTaskState
from wagtail_eventcal.rules import cadence
from wagtail_eventcal.rules.eligibility import RULE_SETS, rule_set_for


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (date(2019, 1, 10), date(2019, 1, 21)),  # before the 2nd Monday (14th)
        (date(2019, 1, 14), date(2019, 1, 21)),  # on the cut-off: still this month
        (date(2019, 1, 15), date(2019, 2, 18)),  # after it: next month's 3rd Monday
        (date(2018, 12, 20), date(2019, 1, 21)),  # over the year's end
        (date(2019, 4, 1), date(2019, 4, 15)),  # a month starting on a Monday
    ],
)
def test_monthly_batch(received, due):
    assert cadence.monthly_due(received) == due


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (date(2019, 5, 14), date(2019, 5, 22)),  # Tuesday: this Friday, next Wednesday
        (date(2019, 5, 17), date(2019, 5, 22)),  # the Friday cut-off itself
        (date(2019, 5, 18), date(2019, 5, 29)),  # Saturday: the next Friday
        (date(2019, 5, 2), date(2019, 5, 8)),  # a holiday moves nothing (Golden Week)
    ],
)
def test_weekly_batch(received, due):
    assert cadence.weekly_due(received) == due


def test_cadence_of_each_revision():
    assert [rule_set.cadence for rule_set in RULE_SETS] == [
        cadence.MONTHLY,
        cadence.MONTHLY,
        cadence.WEEKLY,
        cadence.ROLLING,
    ]


def test_the_third_revision_takes_effect_on_its_own_date_not_its_change_logs():
    assert rule_set_for(date(2019, 5, 7)).revision == 2
    assert rule_set_for(date(2019, 5, 14)).revision == 3
    assert "2019-05-07" in rule_set_for(date(2019, 5, 14)).note


def submit_at(calendar, moment):
    event = make_event(calendar, publish=False)
    with time_machine.travel(moment, tick=False):
        event.get_workflow().start(event, None)
    return EventReviewTaskState.objects.for_instance(event).get()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("received", "due", "revision"),
    [
        (jst(2018, 12, 3, 10, 0), date(2018, 12, 17), 1),
        (jst(2019, 5, 7, 10, 0), date(2019, 5, 20), 2),  # change log date: still monthly
        (jst(2019, 5, 14, 10, 0), date(2019, 5, 22), 3),
        (jst(2020, 7, 10, 10, 0), date(2020, 7, 15), 4),  # Fri + 3 business days
    ],
)
def test_a_receipt_is_due_by_the_cadence_of_its_revision(calendar, received, due, revision):
    task_state = submit_at(calendar, received)
    assert task_state.rule_revision == revision
    assert task_state.due_date == due

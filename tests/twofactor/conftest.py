"""Two-factor sign-in is enforced in these tests (the suite's settings turn
it off for the tests that sign reviewers in with ``force_login``)."""

import pytest
from django.contrib.auth.models import Group

from wagtail_eventcal.workflow.setup import setup_review

from ..factories import jst, make_user


@pytest.fixture(autouse=True)
def _enforced(settings):
    settings.EVENTCAL_TWO_FACTOR_ENFORCED = True


@pytest.fixture
def frozen(time_machine):
    """A fixed moment: the authenticator's code is the same all through a test."""
    time_machine.move_to(jst(2026, 12, 1, 9, 0, 10), tick=False)
    return time_machine


@pytest.fixture
def groups(db):
    setup_review()
    return {
        "reviewers": Group.objects.get(name="Event reviewers"),
        "submitters": Group.objects.get(name="Event submitters"),
    }


@pytest.fixture
def reviewer(groups):
    return make_user("reviewer", groups=[groups["reviewers"]])


@pytest.fixture
def submitter(groups):
    return make_user("submitter", groups=[groups["submitters"]])

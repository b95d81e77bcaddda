"""The suite's own clock: every test starts at ``SUITE_NOW`` unless it says
otherwise, so that no test reads the date it happens to run on."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.conftest import SUITE_NOW


def test_every_test_starts_at_the_suite_clock_and_the_clock_runs():
    first = timezone.now()
    assert SUITE_NOW <= first < SUITE_NOW + timedelta(minutes=5)
    assert timezone.now() >= first


def test_a_test_moves_the_clock_where_it_needs_it(time_machine):
    time_machine.move_to(SUITE_NOW + timedelta(days=400), tick=False)
    assert timezone.now() == SUITE_NOW + timedelta(days=400)


@pytest.mark.real_clock
def test_a_real_clock_test_reads_the_process_clock():
    # The process clock (today, or where `make test-dates` put it) is later
    # than the day the suite's data was written around.
    assert timezone.now() - SUITE_NOW > timedelta(days=1)

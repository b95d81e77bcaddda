"""The posting-rules verdict on the edit form follows the form as it is
edited, before anything is saved."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from tests.factories import make_calendar, make_event, make_organization, make_user
from wagtail_eventcal.models import EventPage
from wagtail_eventcal.workflow.setup import setup_review

from .helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_verdict_changes_while_editing(open_page):
    calendar = make_calendar()
    setup_review()
    ministry = make_organization(name_ja="経済産業省", body_types=("ministry",))
    submitter = make_user("submitter", groups=[Group.objects.get(name="Event submitters")])
    ministry.members.add(submitter)
    event = make_event(
        calendar,
        organizations=[ministry],
        publish=False,
        residence_audiences=["engineer_specialist"],
    )
    revisions = event.revisions.count()

    page = log_in(open_page(), "submitter")
    page.goto(f"/admin/pages/{event.pk}/edit/")
    verdict = page.locator("[data-eventcal-verdict-live] [data-eventcal-verdict]")
    expect(verdict).to_have_attribute("data-eventcal-verdict", "eligible")

    page.get_by_role("tab", name="Date & place").click()
    page.get_by_label("Specified Skilled Worker").check()
    expect(verdict).to_have_attribute("data-eventcal-verdict", "needs_review")
    page.get_by_label("Technical Intern Training").check()
    # Next to another audience the main purpose is the reviewer's call (rule 1).
    expect(verdict).to_have_attribute("data-eventcal-verdict", "needs_review")
    expect(page.locator('[data-reason="mixed_audience"]')).to_be_attached()
    page.get_by_label("Specified Skilled Worker").uncheck()
    page.get_by_label("Engineer / Specialist in Humanities / International Services").uncheck()
    expect(verdict).to_have_attribute("data-eventcal-verdict", "ineligible")
    expect(page.locator('[data-reason="excluded_audience"]')).to_be_attached()
    assert EventPage.objects.get(pk=event.pk).revisions.count() == revisions  # nothing saved


def test_a_new_form_shows_no_verdict_before_anything_is_entered(open_page):
    calendar = make_calendar()
    setup_review()
    ministry = make_organization(name_ja="経済産業省", body_types=("ministry",))
    submitter = make_user("submitter", groups=[Group.objects.get(name="Event submitters")])
    ministry.members.add(submitter)

    page = log_in(open_page(), "submitter")
    page.goto(f"/admin/pages/add/wagtail_eventcal/eventpage/{calendar.pk}/")
    live = page.locator("[data-eventcal-verdict-live]")
    expect(live.locator("[data-eventcal-verdict-pending]")).to_be_visible()
    page.wait_for_timeout(1500)  # longer than the refresh's delay
    expect(live.locator("[data-eventcal-verdict]")).to_have_count(0)
    # Once something is entered, the verdict follows the form.
    page.get_by_role("tab", name="Date & place").click()
    page.get_by_label("Technical Intern Training").check()
    expect(live.locator("[data-eventcal-verdict]")).to_have_attribute(
        "data-eventcal-verdict", "ineligible"
    )

"""The admin flows in a real browser: a submitter enters a bilingual event and
submits it; the reviewer returns it with a comment; the submitter reads the
comment, fixes the event and resubmits; the reviewer approves and it is live.
And a proxy sees only the one event delegated to it, edits it and submits."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.models import WorkflowState

from tests.factories import make_calendar, make_delegation, make_event, make_organization, make_user
from wagtail_eventcal.models import EventPage
from wagtail_eventcal.workflow.checklist import CODES
from wagtail_eventcal.workflow.setup import setup_review

from .helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RETURN_COMMENT = "英語の概要を追加してください。 Please add an English summary."


@pytest.fixture
def cast():
    calendar = make_calendar()
    setup_review()
    ministry = make_organization(name_ja="経済産業省", name_en="METI", body_types=("ministry",))
    submitter = make_user("submitter", groups=[Group.objects.get(name="Event submitters")])
    ministry.members.add(submitter)
    make_user("reviewer", groups=[Group.objects.get(name="Event reviewers")])
    return calendar, ministry, submitter


def more_actions(page, name):
    """Press ``name`` in the footer's action menu."""
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name=name).click()


def open_tab(page, name):
    page.get_by_role("tab", name=name).click()


def test_submit_return_resubmit_approve(open_page, cast):
    calendar, ministry, _submitter = cast
    day = timezone.localdate() + timedelta(days=20)

    # --- the submitter enters the event in both languages and submits it ---
    submitter = log_in(open_page(), "submitter")
    submitter.goto(f"/admin/pages/add/wagtail_eventcal/eventpage/{calendar.pk}/")
    submitter.locator("#id_title").fill("留学生のための就職セミナー")
    submitter.locator("#id_summary_ja").fill("企業の採用担当者が説明します。")
    open_tab(submitter, "English")
    submitter.locator("#id_title_en").fill("Job seminar for international students")
    open_tab(submitter, "Date & place")
    submitter.locator("#id_start").fill(f"{day:%Y-%m-%d} 14:00")
    submitter.locator("#id_end").fill(f"{day:%Y-%m-%d} 16:00")
    submitter.keyboard.press("Escape")  # close the date picker
    submitter.locator("#id_prefecture").select_option("tokyo")
    submitter.locator("#id_category").select_option("seminar")
    submitter.locator("#id_detail_url").fill("https://example.org/apply")
    # Required to submit (posting rule 1).
    submitter.get_by_label("International students seeking full-time employment").check()
    open_tab(submitter, "Organizers")
    submitter.get_by_role("button", name="Choose organization").click()
    submitter.get_by_role("dialog").get_by_role("link", name=re.compile("経済産業省|METI")).click()
    expect(submitter.locator("[name=participations-0-organization]")).to_have_value(
        str(ministry.pk)
    )
    more_actions(submitter, "Submit for review")
    expect(submitter.locator(".messages")).to_contain_text("submitted")
    event = EventPage.objects.get(title="留学生のための就職セミナー")
    assert not event.live
    state = WorkflowState.objects.get(object_id=str(event.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    # --- the reviewer returns it with a comment ---
    reviewer = log_in(open_page(), "reviewer")
    reviewer.goto(f"/admin/pages/{event.pk}/edit/")
    more_actions(reviewer, "Return for changes")
    dialog = reviewer.get_by_role("dialog")
    dialog.get_by_label("What needs to change").fill(RETURN_COMMENT)
    dialog.get_by_role("button", name=re.compile("Return for changes|Submit|Save")).click()
    expect(reviewer.locator(".messages")).to_be_visible()
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES

    # --- the submitter reads the comment, fixes the event and resubmits ---
    submitter.goto(f"/admin/pages/{event.pk}/edit/")
    expect(submitter.get_by_text(RETURN_COMMENT).first).to_be_visible()
    open_tab(submitter, "English")
    submitter.locator("#id_summary_en").fill("Recruiters of companies explain their jobs.")
    more_actions(submitter, re.compile("Resubmit|Submit"))
    expect(submitter.locator(".messages")).to_be_visible()
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    # --- the reviewer approves: the event is live in both languages ---
    reviewer.goto(f"/admin/pages/{event.pk}/edit/")
    more_actions(reviewer, re.compile("^Approve"))
    # The relevance checklist (posting rules 1-4, note 1): every item, to publish.
    dialog = reviewer.get_by_role("dialog")
    boxes = dialog.locator("input[name=checklist]")
    expect(boxes).to_have_count(len(CODES))
    for n in range(len(CODES)):
        boxes.nth(n).check()
    dialog.get_by_role("button", name=re.compile("Approve|Submit|Save")).click()
    expect(reviewer.locator(".messages")).to_be_visible()
    event.refresh_from_db()
    assert event.live
    assert event.summary_en == "Recruiters of companies explain their jobs."

    visitor = open_page()
    visitor.goto(f"/en/events/{event.slug}/")
    expect(visitor.get_by_role("heading", level=1)).to_have_text(
        "Job seminar for international students"
    )
    expect(visitor.get_by_text("Recruiters of companies explain their jobs.")).to_be_visible()
    visitor.goto(f"/ja/events/{event.slug}/")
    expect(visitor.get_by_role("heading", level=1)).to_have_text("留学生のための就職セミナー")


def test_proxy_sees_only_its_delegated_event_edits_and_submits(open_page, cast):
    calendar, ministry, submitter = cast
    start = timezone.now() + timedelta(days=30)
    delegated = make_event(
        calendar,
        organizations=[ministry],
        title="代理入力のイベント",
        title_en="Delegated event",
        start=start,
        end=start + timedelta(hours=2),
    )
    other = make_event(
        calendar,
        organizations=[ministry],
        title="別のイベント",
        title_en="Another event of the ministry",
        start=start,
        end=start + timedelta(hours=2),
    )
    proxy_user = make_user("proxy")
    make_delegation(
        delegated,
        delegate=proxy_user,
        granted_by=submitter,
        organization=ministry,
        note="",
    )

    proxy = log_in(open_page(), "proxy")
    # The dashboard lists the delegated event and nothing else.
    delegations = proxy.get_by_role("table").filter(has_text="代理入力のイベント")
    expect(delegations).to_be_visible()
    expect(proxy.get_by_text("別のイベント")).to_have_count(0)
    # The other event of the same ministry stays closed.
    response = proxy.goto(f"/admin/pages/{other.pk}/edit/")
    assert response.status == 403  # the admin's allow-list for proxies
    # From here on every request the proxy's pages make (the edit form's
    # choosers, previews, pings, the live verdict) is on the allow-list.
    forbidden = []
    proxy.on("response", lambda r: forbidden.append(r.url) if r.status == 403 else None)
    proxy.goto(f"/admin/pages/{delegated.pk}/edit/")
    # The organization chooser the Organizers tab opens (a modal's JSON).
    chooser = proxy.request.get("/admin/snippets/choose/wagtail_eventcal/organization/")
    listed = chooser.json()["html"]  # names in the proxy's admin language
    assert chooser.status == 200 and ("経済産業省" in listed or "METI" in listed)
    open_tab(proxy, "English")
    proxy.locator("#id_summary_en").fill("Entered by the contractor on the ministry's behalf.")
    more_actions(proxy, "Submit for review")
    expect(proxy.locator(".messages")).to_be_visible()

    state = WorkflowState.objects.get(object_id=str(delegated.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    latest = EventPage.objects.get(pk=delegated.pk).get_latest_revision_as_object()
    assert latest.summary_en == "Entered by the contractor on the ministry's behalf."
    proxy.goto(f"/admin/pages/{delegated.pk}/history/")
    proxy.goto("/admin/account/")
    assert forbidden == []

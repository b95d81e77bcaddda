"""Keyboard only (issue 19 points 3 and 6): the public filters, the month
grid, the error summary, the delegation form and the review dialog are
reached in a sensible order, and every focused element shows a focus ring
of at least 3:1 against what is behind it."""

import re

import pytest
from playwright.sync_api import expect

from tests.admin_screens import World

from .focus import focused, ring_contrast, tab_through
from .helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FILTER_ORDER = [
    "id_q",
    "id_category",
    "id_prefecture",
    "id_format",
    "id_body_type",
    "id_date_from",
    "id_date_to",
]


@pytest.fixture
def world(time_machine, django_capture_on_commit_callbacks):
    from tests.factories import jst, make_calendar, make_event, make_organization

    time_machine.move_to(jst(2026, 12, 1, 9, 0), tick=True)
    calendar = make_calendar()
    world = World(calendar)
    ministry = make_organization(name_ja="経済産業省", name_en="")
    world.public = [
        make_event(
            calendar,
            organizations=[ministry],
            title_en=f"Seminar {day}",
            start=jst(2026, 12, day, 10, 0),
        )
        for day in (1, 3, 8)
    ]
    return world


def assert_visible_focus(seen, where):
    weak = [
        (i["tag"], i["id"], i["text"][:30], round(ring_contrast(i), 2))
        for i in seen
        if ring_contrast(i) < 3
    ]
    assert not weak, f"{where}: focus ring under 3:1 on {weak}"


def test_public_filters_in_order_with_visible_focus(page, world):
    page.goto("/en/events/")
    seen = tab_through(page, 26)  # a date input takes three (its fields)
    ids = [info["id"] for info in seen]
    texts = [info["text"] for info in seen]
    assert texts[:5] == ["Skip to content", "日本語", "Upcoming", "Month", "Past events"]
    assert [i for i in ids if i.startswith("id_")] == FILTER_ORDER
    apply = texts.index("Apply filters")
    assert ids.index("id_date_to") < apply < texts.index("Seminar 3")
    assert_visible_focus(seen, "/en/events/")
    # Backwards too (Shift+Tab) the order is the same, reversed.
    back = [i["id"] for i in tab_through(page, 30, reverse=True) if i["id"].startswith("id_")]
    assert back == FILTER_ORDER[::-1]


def test_month_grid_days_in_order_with_visible_focus(page, world):
    page.goto("/en/events/month/2026-12/")
    page.locator("#id_date_to").focus()
    seen = tab_through(page, 14)
    grid = [i["text"] for i in seen if i["href"].startswith("/en/events/event-")]
    # Each entry starts with its start time ("10:00 Seminar 1").
    assert [re.sub(r"^\d{1,2}:\d{2}\s*", "", text) for text in grid[:3]] == [
        "Seminar 1",
        "Seminar 3",
        "Seminar 8",
    ]
    # Today's cell (1 December) has its own background: the ring shows on it too.
    assert any(i["background"] != {"r": 255, "g": 255, "b": 255} for i in seen[:6])
    assert_visible_focus(seen, "month grid")


def test_more_events_link_in_order_named_with_its_day(page, world):
    from tests.factories import jst, make_event

    for hour in (11, 12, 13):
        make_event(world.cast.calendar, title_en=f"Talk {hour}", start=jst(2026, 12, 1, hour, 0))
    page.goto("/en/events/month/2026-12/")
    page.locator("#id_date_to").focus()
    seen = tab_through(page, 16)
    grid = [i["text"] for i in seen if i["href"].startswith("/en/events/")]
    grid = [" ".join(re.sub(r"^\d{1,2}:\d{2}\s*", "", text).split()) for text in grid]
    # Three events in 1 December's cell, then its "+1 more", then 3 December.
    more = grid.index("+1 more event on 1 December")
    assert grid[more - 3 : more] == ["Seminar 1", "Talk 11", "Talk 12"]
    assert grid[more + 1] == "Seminar 3"
    link = page.get_by_role("link", name="+1 more event on 1 December")
    expect(link).to_have_attribute("href", "/en/events/day/2026-12-01/")
    assert_visible_focus(seen, "month grid with a day's more link")
    link.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/events/day/2026-12-01/$"))
    expect(page.locator("#day-heading")).to_contain_text("Events on 1 December 2026")


def test_failed_filters_focus_the_summary_which_leads_to_the_field(page, world):
    page.goto("/en/events/")
    page.locator("#id_date_from").fill("2026-12-10")
    page.locator("#id_date_to").fill("2026-12-01")
    page.locator("#id_date_to").press("Enter")
    summary = page.locator("[data-eventcal-error-summary]")
    expect(summary).to_be_focused()
    assert_visible_focus([focused(page)], "error summary")
    page.keyboard.press("Tab")
    link = focused(page)
    assert link["href"] == "#id_date_to" and "“To” must not be before “From”" in link["text"]
    page.keyboard.press("Enter")
    expect(page.locator("#id_date_to")).to_be_focused()
    described = page.locator("#id_date_to").get_attribute("aria-describedby")
    expect(page.locator(f"#{described}")).to_contain_text("must not be before")


def test_delegation_form_in_order_and_errors_summarised(page, world):
    log_in(page, "submitter")
    page.goto(f"/admin/eventcal/delegations/event/{world.event.pk}/add/")
    page.locator("#id_email").focus()
    seen = tab_through(page, 8)  # to "Cancel"; beyond it is Wagtail's sidebar
    order = [i["id"] or i["text"] for i in seen]
    fields = [
        "id_email",
        "id_organization",
        "id_expires_at",
        "id_note",
        "id_acknowledged_proxy_entry",
        "id_acknowledged_this_event_only",
    ]
    assert [o for o in order if o in fields] == fields[1:]
    assert order[order.index("id_acknowledged_this_event_only") + 1] in ("Delegate", "委任する")
    assert_visible_focus(seen, "delegation form")
    page.get_by_role("button", name=re.compile("^(Delegate|委任する)$")).focus()
    page.keyboard.press("Enter")  # nothing filled in
    expect(page.locator("[data-eventcal-error-summary]")).to_be_focused()
    assert_visible_focus([focused(page)], "delegation error summary")
    page.keyboard.press("Tab")
    assert focused(page)["href"] == "#id_email"


def test_review_dialog_by_keyboard(page, world):
    log_in(page, "reviewer")
    page.goto(f"/admin/pages/{world.event.pk}/edit/")
    toggle = page.get_by_role("button", name=re.compile("More actions|その他のアクション"))
    toggle.focus()
    page.keyboard.press("Enter")
    action = page.get_by_role("button", name=re.compile("^(Return for changes|差し戻し)"))
    action.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_have_attribute("aria-modal", "true")
    title = page.locator("#eventcal-review-dialog-title")
    assert dialog.get_attribute("aria-labelledby") == "eventcal-review-dialog-title"
    assert title.inner_text().strip()
    comment = dialog.locator("textarea[name=comment]")
    expect(comment).to_be_focused()
    assert_visible_focus([focused(page)], "review dialog comment")
    # An empty submit keeps the focus in the dialog, on the error summary.
    # (Tab on through the relevance checklist to the submit button.)
    for _step in range(8):
        page.keyboard.press("Tab")
        submit = focused(page)
        if submit["tag"] == "button":
            break
    assert submit["tag"] == "button"
    page.keyboard.press("Enter")
    summary = dialog.locator("[data-eventcal-error-summary]")
    expect(summary).to_be_focused()
    assert dialog.locator("textarea[name=comment]").get_attribute("aria-describedby")
    # Escape closes it; the focus goes back to where the dialog was opened.
    page.keyboard.press("Escape")
    expect(page.locator(".modal")).to_have_count(0)
    page.wait_for_timeout(300)
    opener = focused(page)
    assert opener is not None and opener["tag"] == "button", opener
    assert "More actions" in opener["text"] or "Return for changes" in opener["text"], opener

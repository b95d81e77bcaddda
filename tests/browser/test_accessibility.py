"""axe-core finds no WCAG 2.1 AA violation on the public pages in both
languages, on the filter form showing errors, and on the admin edit view."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import jst, make_calendar, make_event, make_organization

from .axe import axe_violations, describe
from .helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def event(time_machine):
    time_machine.move_to(jst(2026, 12, 1, 9, 0))
    calendar = make_calendar(
        intro_ja="<p>公的機関が関わるイベントです。</p>",
        intro_en="<p>Events with a public body involved.</p>",
    )
    ministry = make_organization(name_ja="経済産業省", name_en="METI")
    supporter = make_organization(
        name_ja="東京商工会議所", name_en="Tokyo Chamber", body_types=("chamber_of_commerce",)
    )
    event = make_event(
        calendar,
        title="高度外国人材の採用セミナー",
        title_en="Hiring foreign professionals",
        description_ja="<p>詳しい説明。</p>",
        description_en="<p>A longer description.</p>",
        venue_name_ja="東京国際フォーラム",
        venue_name_en="Tokyo International Forum",
        contact_email="info@example.org",
        contact_phone="03-0000-0000",
        capacity=100,
        application_deadline=jst(2026, 12, 8, 17, 0),
        organizations=[ministry, (supporter, "supporter")],
    )
    # One event with English missing (Japanese fallback) and one cancelled.
    make_event(
        calendar,
        title="日本語のみのイベント",
        title_en="",
        summary_en="",
        start=jst(2026, 12, 3, 10, 0),
    )
    make_event(calendar, title_en="Cancelled meetup", cancelled=True, start=jst(2026, 12, 3, 13, 0))
    return event


def assert_accessible(page, path, **kwargs):
    page.goto(path)
    violations = axe_violations(page, **kwargs)
    assert not violations, f"{path}\n{describe(violations)}"


@pytest.mark.parametrize("language", ["en", "ja"])
def test_public_pages_have_no_violations(page, event, language, settings):
    # One event a day cell: 3 December (two events) gets its "+1 more" link.
    settings.EVENTCAL_MONTH_EVENTS_PER_DAY = 1
    assert_accessible(page, f"/{language}/events/")
    assert_accessible(page, f"/{language}/events/month/")
    assert page.locator(".eventcal-grid__more").count() == 1
    assert_accessible(page, f"/{language}/events/day/2026-12-03/")
    assert_accessible(page, f"/{language}/events/archive/")
    assert_accessible(page, f"/{language}/events/{event.slug}/")
    assert_accessible(page, f"/{language}/events/accessibility/")
    assert_accessible(page, f"/{language}/events/?q=nothing-matches-this")
    # The filter form with a value and an error in it.
    assert_accessible(
        page, f"/{language}/events/?q=seminar&date_from=2026-12-10&date_to=2026-12-01"
    )


@pytest.mark.parametrize(
    ("language", "category", "seminar", "hint"),
    [
        ("en", "Category", "Seminar (3)", "The number after each choice is how many events"),
        ("ja", "カテゴリー", "セミナー（3件）", "各選択肢の後の件数は"),
    ],
)
def test_filter_counts_are_in_the_options_names(page, event, language, category, seminar, hint):
    """The count is in the option's accessible name, and the select's
    description says what the numbers are (issue 16)."""
    page.goto(f"/{language}/events/")
    select = page.get_by_role("combobox", name=category, exact=True)
    expect(select.get_by_role("option", name=seminar, exact=True)).to_have_count(1)
    expect(select).to_have_accessible_description(re.compile("^" + hint))


def test_admin_event_edit_view_has_no_violations(page, event, django_user_model):
    django_user_model.objects.create_superuser("admin", "admin@example.org", "pw")
    log_in(page, "admin")
    assert_accessible(page, f"/admin/pages/{event.pk}/edit/")


@pytest.fixture
def world(django_capture_on_commit_callbacks):
    from tests.admin_screens import World
    from tests.factories import make_calendar

    return World(make_calendar())


@pytest.mark.parametrize("language", ["ja", "en"])
def test_every_plugin_admin_screen_has_no_violations(open_page, world, language):
    """Dashboards, reports, My submissions, the delegation list, form (also
    with errors) and revocation, the review dialog (also after an empty
    submit), for each person who uses them (issue 19 point 6)."""
    from tests.admin_screens import set_admin_language

    pages = {}
    for person, user in world.people().items():
        set_admin_language(user, language)
        pages[person] = log_in(open_page(), user.username)
    for person, _name, url in world.dashboards() + world.screens():
        assert_accessible(pages[person], url)
    submitter = pages["submitter"]
    submitter.goto(f"/admin/eventcal/delegations/event/{world.event.pk}/add/")
    submitter.locator("main form[method=post] button[type=submit]").click()
    submitter.wait_for_selector("[data-eventcal-error-summary]")
    violations = axe_violations(submitter)
    assert not violations, f"delegation form with errors\n{describe(violations)}"

    reviewer = pages["reviewer"]
    # axe must not measure colours halfway through the dialog's transitions.
    reviewer.emulate_media(reduced_motion="reduce")
    reviewer.goto(f"/admin/pages/{world.event.pk}/edit/")
    reviewer.locator("footer [data-w-dropdown-target=toggle]").click()
    reviewer.locator("[data-workflow-action-name=return]").click()
    dialog = reviewer.get_by_role("dialog")
    dialog.locator("textarea[name=comment]").wait_for()
    reviewer.wait_for_timeout(500)
    violations = axe_violations(reviewer, context=".modal")
    assert not violations, f"review dialog\n{describe(violations)}"
    # By keyboard: a pointer left over the button would show its hover colours.
    dialog.locator("button[type=submit]").focus()
    reviewer.keyboard.press("Enter")
    dialog.locator("[data-eventcal-error-summary]").wait_for()
    reviewer.mouse.move(0, 0)
    reviewer.wait_for_timeout(500)
    violations = axe_violations(reviewer, context=".modal")
    assert not violations, f"review dialog with errors\n{describe(violations)}"

"""A visitor finds an event in the English month view through the filters,
opens it, follows its application link and reads it in Japanese; and the
same with the keyboard alone."""

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.factories import jst, make_calendar, make_event, make_organization

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

APPLICATION_URL = "https://apply.example.org/career-seminar"


@pytest.fixture
def december(time_machine):
    """A calendar seen on 1 December 2026 (JST) with one event to find and
    two that the filters must leave out."""
    time_machine.move_to(jst(2026, 12, 1, 9, 0))
    calendar = make_calendar()
    osaka = make_organization(
        name_ja="大阪府商工労働部",
        name_en="Osaka Commerce and Labour",
        body_types=("local_government",),
        prefecture="osaka",
    )
    target = make_event(
        calendar,
        title="高度外国人材キャリアセミナー",
        title_en="Career seminar for engineers",
        summary_ja="大阪で開くエンジニア向けのセミナーです。",
        summary_en="A seminar for engineers in Osaka.",
        category="seminar",
        prefecture="osaka",
        start=jst(2026, 12, 15, 14, 0),
        detail_url=APPLICATION_URL,
        organizations=[osaka],
    )
    make_event(
        calendar,
        title_en="Job fair in Osaka",
        category="job_fair",
        prefecture="osaka",
        start=jst(2026, 12, 16, 10, 0),
    )
    make_event(
        calendar,
        title_en="Seminar in Tokyo",
        category="seminar",
        prefecture="tokyo",
        start=jst(2026, 12, 17, 10, 0),
    )
    return target


def grid(page):
    return page.locator("table.eventcal-grid")


def test_visitor_finds_event_in_month_view_and_reads_it_in_japanese(page, december):
    page.route(
        APPLICATION_URL,
        lambda route: route.fulfill(
            status=200, content_type="text/html", body="<title>Application form</title>"
        ),
    )
    page.goto("/en/events/")
    page.get_by_role("link", name="Month", exact=True).click()
    expect(page).to_have_url(re.compile(r"/en/events/month/$"))
    expect(page.get_by_role("heading", level=2, name="December 2026")).to_be_visible()
    expect(grid(page).get_by_role("link")).to_have_count(3)

    # Each option says how many events it gives (issue 16).
    page.get_by_label("Category").select_option(label="Seminar (2)")
    page.get_by_label("Prefecture").select_option(label="Osaka (2)")
    page.get_by_role("button", name="Apply filters").click()
    # Now counted with the other filter: one seminar in Osaka, one job fair.
    expect(page.get_by_label("Category").locator("option:checked")).to_have_text("Seminar (1)")
    expect(page.get_by_label("Category").locator("option")).to_have_text(
        ["All categories", "Seminar (1)", re.compile(r"\(1\)$")]
    )

    expect(page).to_have_url(re.compile(r"/en/events/month/\?.*category=seminar"))
    # Only the filters that are set are in the address (no "q=&…").
    query = parse_qs(urlsplit(page.url).query, keep_blank_values=True)
    assert query == {"category": ["seminar"], "prefecture": ["osaka"]}, page.url
    links = grid(page).get_by_role("link")
    expect(links).to_have_count(1)
    # The cell gives the start time before the title (issue 14).
    expect(links).to_have_text("14:00 Career seminar for engineers")
    # The filters survive a move to the next month and back.
    page.get_by_role("link", name=re.compile("Next month")).click()
    expect(grid(page).get_by_role("link")).to_have_count(0)
    expect(page.get_by_label("Category")).to_have_value("seminar")
    page.get_by_role("link", name=re.compile("Previous month")).click()

    grid(page).get_by_role("link", name="Career seminar for engineers").click()
    expect(page).to_have_url(re.compile(rf"/en/events/{december.slug}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Career seminar for engineers")
    expect(page.get_by_text("Osaka Commerce and Labour")).to_be_visible()

    # Download the event's .ics: one VEVENT with the English title, in JST.
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(r"\.ics file")).click()
    ics = Path(download.value.path()).read_text(encoding="utf-8")
    assert ics.startswith("BEGIN:VCALENDAR") and ics.count("BEGIN:VEVENT") == 1
    assert "SUMMARY:Career seminar for engineers" in ics
    assert "DTSTART;TZID=Asia/Tokyo:20261215T140000" in ics or "DTSTART:20261215T050000Z" in ics

    # Switch language on the same page.
    page.get_by_role("link", name="日本語").click()
    expect(page).to_have_url(re.compile(rf"/ja/events/{december.slug}/$"))
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(page.get_by_role("heading", level=1)).to_have_text("高度外国人材キャリアセミナー")
    expect(page.get_by_text("大阪府商工労働部")).to_be_visible()
    page.get_by_role("link", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Career seminar for engineers")

    # The application link leads to the organizer's site.
    page.get_by_role("link", name=re.compile("Details and application")).click()
    expect(page).to_have_url(APPLICATION_URL)
    expect(page).to_have_title("Application form")


def focused(page):
    return page.evaluate(
        "() => { const e = document.activeElement;"
        " return {tag: e.tagName.toLowerCase(), name: e.name || '', type: e.type || '',"
        " text: e.innerText || '',"
        " outline: getComputedStyle(e).outlineStyle, shadow: getComputedStyle(e).boxShadow}; }"
    )


def tab_to(page, predicate, limit=80):
    """Press Tab until ``predicate(focused element)`` holds; every stop must
    show where the focus is."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        element = focused(page)
        # A date input's own parts (day, month, year, picker button) take the
        # focus inside it and Chromium draws the ring on that part.
        if element["type"] != "date":
            assert element["outline"] != "none" or element["shadow"] != "none", element
        if predicate(element):
            return element
    raise AssertionError("focus never reached the element")


def test_keyboard_only_filters_and_month_grid(page, december):
    page.goto("/en/events/month/")
    # The first Tab stop is the skip link, and it moves focus to the content.
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    tab_to(page, lambda e: e["name"] == "q")
    page.keyboard.type("engineers")
    tab_to(page, lambda e: e["name"] == "category")
    page.keyboard.press("s")  # choose "Seminar" by its first letter, as a keyboard user does
    expect(page.get_by_label("Category")).to_have_value("seminar")
    tab_to(page, lambda e: e["tag"] == "button")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"q=engineers"))

    page.keyboard.press("Tab")  # the skip link again, then on into the page
    # The grid's entry (its start time, then the title): the month lists its
    # events day by day since issue 17.
    tab_to(page, lambda e: e["text"].endswith("Career seminar for engineers"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Career seminar for engineers")

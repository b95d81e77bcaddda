"""Issue 16 item 3 on the public pages: the filter form shows each option's
number of events (the API's facet counts, one implementation), hides
options with none but never the selected one, and costs no query when warm.
"""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import PageViewRestriction, Site

from tests.factories import jst, make_event, make_organization
from wagtail_eventcal.choices import BodyType, Category, EventFormat, Prefecture
from wagtail_eventcal.public import facets

pytestmark = pytest.mark.django_db
SELECTS = {"category": Category, "prefecture": Prefecture, "format": EventFormat}
SELECTS["body_type"] = BodyType
# Lists and months long enough to show every event on one page.
PAGES = [
    "/ja/events/",
    "/en/events/",
    "/ja/events/archive/",
    "/en/events/archive/",
    "/ja/events/month/2026-12/",
    "/en/events/month/2026-11/",
]


@pytest.fixture
def now(time_machine):
    time_machine.move_to(jst(2026, 12, 1, 9, 0), tick=False)


@pytest.fixture
def events(calendar, now):
    """A mix over past and coming events, months, categories, prefectures,
    formats and organizer types (an event with two organizers of two types;
    a draft and a restricted event that must count nowhere)."""
    ministry = make_organization(body_types=("ministry",))
    city = make_organization(body_types=("local_government",), prefecture="osaka")
    university = make_organization(body_types=("university", "other"))
    rows = [
        # (start, category, prefecture, format, organizations)
        (jst(2026, 12, 3, 10), "seminar", "tokyo", "in_person", [ministry]),
        (jst(2026, 12, 5, 10), "seminar", "osaka", "online", [city]),
        (jst(2026, 12, 8, 10), "job_fair", "osaka", "in_person", [city, (university, "supporter")]),
        (jst(2026, 12, 20, 10), "seminar", "osaka", "in_person", [university]),
        (jst(2027, 1, 12, 10), "job_fair", "tokyo", "hybrid", [ministry]),
        (jst(2026, 11, 10, 10), "seminar", "tokyo", "in_person", [ministry]),
        (jst(2026, 11, 20, 10), "job_fair", "osaka", "in_person", [city]),
        (jst(2026, 10, 2, 10), "seminar", "osaka", "online", [university]),
    ]
    made = [
        make_event(
            calendar,
            start=start,
            category=category,
            prefecture=prefecture,
            event_format=event_format,
            online_url="" if event_format == "in_person" else "https://example.org/live",
            organizations=organizations,
        )
        for start, category, prefecture, event_format, organizations in rows
    ]
    make_event(calendar, category="seminar", prefecture="kyoto", publish=False)
    hidden = make_event(calendar, category="seminar", prefecture="kyoto")
    PageViewRestriction.objects.create(page=hidden, restriction_type="password", password="x")
    return made


def html(response):
    assert response.status_code == 200, response.status_code
    return unescape(response.content.decode())


def options(page, name):
    """``{value: (label, count)}`` of the select ``name`` (its blank option left out)."""
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.S).group(1)
    found = {}
    for value, text in re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select):
        if value:
            match = re.fullmatch(r"(.*) \((\d+)\)|(.*)（(\d+)件）", text)
            assert match, text
            label, count = match.group(1) or match.group(3), match.group(2) or match.group(4)
            found[value] = (label, int(count))
    return found


def listed(page):
    """How many events the page lists: the month's count of its events (the
    grid shows a few a day), or the cards of a list."""
    month = re.search(
        r'<p class="eventcal-count">(?:(\d+) events? this month|今月のイベント (\d+)件)</p>', page
    )
    if month:
        return int(month.group(1) or month.group(2))
    return page.count('<article class="eventcal-card')


def test_options_show_their_counts_in_each_language(client, events):
    page = html(client.get("/en/events/"))
    with translation.override("en"):
        seminar, job_fair = str(Category.SEMINAR.label), str(Category("job_fair").label)
    assert f">{seminar} (3)</option>" in page
    assert f">{job_fair} (2)</option>" in page
    page = html(client.get("/ja/events/"))
    with translation.override("ja"):
        seminar = str(Category.SEMINAR.label)
    assert seminar == "セミナー"
    # Japanese punctuation (issue 14): full-width brackets and 件, as "（21件）".
    assert ">セミナー（3件）</option>" in page
    assert "（2件）</option>" in page


def test_options_without_events_are_hidden(client, events):
    page = html(client.get("/en/events/"))
    assert set(options(page, "category")) == {"seminar", "job_fair"}
    # Not Kyoto: its events are a draft and a restricted page.
    assert set(options(page, "prefecture")) == {"tokyo", "osaka"}
    assert set(options(page, "format")) == {"in_person", "online", "hybrid"}
    assert set(options(page, "body_type")) == {
        "ministry",
        "local_government",
        "university",
        "other",
    }
    # Past events have their own counts: no hybrid event has ended.
    assert "hybrid" not in options(html(client.get("/en/events/archive/")), "format")


def test_each_count_is_what_the_list_shows_when_it_is_chosen(client, events):
    checked = 0
    for path in PAGES:
        for base in ({}, {"prefecture": "osaka"}, {"category": "seminar", "format": "in_person"}):
            page = html(client.get(path, base))
            for name in SELECTS:
                for value, (_label, count) in options(page, name).items():
                    chosen = html(client.get(path, {**base, name: value}))
                    assert listed(chosen) == count, (path, base, name, value)
                    checked += 1
    assert checked > 100


def test_the_list_heading_counts_what_it_lists(client, events):
    for path in ("/ja/events/", "/en/events/archive/"):
        for query in ({}, {"prefecture": "osaka"}, {"body_type": "university"}):
            page = html(client.get(path, query))
            heading = re.search(r"\((\d+) events?\)|（(\d+)件）</span>", page)
            assert int(heading.group(1) or heading.group(2)) == listed(page), (path, query)


def test_the_selected_option_stays_with_zero_so_it_can_be_unselected(client, events):
    # No job fair in Tokyo has ended: the selected "job fair" shows 0.
    page = html(client.get("/en/events/archive/", {"category": "job_fair", "prefecture": "tokyo"}))
    category = options(page, "category")
    assert category["job_fair"][1] == 0
    assert re.search(r'<option value="job_fair" selected>[^<]* \(0\)</option>', page)
    assert category["seminar"][1] == 1  # Tokyo's past seminar
    prefecture = {value: count for value, (_label, count) in options(page, "prefecture").items()}
    assert prefecture == {"tokyo": 0, "osaka": 1}
    assert "No events match these filters." in page


def test_counts_are_explained_to_screen_readers(client, events):
    page = html(client.get("/en/events/"))
    for name in SELECTS:
        select = re.search(rf'<select name="{name}"[^>]*>', page).group(0)
        assert 'aria-describedby="eventcal-filter-counts-hint"' in select
    assert 'id="eventcal-filter-counts-hint"' in page
    assert "how many events it gives with the other filters" in page
    assert 'id="eventcal-filter-counts-hint"' in html(client.get("/ja/events/"))


def test_invalid_filters_show_the_options_without_counts(client, events):
    response = client.get("/en/events/", {"category": "nonsense"})
    assert response.status_code == 400
    page = unescape(response.content.decode())
    assert "eventcal-filter-counts-hint" not in page
    with translation.override("en"):
        assert f">{Category('job_fair').label}</option>" in page


def test_a_publication_changes_the_counts_at_once(client, events, calendar):
    assert options(html(client.get("/en/events/")), "category")["seminar"][1] == 3
    make_event(calendar, category="seminar", start=jst(2026, 12, 15, 10))
    assert options(html(client.get("/en/events/")), "category")["seminar"][1] == 4
    events[0].unpublish()
    assert options(html(client.get("/en/events/")), "category")["seminar"][1] == 3


def test_counts_move_from_upcoming_to_past_when_an_event_ends(client, events, time_machine):
    assert options(html(client.get("/en/events/")), "category")["seminar"][1] == 3
    assert options(html(client.get("/en/events/archive/")), "category")["seminar"][1] == 2
    # The first coming seminar (3 Dec, 10:00-12:00) ends; nothing is published.
    time_machine.move_to(jst(2026, 12, 3, 12, 1), tick=False)
    assert options(html(client.get("/en/events/")), "category")["seminar"][1] == 2
    assert options(html(client.get("/en/events/archive/")), "category")["seminar"][1] == 3
    page = html(client.get("/en/events/archive/", {"category": "seminar"}))
    assert listed(page) == 3


def _counts(sql):
    return facets.SQL_MARK in sql or "COUNT(" in sql.upper()


def _queries(client, path):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200
    return [query["sql"] for query in ctx.captured_queries]


@pytest.mark.parametrize(
    "path",
    [
        "/en/events/",
        "/ja/events/archive/?prefecture=osaka&category=seminar",
        "/en/events/?body_type=university&q=Event",
        "/ja/events/month/2026-12/?format=in_person",
    ],
)
def test_a_warm_page_counts_nothing_and_a_cold_one_stays_in_budget(client, events, path):
    client.get(path)  # Wagtail's own caches (site root paths, content types)
    cache.clear()
    Site.get_site_root_paths()
    cold = _queries(client, path)
    counting = [sql for sql in cold if _counts(sql)]
    assert len(counting) == 1, counting  # every option and the list's length in one query
    assert len(cold) <= 10, len(cold)
    warm = _queries(client, path)
    assert not [sql for sql in warm if _counts(sql)]
    # The counts' cache needs the publication token, which replaces the
    # list's COUNT (lists) or is read for the month's body anyway.
    assert len(warm) <= len(cold) - 1
    assert len(warm) <= 9 if "month" not in path else len(warm) <= 7


def test_languages_share_the_counts(client, events):
    client.get("/en/events/")
    ja = _queries(client, "/ja/events/")
    assert not [sql for sql in ja if _counts(sql)]


def test_the_list_still_pages_with_the_counted_length(client, calendar, now):
    for day in range(25):
        make_event(calendar, start=jst(2026, 12, 2, 10) + timedelta(days=day))
    first = html(client.get("/en/events/"))
    assert "(25 events)" in first
    assert first.count('<article class="eventcal-card') == 20
    second = html(client.get("/en/events/", {"page": 2}))
    assert second.count('<article class="eventcal-card') == 5


SPLICED_FORMS = [{}, {"category": "seminar"}, {"body_type": "university", "prefecture": "osaka"}]


def _upcoming_tally(calendar, data, *, cached=True):
    from django.db.models import Q
    from django.utils import timezone

    from wagtail_eventcal.public.filters import EventFilterForm

    form = EventFilterForm(data or None)
    assert not form.is_bound or form.is_valid()
    names = ("category", "prefecture", "format", "body_type")
    now = timezone.now()
    scope = Q(end__gte=now)
    if not cached:
        return facets.tally(calendar.events(), form, names, scope=scope, now=now)
    return facets.cached_tally(
        ("upcoming", calendar.pk), calendar.events(), form, names, scope=scope, now=now
    )


def _changes(calendar, events, university):
    """Publications of every kind a reviewer makes, one at a time."""
    yield "new event", lambda: make_event(
        calendar, start=jst(2026, 12, 9, 10), prefecture="osaka", organizations=[university]
    )

    def recategorise():
        event = events[0].get_latest_revision_as_object()
        event.category = "job_fair"
        event.save_revision().publish()

    yield "category changed", recategorise

    def reorganise():
        event = events[1].get_latest_revision_as_object()
        event.participations.first().organization = university
        event.save_revision().publish()

    yield "organizer changed", reorganise
    yield "unpublished", lambda: events[2].get_latest_revision_as_object().unpublish()
    yield "deleted", lambda: events[3].delete()

    def ended():
        event = events[4].get_latest_revision_as_object()
        event.start, event.end = jst(2026, 11, 1, 10), jst(2026, 11, 1, 12)
        event.save_revision().publish()

    yield "moved to the past", ended


def test_counts_after_each_publication_equal_a_fresh_count(calendar, events):
    """Issue 17: after a publication the counts are brought up to date by
    reading the changed events only, and equal a recount every time."""
    university = make_organization(body_types=("university",))
    for data in SPLICED_FORMS:
        _upcoming_tally(calendar, data)
    for what, change in _changes(calendar, events, university):
        change()
        for data in SPLICED_FORMS:
            with CaptureQueriesContext(connection) as ctx:
                spliced = _upcoming_tally(calendar, data)
            counting = [q["sql"] for q in ctx.captured_queries if facets.SQL_MARK in q["sql"]]
            assert len(counting) == 1, (what, data)
            # Only the changed events were read: no window over the calendar.
            assert "OVER ()" not in counting[0], (what, data)
            fresh = _upcoming_tally(calendar, data, cached=False)
            assert (spliced.counts, spliced.total) == (fresh.counts, fresh.total), (what, data)


def test_a_change_of_everything_counts_again(calendar, events):
    _upcoming_tally(calendar, {"body_type": "university"})
    university = events[3].participations.first().organization
    university.body_types.clear()  # no signal: the save below is what bumps
    university.save()
    with CaptureQueriesContext(connection) as ctx:
        counted = _upcoming_tally(calendar, {"body_type": "university"})
    assert any("OVER ()" in q["sql"] for q in ctx.captured_queries)
    fresh = _upcoming_tally(calendar, {"body_type": "university"}, cached=False)
    assert (counted.counts, counted.total) == (fresh.counts, fresh.total)

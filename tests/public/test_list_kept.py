"""Issue 17: the upcoming list and the archive after a publication. The
page's events and its rendered content are kept; a publication that does
not touch the page costs no page query and no rendering, and every page is
the page a cold cache would give."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from tests.factories import jst, make_event, make_organization, publish_edit

pytestmark = pytest.mark.django_db
PAGES = [
    "/en/events/",
    "/ja/events/",
    "/en/events/?category=seminar",
    "/ja/events/?body_type=university&prefecture=osaka",
    "/en/events/?page=2",
    "/en/events/archive/",
]


@pytest.fixture
def now(time_machine):
    time_machine.move_to(jst(2026, 12, 1, 9, 0), tick=False)


@pytest.fixture(autouse=True)
def small_pages(settings):
    settings.EVENTCAL_PAGE_SIZE = 3


def _pages(client):
    pages = {}
    for url in PAGES:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = (response.content, [q["sql"] for q in ctx.captured_queries])
    return pages


def test_after_each_publication_the_lists_equal_lists_made_afresh(client, calendar, now):
    university = make_organization(body_types=("university",), prefecture="osaka")
    ministry = make_organization(body_types=("ministry",))
    talks = [
        make_event(
            calendar,
            title_en=f"Talk {n}",
            start=jst(2026, 12, 2 + n, 10),
            category="seminar" if n % 2 else "job_fair",
            prefecture="osaka" if n % 3 else "tokyo",
            organizations=[university if n % 2 else ministry],
        )
        for n in range(8)
    ]
    past = make_event(
        calendar, title_en="Old talk", start=jst(2026, 11, 2, 10), organizations=[ministry]
    )
    changes = [
        (
            "a new first event",
            lambda: make_event(
                calendar,
                title_en="Early",
                start=jst(2026, 12, 1, 12),
                # It ends after the next end the counts know (else the
                # lists are read again for that reason alone).
                end=jst(2026, 12, 31, 18),
                organizations=[ministry],
            ),
        ),
        (
            "a new last event",
            lambda: make_event(
                calendar, title_en="Late", start=jst(2027, 3, 1, 10), organizations=[ministry]
            ),
        ),
        ("an event on page 1 renamed", lambda: publish_edit(talks[1], title_en="Renamed")),
        (
            "an event moved forward",
            lambda: publish_edit(talks[7], start=jst(2026, 12, 1, 10), end=jst(2026, 12, 20, 11)),
        ),
        ("organizer changed", lambda: publish_edit(talks[4], category="seminar")),
        ("unpublished", lambda: talks[2].get_latest_revision_as_object().unpublish()),
        ("past event renamed", lambda: publish_edit(past, title_en="Older talk")),
        ("deleted", lambda: talks[5].delete()),
    ]
    _pages(client)
    for what, change in changes:
        change()
        kept = _pages(client)
        cache.clear()
        Site.get_site_root_paths()
        fresh = _pages(client)
        for url in PAGES:
            assert kept[url][0] == fresh[url][0], (what, url)


def test_a_publication_off_the_page_costs_no_page_query_nor_rendering(client, calendar, now):
    for n in range(3):
        make_event(calendar, title_en=f"Soon {n}", start=jst(2026, 12, 2 + n, 10))
    later = make_event(calendar, title_en="Later", start=jst(2027, 1, 20, 10))
    lists = ["/en/events/", "/en/events/?category=job_fair"]  # "Later" is a seminar
    warm = {}
    for url in lists:
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        warm[url] = len(ctx)
    publish_edit(later, title_en="Later, renamed")
    after = {}
    for url in lists:
        with CaptureQueriesContext(connection) as ctx:
            page = client.get(url).content.decode()
        assert "Later" not in page  # three a page, or not a job fair
        assert not [q for q in ctx.captured_queries if "eventfeedfragment" in q["sql"]]
        after[url] = len(ctx)
    # The counts read the changed event; where it stands in the list is
    # read only when the list holds it (after the page: the page is kept).
    assert after == {lists[0]: warm[lists[0]] + 2, lists[1]: warm[lists[1]] + 1}

"""The benchmark harness: its bulk seeding makes real, live, publicly
routable pages (as add_child + publish would), its baseline feed is a
working django-ical feed, and its budgets are computed correctly."""

import pytest
from django.test import override_settings
from django.utils import translation
from icalendar import Calendar
from wagtail.models import Page

from benchmarks.baseline import feed_events
from benchmarks.measure import percentile
from benchmarks.models import BarePage
from benchmarks.report import check_budgets
from benchmarks.seed import make_organizations, seed_events
from tests.factories import jst, make_event
from wagtail_eventcal.models import EventPage
from wagtail_eventcal.public.grid import Month

pytestmark = pytest.mark.django_db
MONTH = Month(2026, 12)


@pytest.fixture
def seeded(calendar, time_machine):
    time_machine.move_to(jst(2026, 12, 1, 9, 0))
    organizations = make_organizations(count=12)
    pks = seed_events(calendar, 120, month=MONTH, organizations=organizations)
    return calendar, pks


def test_bulk_seeded_events_are_live_public_pages_in_a_valid_tree(seeded, client):
    calendar, pks = seeded
    assert Page.find_problems() == ([], [], [], [], [])
    calendar.refresh_from_db()
    assert calendar.numchild == 120 == calendar.get_children().count()
    assert set(calendar.events().values_list("pk", flat=True)) == set(pks)
    event = EventPage.objects.get(pk=pks[7])
    assert event.live and not event.has_unpublished_changes
    assert event.live_revision_id == event.latest_revision_id
    assert event.live_revision.as_object().title == event.title
    assert 1 <= event.participations.count() <= 3
    response = client.get(f"/ja/events/{event.slug}/")
    assert response.status_code == 200
    assert event.title in response.content.decode()
    with translation.override("en"):
        assert event.get_url() == f"/en/events/{event.slug}/"


def test_bulk_seeding_puts_one_event_in_ten_in_the_displayed_month(seeded):
    calendar, pks = seeded
    in_month = calendar.events().overlapping(*MONTH.bounds(jst(2026, 1, 1).tzinfo)).count()
    assert 12 <= in_month <= 20  # 12 placed there, a few neighbours overlap the grid


def test_pages_added_the_ordinary_way_after_bulk_seeding_get_free_paths(seeded, client):
    calendar, _pks = seeded
    calendar.refresh_from_db()
    event = make_event(calendar, slug="after-seeding")
    assert Page.find_problems() == ([], [], [], [], [])
    assert client.get("/ja/events/after-seeding/").status_code == 200
    assert event.path > EventPage.objects.exclude(pk=event.pk).order_by("-path").first().path


def test_bare_page_serves_without_queries_of_its_own(client, django_assert_num_queries):
    home = Page.objects.get(depth=2)
    bare = BarePage(title="Bare page", slug="bare")
    home.add_child(instance=bare)
    bare.save_revision().publish()
    client.get("/ja/bare/")
    # Wagtail's own: site, routing (3), alias check, view restrictions.
    with django_assert_num_queries(6):
        response = client.get("/ja/bare/")
    assert response.status_code == 200
    assert "<h1>Bare page</h1>" in response.content.decode()


@override_settings(ROOT_URLCONF="benchmarks.urls")
def test_django_ical_baseline_lists_the_feed_events(seeded, client):
    calendar, _pks = seeded
    response = client.get("/bench/django-ical.ics")
    assert response.status_code == 200
    parsed = Calendar.from_ical(response.content)
    uids = {str(component["UID"]) for component in parsed.walk("VEVENT")}
    expected = feed_events(calendar)
    assert len(uids) == expected.count() > 0
    assert f"event-{expected.first().pk}@testserver" in uids


def test_percentile_is_nearest_rank():
    samples = list(range(1, 21))
    assert percentile(samples, 95) == 19
    assert percentile(samples, 50) == 10
    assert percentile([5.0], 95) == 5.0


def _size(n, **medians_and_queries):
    return {
        "n": n,
        "feed_events": 5000,
        "results": [
            {"name": name, "median_ms": median, "queries": queries}
            for name, (median, queries) in medians_and_queries.items()
        ],
    }


def test_budgets_pass_and_fail_on_the_issue_limits():
    good = dict(
        bare=(10, 6),
        month=(29, 8),
        month_en=(29, 8),
        list=(30, 9),
        event=(12, 9),
        feed_cold=(300, 5),
        feed_warm=(50, 4),
        event_ics=(10, 7),
        api=(5, 1),
        api_cold=(20, 6),
        reviewer_dashboard=(80, 15),
        django_ical=(2000, 4),
        feed_304=(14, 2),
    )
    report = {"databases": {"sqlite": {"sizes": [_size(1000, **good), _size(10000, **good)]}}}
    assert all(check.ok for check in check_budgets(report))

    slow = dict(good, month=(31, 8), api_cold=(20, 7), feed_warm=(101, 4))
    growing = {"sizes": [_size(1000, **good), _size(10000, **slow)]}
    report = {"databases": {"sqlite": growing, "postgresql": {"unavailable": "no server"}}}
    failed = {(c.database, c.name.split(",")[0]) for c in check_budgets(report) if not c.ok}
    assert failed == {
        ("sqlite", "month view / bare page"),
        ("sqlite", "queries api_cold"),
        ("sqlite", "django-ical / feed"),
        ("postgresql", "all budgets"),
    }

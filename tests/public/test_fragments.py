"""Pages assembled from per-event fragments (issue 17, item 2): an event's
list card and month-grid entry are rendered once per published revision and
language and stored; a publication re-renders that event only."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from tests.factories import jst, make_event, make_organization
from wagtail_eventcal.models import EventFeedFragment

pytestmark = pytest.mark.django_db
MONTH = "/en/events/month/2026-12/"
LIST = "/en/events/"


@pytest.fixture
def events(calendar, time_machine):
    time_machine.move_to(jst(2026, 12, 1, 9, 0))
    return [
        make_event(calendar, title_en=f"Talk {n}", start=jst(2026, 12, 2 + n, 10, 0))
        for n in range(6)
    ]


def stored(kind):
    return dict(EventFeedFragment.objects.filter(kind=kind).values_list("event_id", "revision_id"))


def test_publication_renders_the_events_fragments_in_both_languages(events):
    for kind in ("card", "grid"):
        rows = EventFeedFragment.objects.filter(kind=kind)
        assert {(r.event_id, r.language) for r in rows} == {
            (e.pk, lang) for e in events for lang in ("ja", "en")
        }
        assert all(r.revision_id == r.event.live_revision_id for r in rows)
    assert (
        "Talk 0" in EventFeedFragment.objects.get(kind="card", language="en", event=events[0]).text
    )


def test_a_publication_rerenders_one_event_not_the_page(client, events):
    client.get(MONTH), client.get(LIST)
    before = {
        (f.event_id, f.kind, f.language): (f.pk, f.text) for f in EventFeedFragment.objects.all()
    }
    changed = events[2]
    changed.title_en = "Changed talk"
    changed.save_revision().publish()
    after = {
        (f.event_id, f.kind, f.language): (f.pk, f.text) for f in EventFeedFragment.objects.all()
    }
    differing = {key[0] for key in before if before[key] != after[key]}
    assert differing == {changed.pk}
    # The pages show it, assembled without rendering any event again.
    for url in (MONTH, LIST):
        with CaptureQueriesContext(connection) as ctx:
            page = client.get(url).content.decode()
        assert "Changed talk" in page and "Talk 2<" not in page
        writes = [q["sql"] for q in ctx.captured_queries if "INSERT" in q["sql"]]
        assert not writes, writes


def test_missing_or_stale_fragments_are_rendered_on_first_view(client, events):
    EventFeedFragment.objects.filter(kind="card").delete()
    EventFeedFragment.objects.filter(kind="grid").update(version="an older template")
    page = client.get(LIST).content.decode()
    assert all(f"Talk {n}" in page for n in range(6))
    assert len(stored("card")) == 6  # English only: rendered where needed
    month = client.get(MONTH).content.decode()
    assert month.count("Talk ") == 6
    versions = set(
        EventFeedFragment.objects.filter(kind="grid", language="en").values_list(
            "version", flat=True
        )
    )
    assert versions and "an older template" not in versions


def test_the_list_right_after_a_publication_costs_what_a_cold_list_costs(client, events):
    client.get(LIST)
    cache.clear()
    Site.get_site_root_paths()  # Wagtail's own cache, which a publication keeps
    with CaptureQueriesContext(connection) as cold:
        client.get(LIST)
    with CaptureQueriesContext(connection) as warm:
        client.get(LIST)
    events[0].title_en = "Again"
    events[0].save_revision().publish()
    with CaptureQueriesContext(connection) as after:
        assert "Again" in client.get(LIST).content.decode()
    # The page's rows come with their stored cards: nothing is rendered.
    assert len(after) == len(cold) <= 10
    assert not [q for q in after.captured_queries if "INSERT" in q["sql"]]
    # Warm: the counts, the page's events and its content are kept (no
    # counting, no page query, no cards).
    assert len(warm) == len(cold) - 3


def test_the_cached_list_drops_an_event_the_moment_it_ends(client, events, time_machine):
    assert "Talk 0" in client.get(LIST).content.decode()
    time_machine.move_to(jst(2026, 12, 2, 12, 0, 1))  # Talk 0 ended at 12:00
    page = client.get(LIST).content.decode()
    assert "Talk 0" not in page and "Talk 1" in page
    assert "Talk 0" in client.get("/en/events/archive/").content.decode()


def test_an_organization_rename_reaches_cards(client, calendar, events):
    organization = make_organization(name_en="Old body")
    make_event(calendar, title_en="With body", organizations=[organization])
    assert "Old body" in client.get(LIST).content.decode()
    organization.name_en = "New body"
    organization.save()
    page = client.get(LIST).content.decode()
    assert "New body" in page and "Old body" not in page


def test_a_grid_entry_has_its_start_time_on_the_first_day_only(client, calendar, events):
    make_event(
        calendar, title_en="Three days", start=jst(2026, 12, 20, 10, 30), end=jst(2026, 12, 22, 17)
    )
    month = client.get(MONTH).content.decode()
    entries = [part.split("</li>")[0] for part in month.split("<li") if "Three days" in part]
    assert len(entries) == 3
    assert "10:30</time>" in entries[0]
    assert "<time" not in entries[1] and "<time" not in entries[2]
    assert "<!--" not in month.split('class="eventcal-grid"')[1]


def test_an_event_page_is_served_from_its_stored_fragment(client, events):
    event = events[0]
    url = f"/en/events/{event.slug}/"
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        page = client.get(url).content.decode()
    assert "Talk 0" in page and '<script type="application/ld+json">' in page
    assert "Add to your calendar" in page and "<!--eventcal" not in page
    # Neither the participations nor a render: the stored article holds them.
    assert not [q for q in ctx.captured_queries if "participation" in q["sql"]]
    # Kept under the publication token with the event (public/event_page.py).
    assert len(ctx) <= 5
    event.title_en = "Renamed talk"
    event.save_revision().publish()
    page = client.get(url).content.decode()
    assert "Renamed talk" in page and "Talk 0" not in page
    japanese = client.get(f"/ja/events/{event.slug}/").content.decode()
    assert "追加" in japanese or "カレンダー" in japanese

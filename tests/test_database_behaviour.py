"""Behaviour that SQLite and PostgreSQL would each do their own way.

CI runs the whole suite on both databases (``.ci/run``); these tests pin down
the places where the two differ by default: case folding in ``icontains``
(SQLite folds ASCII only, PostgreSQL all of Unicode but never full/half
width), ties in ordering, and JST date boundaries of UTC-stored datetimes.
"""

import html
import os
import re

import pytest
from django.db import connection

from tests.factories import jst, make_event, make_organization
from wagtail_eventcal.folding import fold
from wagtail_eventcal.models import EventPage

pytestmark = pytest.mark.django_db


def test_runs_on_the_configured_database():
    # Guards .ci/run: DATABASE_URL=postgres://... must really reach PostgreSQL.
    url = os.environ.get("DATABASE_URL", "")
    assert connection.vendor == ("postgresql" if url.startswith("postgres") else "sqlite")


def search(client, query):
    response = client.get("/en/events/", {"q": query})
    assert response.status_code == 200
    return {event.title_en for event in response.context["events"]}


@pytest.mark.parametrize(
    ("stored", "query"),
    [
        ("Career SEMINAR", "seminar"),  # ASCII case
        ("career seminar", "SEMINAR"),
        ("ＳＥＭＩＮＡＲ for engineers", "seminar"),  # full-width text, ASCII query
        ("ｓｅｍｉｎａｒ for engineers", "Seminar"),
        ("Seminar for engineers", "ｓｅｍｉｎａｒ"),  # full-width query (IME on)
        ("Seminar for engineers", "ＳＥＭＩＮＡＲ"),
        ("CAFÉ meetup", "café"),  # non-ASCII case: SQLite's LIKE alone misses it
        ("留学生向けセミナー", "セミナー"),
        ("留学生向けセミナー", "ｾﾐﾅｰ"),  # half-width katakana query
        ("東京都で開催", "東京"),
    ],
)
def test_keyword_search_ignores_case_and_width(client, calendar, time_machine, stored, query):
    time_machine.move_to(jst(2026, 12, 1, 9, 0))
    make_event(calendar, title_en="Match", summary_en=stored)
    make_event(calendar, title_en="Other", summary_en="Networking evening")
    assert search(client, query) == {"Match"}


def test_keyword_search_matches_organization_names_in_either_language(
    client, calendar, time_machine
):
    time_machine.move_to(jst(2026, 12, 1, 9, 0))
    ministry = make_organization(name_ja="経済産業省", name_en="METI")
    make_event(calendar, title_en="Match", organizations=[ministry])
    make_event(calendar, title_en="Other")
    assert search(client, "経済産業") == {"Match"}
    assert search(client, "meti") == {"Match"}
    assert search(client, "ＭＥＴＩ") == {"Match"}


def test_every_word_must_match(client, calendar, time_machine):
    time_machine.move_to(jst(2026, 12, 1, 9, 0))
    make_event(calendar, title_en="Both", summary_en="Job fair in Osaka")
    make_event(calendar, title_en="One", summary_en="Job fair in Tokyo")
    assert search(client, "JOB　osaka") == {"Both"}  # ideographic space separates too


def test_folding_covers_case_and_width():
    assert {fold(word) for word in ("AB", "Ab", "ab", "ＡＢ", "Ａｂ", "ａｂ")} == {"ab"}
    assert fold("ｾﾐﾅｰ") == fold("セミナー") == "セミナー"
    assert fold("CAFÉ") == "café"
    assert fold("東京") == "東京"


def test_renaming_an_organization_refreshes_its_events_search_text(client, calendar, time_machine):
    time_machine.move_to(jst(2026, 12, 1, 9, 0))
    agency = make_organization(name_ja="旧名称庁", name_en="Old Agency")
    make_event(calendar, title_en="Match", organizations=[agency])
    assert search(client, "old agency") == {"Match"}
    agency.name_en = "New Agency"
    agency.save()
    assert search(client, "new agency") == {"Match"}
    assert search(client, "old agency") == set()


def test_a_draft_revision_leaves_the_live_search_text(client, calendar, time_machine):
    time_machine.move_to(jst(2026, 12, 1, 9, 0))
    event = make_event(calendar, title_en="Live title")
    event.title_en = "Draft title"
    event.save_revision()
    assert search(client, "live title") == {"Live title"}
    assert search(client, "draft title") == set()


def test_keyword_search_reads_one_folded_column_and_its_index(calendar):
    """A search is one LIKE per word on the stored folded text. On PostgreSQL
    the GIN trigram index serves it (the planner is told to avoid the plans
    a small test table makes cheapest — sequential and plain index scans,
    nested loops — so that it shows whether the index applies at all);
    SQLite scans the column."""
    from wagtail_eventcal.public.filters import EventFilterForm

    form = EventFilterForm({"q": "セミナー Osaka"})
    assert form.is_valid()
    queryset = form.filter(EventPage.objects.all())
    sql = str(queryset.query)
    assert len(re.findall(r'"search_text"(::text)? LIKE', sql)) == 2
    assert "participation" not in sql
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # A tiny table makes any plan cheap: leave only the access paths
            # an index condition can drive (a bitmap scan), to see which
            # index the search's predicate can use.
            for setting in ("enable_seqscan", "enable_indexscan", "enable_nestloop"):
                cursor.execute(f"SET LOCAL {setting} = off")
        plan = queryset.explain()
        assert "wagtail_eventcal_eventpage_search_trgm" in plan, plan


def test_like_wildcards_in_a_query_are_literal(client, calendar, time_machine):
    time_machine.move_to(jst(2026, 12, 1, 9, 0))
    make_event(calendar, title_en="Percent", summary_en="100% online")
    make_event(calendar, title_en="Other", summary_en="100 online")
    assert search(client, "100%") == {"Percent"}
    assert search(client, "_") == set()


def test_events_starting_together_keep_one_order_across_pages(
    client, calendar, time_machine, settings
):
    # Without a tie-breaker PostgreSQL may return equal rows in any order, so
    # a page boundary could repeat one event and hide another.
    settings.EVENTCAL_PAGE_SIZE = 3
    time_machine.move_to(jst(2026, 12, 1, 9, 0))
    created = [make_event(calendar, start=jst(2026, 12, 10, 14, 0)) for _ in range(7)]
    seen = []
    for page in (1, 2, 3):
        response = client.get("/en/events/", {"page": page})
        seen += [event.pk for event in response.context["events"]]
    assert seen == [event.pk for event in created]


def test_past_events_are_most_recent_first_with_ties_newest_first(client, calendar, time_machine):
    time_machine.move_to(jst(2027, 2, 1, 9, 0))
    early = make_event(calendar, start=jst(2026, 12, 1, 10, 0))
    tie_a = make_event(calendar, start=jst(2026, 12, 5, 10, 0))
    tie_b = make_event(calendar, start=jst(2026, 12, 5, 10, 0))
    response = client.get("/en/events/archive/")
    assert [e.pk for e in response.context["events"]] == [tie_b.pk, tie_a.pk, early.pk]


def grid_titles(client, month, **params):
    response = client.get(f"/en/events/month/{month}/", params)
    assert response.status_code == 200
    # A day's entries are stored HTML fragments (issue 17): their titles.
    return {
        day.date.isoformat(): [
            html.unescape(re.search(r'<span(?: lang="ja")?>([^<]*)</span>', entry).group(1))
            for entry in day.events
        ]
        for week in response.context["weeks"]
        for day in week
    }


def test_an_event_across_jst_midnight_is_on_both_local_days(client, calendar):
    # 23:30 JST on 31 Dec is still 31 Dec in UTC (14:30), 00:30 JST is 15:30 UTC.
    make_event(
        calendar,
        title_en="New year",
        start=jst(2026, 12, 31, 23, 30),
        end=jst(2027, 1, 1, 0, 30),
    )
    december = grid_titles(client, "2026-12")
    assert december["2026-12-30"] == []
    assert december["2026-12-31"] == ["New year"]
    assert december["2027-01-01"] == ["New year"]
    january = grid_titles(client, "2027-01")
    assert january["2027-01-01"] == ["New year"]
    assert january["2027-01-02"] == []


def test_an_event_at_jst_midnight_belongs_to_the_new_day_only(client, calendar):
    # 00:00 JST on 1 Jan is 15:00 UTC on 31 Dec: a UTC date would say December.
    make_event(calendar, title_en="Midnight", start=jst(2027, 1, 1, 0, 0), end=jst(2027, 1, 1, 1))
    december = grid_titles(client, "2026-12")
    assert december["2026-12-31"] == []
    assert december["2027-01-01"] == ["Midnight"]


def test_an_all_day_event_covers_its_day_and_no_other(client, calendar):
    make_event(
        calendar,
        title_en="All day",
        all_day=True,
        start=jst(2027, 1, 4, 0, 0),
        end=jst(2027, 1, 4, 23, 59, 59),
    )
    january = grid_titles(client, "2027-01")
    assert january["2027-01-03"] == []
    assert january["2027-01-04"] == ["All day"]
    assert january["2027-01-05"] == []


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"date_from": "2027-01-01"}, {"Starts at midnight", "Crosses midnight"}),
        ({"date_to": "2026-12-31"}, {"Ends before midnight", "Crosses midnight"}),
        (
            {"date_from": "2027-01-01", "date_to": "2027-01-01"},
            {"Starts at midnight", "Crosses midnight"},
        ),
        (
            {"date_from": "2026-12-31", "date_to": "2026-12-31"},
            {"Ends before midnight", "Crosses midnight"},
        ),
    ],
)
def test_date_filters_use_jst_days(client, calendar, time_machine, params, expected):
    time_machine.move_to(jst(2026, 12, 1, 9, 0))
    make_event(
        calendar,
        title_en="Ends before midnight",
        start=jst(2026, 12, 31, 22, 0),
        end=jst(2026, 12, 31, 23, 59),
    )
    make_event(
        calendar,
        title_en="Crosses midnight",
        start=jst(2026, 12, 31, 23, 30),
        end=jst(2027, 1, 1, 0, 30),
    )
    make_event(
        calendar,
        title_en="Starts at midnight",
        start=jst(2027, 1, 1, 0, 0),
        end=jst(2027, 1, 1, 2, 0),
    )
    response = client.get("/en/events/", params)
    assert {event.title_en for event in response.context["events"]} == expected


def test_upcoming_switches_at_the_jst_end_of_an_event(client, calendar, time_machine):
    make_event(
        calendar, title_en="Evening", start=jst(2026, 12, 31, 22, 0), end=jst(2026, 12, 31, 23, 59)
    )
    time_machine.move_to(jst(2026, 12, 31, 23, 58))
    assert {e.title_en for e in client.get("/en/events/").context["events"]} == {"Evening"}
    time_machine.move_to(jst(2027, 1, 1, 0, 0))
    assert list(client.get("/en/events/").context["events"]) == []
    archive = client.get("/en/events/archive/").context["events"]
    assert [e.title_en for e in archive] == ["Evening"]


def test_japanese_text_round_trips_unchanged(calendar):
    text = "高度外国人材🎌ｶﾀｶﾅ①"
    event = make_event(calendar, summary_ja=text)
    event.refresh_from_db()
    assert event.summary_ja == text

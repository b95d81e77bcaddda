"""Public titles say what is shown (issue 19 point 1): the list, a filtered
list, its page 2, an empty result and the 400 page of invalid filters no
longer all read "Event calendar"."""

import re

import pytest
from django.test import override_settings
from django.utils.html import strip_tags

from tests.factories import jst, make_event

pytestmark = pytest.mark.django_db


def title(client, path, status=200):
    response = client.get(path)
    assert response.status_code == status, (path, response.status_code)
    return " ".join(
        strip_tags(
            re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1)
        ).split()
    )


@pytest.fixture
def events(calendar, time_machine):
    time_machine.move_to(jst(2026, 12, 1, 9, 0))
    for day in range(2, 6):
        make_event(calendar, prefecture="osaka", start=jst(2026, 12, day, 10, 0))
    make_event(calendar, prefecture="tokyo")


@override_settings(EVENTCAL_PAGE_SIZE=2)
def test_english_titles(client, calendar, events):
    assert title(client, "/en/events/") == "Upcoming events — Event calendar"
    assert title(client, "/en/events/?category=seminar&prefecture=osaka&page=2") == (
        "Seminar, Osaka — Upcoming events — page 2 — Event calendar"
    )
    assert title(client, "/en/events/?q=nothing-like-this") == (
        "“nothing-like-this” — Upcoming events — no events found — Event calendar"
    )
    assert title(client, "/en/events/?date_from=2026-12-10&date_to=2026-12-01", 400) == (
        "Error: please correct the filters — Upcoming events — Event calendar"
    )
    assert title(client, "/en/events/archive/") == "Past events — no events found — Event calendar"
    assert title(client, "/en/events/month/2026-12/?prefecture=osaka") == (
        "Osaka — December 2026 — Event calendar"
    )


@override_settings(EVENTCAL_PAGE_SIZE=2)
def test_japanese_titles(client, calendar, events):
    assert title(client, "/ja/events/?category=seminar&prefecture=osaka&page=2") == (
        "セミナー、大阪府 — 開催予定のイベント — 2ページ目 — イベントカレンダー"
    )
    assert title(client, "/ja/events/?date_to=x", 400).startswith("エラー：")


@override_settings(EVENTCAL_PAGE_SIZE=2)
def test_titles_differ_between_list_states(client, calendar, events):
    paths = [
        "/en/events/",
        "/en/events/?page=2",
        "/en/events/?prefecture=osaka",
        "/en/events/?q=zzz",
        "/en/events/archive/",
        "/en/events/month/2026-12/",
    ]
    titles = [title(client, path) for path in paths]
    assert len(set(titles)) == len(titles), titles

"""What a visitor meets on the public pages (issue 14): one Online badge,
Japanese punctuation in Japanese, organizations without an English name
marked on /en/ pages."""

import re

import pytest

from tests.factories import jst, make_event, make_organization
from wagtail_eventcal.choices import EventFormat

pytestmark = pytest.mark.django_db


@pytest.fixture
def now(time_machine):
    time_machine.move_to(jst(2026, 12, 1, 9, 0))


def text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


@pytest.mark.parametrize(("language", "label"), [("en", "Online"), ("ja", "オンライン")])
def test_online_event_has_one_online_badge(client, calendar, now, language, label):
    make_event(
        calendar,
        title="オンライン説明会",
        event_format=EventFormat.ONLINE,
        prefecture="online",
        online_url="https://example.org/live",
    )
    html = client.get(f"/{language}/events/").content.decode()
    card = html[html.index("eventcal-card__tags") :]
    card = card[: card.index("</ul>")]
    assert card.count(f">{label}<") == 1


def test_japanese_punctuation_on_japanese_pages(client, calendar, now):
    tokyo = make_organization(body_types=("local_government",), name_ja="東京都", name_en="Tokyo")
    osaka = make_organization(body_types=("local_government",), name_ja="大阪府", name_en="Osaka")
    event = make_event(
        calendar,
        organizations=[tokyo, osaka],
        event_languages=["ja", "en"],
        contact_phone="03-0000-0000",
    )
    listing = text(client.get("/ja/events/").content.decode())
    assert "主催：東京都、大阪府" in listing
    assert re.search(r"（\d+件）", listing)
    page = text(client.get(f"/ja/events/{event.slug}/").content.decode())
    assert "日本語、英語" in page
    assert "東京都、大阪府" in page
    assert "電話：" in page
    english = text(client.get("/en/events/").content.decode())
    assert "Organizer: Tokyo, Osaka" in english


def test_organization_without_english_name_is_marked_on_english_pages(client, calendar, now):
    body = make_organization(body_types=("university",), name_ja="和文大学", name_en="")
    event = make_event(calendar, organizations=[body])
    for path in ("/en/events/", f"/en/events/{event.slug}/"):
        html = client.get(path).content.decode()
        assert (
            '<span lang="ja">和文大学</span> <span class="eventcal-ja-only">Japanese only</span>'
            in html
        ), path
    assert "Japanese only" not in client.get(f"/ja/events/{event.slug}/").content.decode()


@pytest.mark.parametrize(
    ("language", "holiday", "weekday"),
    [
        ("ja", "勤労感謝の日", "11月23日（月）"),
        ("en", "Labor Thanksgiving Day", "November 23 (Mon)"),
    ],
)
def test_month_grid_marks_weekends_and_holidays_with_times(
    client, calendar, now, language, holiday, weekday
):
    make_event(calendar, title="祝日の説明会", start=jst(2026, 11, 23, 14, 0))
    html = client.get(f"/{language}/events/month/2026-11/").content.decode()
    cell = html[html.index('datetime="2026-11-23"') :]
    cell = cell[: cell.index("</td>")]
    assert f'<span class="eventcal-grid__holiday">{holiday}</span>' in cell
    assert ">14:00</time>" in cell
    assert weekday in text(cell)
    saturday = html[: html.index('datetime="2026-11-21"')]
    assert saturday[saturday.rindex("<td") :].count("eventcal-grid__day--weekend") == 1
    monday = html[: html.index('datetime="2026-11-16"')]
    assert "--weekend" not in monday[monday.rindex("<td") :]


def test_filter_form_is_behind_one_filter_button(client, calendar, now):
    html = client.get("/ja/events/").content.decode()
    panel = html[html.index("<details") :]
    assert panel.index('<summary class="eventcal-button">絞り込み</summary>') < panel.index("<form")
    assert "</form>\n</details>" in html

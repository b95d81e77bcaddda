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

"""Roles that do not satisfy posting rule 2 (協賛・協力・出展): offered with
their meaning explained where editors pick a role, listed on the event page
and in the calendar feed under their own labels, in both languages."""

import pytest

from tests.factories import jst, make_event, make_organization, make_user
from wagtail_eventcal.choices import Role

from ..admin_screens import set_admin_language
from ..review_helpers import Cast, edit_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(calendar, time_machine):
    time_machine.move_to(jst(2026, 12, 1, 9, 0), tick=False)
    company = make_organization(
        ("company",), name_ja="株式会社グローバルキャリア", name_en="GC Inc."
    )
    city = make_organization(("local_government",), name_ja="福岡市", name_en="Fukuoka City")
    chamber = make_organization(
        ("chamber_of_commerce",), name_ja="名古屋商工会議所", name_en="Nagoya Chamber"
    )
    bank = make_organization(("company",), name_ja="○○銀行", name_en="XX Bank")
    fair = make_organization(("company",), name_ja="展示社", name_en="Exhibiting Co.")
    return make_event(
        calendar,
        organizations=[
            (company, Role.ORGANIZER),
            (city, Role.SUPPORTER),
            (chamber, Role.SPONSOR),
            (bank, Role.COOPERATOR),
            (fair, Role.EXHIBITOR),
        ],
        title="外国人起業家ピッチイベント",
        title_en="Pitch event by foreign founders",
    )


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("ja", ["後援", "協賛", "協力", "出展"]),
        ("en", ["Supporter", "Sponsor", "Cooperating organization", "Exhibitor"]),
    ],
)
def test_the_event_page_lists_every_role(client, event, language, labels):
    html = client.get(f"/{language}/events/{event.slug}/").content.decode()
    for label in labels:
        assert f"<dt>{label}</dt>" in html
    assert ("名古屋商工会議所" if language == "ja" else "Nagoya Chamber") in html


def test_the_calendar_feed_lists_every_role(client, event):
    from django.utils import translation

    from wagtail_eventcal.feeds.ical import _description

    with translation.override("en"):
        text = _description(event, "en")
    assert "Sponsor: Nagoya Chamber" in text and "Exhibitor: Exhibiting Co." in text
    with translation.override("ja"):
        text = _description(event, "ja")
    assert "協力: ○○銀行" in text


@pytest.mark.parametrize(
    ("language", "help_text"),
    [
        ("ja", "協賛・協力・出展はイベントページに表示されますが、掲載の条件は満たしません"),
        ("en", "A sponsor (協賛), cooperating organization (協力) or exhibitor (出展)"),
    ],
)
def test_editors_are_told_which_roles_count(client, calendar, event, language, help_text):
    cast = Cast(calendar)
    user = make_user("editor", groups=[cast.reviewers])
    set_admin_language(user, language)
    client.force_login(user)
    html = client.get(edit_url(event)).content.decode()
    assert help_text in html
    assert 'value="sponsor"' in html and 'value="exhibitor"' in html

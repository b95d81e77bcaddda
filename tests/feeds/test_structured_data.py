"""Structured data as complete as the model allows, and language marks in
every output: schema.org Event (read back with extruct, as a crawler does)
on every demo event in both languages; Atom ``xml:lang`` per entry, iCal
``LANGUAGE=`` and ``ORGANIZER`` only with a public address."""

import xml.etree.ElementTree as ET

import extruct
import pytest
from django.conf import settings
from django.core.management import call_command

from tests.factories import jst, make_event, make_organization
from tests.feeds.ical_checks import check_interop
from wagtail_eventcal.choices import EventFormat
from wagtail_eventcal.feeds.postal_address import performer_names, split_address
from wagtail_eventcal.models import EventPage

SCHEMA = "https://schema.org/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.parametrize(
    "text, region, locality, expected",
    [
        (
            "〒100-8901 東京都千代田区霞が関1-3-1",
            "東京都",
            "千代田区",
            {"postalCode": "100-8901", "streetAddress": "霞が関1-3-1"},
        ),
        (
            "1-3-1 Kasumigaseki, Chiyoda-ku, Tokyo 100-8901",
            "Tokyo",
            "Chiyoda-ku",
            {"postalCode": "100-8901", "streetAddress": "1-3-1 Kasumigaseki"},
        ),
        (
            "〒５３０－０００５大阪市北区中之島",
            "大阪府",
            "大阪市北区",
            {"postalCode": "530-0005", "streetAddress": "中之島"},
        ),
        # Without the municipality field nothing is guessed: 四日市市 stays whole.
        ("三重県四日市市諏訪町1-5", "三重県", "", {"streetAddress": "四日市市諏訪町1-5"}),
        ("", "大阪府", "", {}),
    ],
)
def test_split_address(text, region, locality, expected):
    assert split_address(text, region=region, locality=locality) == expected


def test_performer_names():
    assert performer_names("山田 花子、ジョン・スミス, Lee\n") == [
        "山田 花子",
        "ジョン・スミス",
        "Lee",
    ]
    assert performer_names("") == []


@pytest.fixture
def demo(db, time_machine):
    time_machine.move_to(jst(2026, 12, 1, 9, 0))
    call_command("load_demo", events=24, stdout=open("/dev/null", "w"))
    return list(EventPage.objects.live().public().with_related())


def _event_of(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    data = extruct.extract(
        response.content.decode(), base_url=settings.WAGTAILADMIN_BASE_URL, syntaxes=["json-ld"]
    )["json-ld"]
    (event,) = [item for item in data if item.get("@type") == "Event"]
    return event


def _text(value):
    return value["@value"] if isinstance(value, dict) else value


def test_every_demo_event_has_the_schema_org_event_shape(client, demo):
    seen_performers = seen_offers = 0
    for event in demo:
        for lang in ("ja", "en"):
            path = f"/{lang}/events/{event.slug}/"
            data = _event_of(client, path)
            for key in ("name", "startDate", "endDate", "eventStatus", "eventAttendanceMode"):
                assert data.get(key), (path, key)
            assert _text(data["description"]), path
            assert data["inLanguage"], path
            assert data["organizer"], path
            for organizer in data["organizer"]:
                assert _text(organizer["name"]) and organizer["url"].startswith("https://"), path
            places = data["location"] if isinstance(data["location"], list) else [data["location"]]
            physical = [p for p in places if p["@type"] == "Place"]
            if event.event_format != EventFormat.ONLINE:
                (place,) = physical
                address = place["address"]
                for key in ("addressRegion", "addressLocality", "streetAddress", "postalCode"):
                    assert address.get(key), (path, key, address)
                assert address["addressCountry"] == "JP"
                assert _text(address["streetAddress"]) not in event.address_ja[:3]
            if event.performers_ja:
                names = [_text(p["name"]) for p in data["performer"]]
                assert names and all(names), path
                seen_performers += 1
            else:
                assert "performer" not in data, path
            if "offers" in data:
                offer = data["offers"]
                assert offer["validFrom"] and offer["validThrough"] and offer["url"], path
                assert offer["availability"] in (SCHEMA + "InStock", SCHEMA + "SoldOut")
                assert offer["priceCurrency"] == "JPY" and "price" in offer, path
                seen_offers += 1
    assert seen_performers and seen_offers


def test_untranslated_text_is_marked_japanese_in_english_json_ld(client, demo):
    untranslated = next(event for event in demo if not event.title_en)
    data = _event_of(client, f"/en/events/{untranslated.slug}/")
    assert data["name"] == {"@value": untranslated.title, "@language": "ja"}
    assert data["description"]["@language"] == "ja"
    translated = next(event for event in demo if event.title_en and event.summary_en)
    data = _event_of(client, f"/en/events/{translated.slug}/")
    assert data["name"] == translated.title_en
    # A Japanese page names nothing as foreign.
    assert isinstance(_event_of(client, f"/ja/events/{untranslated.slug}/")["name"], str)


def test_atom_entries_carry_the_language_of_their_text(client, calendar, time_machine):
    time_machine.move_to(jst(2026, 12, 1, 9, 0))
    japanese_only = make_event(calendar, title_en="", summary_en="", start=jst(2026, 12, 10, 10, 0))
    english = make_event(calendar, start=jst(2026, 12, 11, 10, 0))
    root = ET.fromstring(client.get("/en/events/feed.atom").content)
    assert root.get(XML_LANG) == "en"
    languages = {
        entry.find(f"{ATOM}title").text: entry.get(XML_LANG)
        for entry in root.findall(f"{ATOM}entry")
    }
    assert languages == {japanese_only.title: "ja", english.title_en: None}
    root = ET.fromstring(client.get("/ja/events/feed.atom").content)
    assert {entry.get(XML_LANG) for entry in root.findall(f"{ATOM}entry")} == {None}


def test_ical_marks_text_in_the_other_language(client, calendar, time_machine):
    time_machine.move_to(jst(2026, 12, 1, 9, 0))
    japanese_only = make_event(
        calendar,
        title_en="",
        summary_en="",
        venue_name_ja="大阪国際会議場",
        start=jst(2026, 12, 10, 10, 0),
    )
    english = make_event(calendar, venue_name_en="Hall", start=jst(2026, 12, 11, 10, 0))
    by_uid = {
        str(vevent["UID"]): vevent
        for vevent in check_interop(client.get("/en/events/feed.ics").content).events
    }
    marked = by_uid[f"event-{japanese_only.pk}-en@testserver"]
    assert marked["SUMMARY"].params["LANGUAGE"] == "ja"
    assert marked["DESCRIPTION"].params["LANGUAGE"] == "ja"
    assert marked["LOCATION"].params["LANGUAGE"] == "ja"
    plain = by_uid[f"event-{english.pk}-en@testserver"]
    assert "LANGUAGE" not in plain["SUMMARY"].params
    for vevent in check_interop(client.get("/ja/events/feed.ics").content).events:
        assert "LANGUAGE" not in vevent["SUMMARY"].params


def test_ical_organizer_only_with_a_public_address(client, calendar, time_machine):
    time_machine.move_to(jst(2026, 12, 1, 9, 0))
    listed = make_organization(
        name_ja="大阪府", name_en="", contact_email="talent@osaka.example.jp"
    )
    unlisted = make_organization(name_ja="経済産業省", name_en="METI")
    with_contact = make_event(
        calendar,
        organizations=[unlisted],
        contact_email="info@example.go.jp",
        start=jst(2026, 12, 9, 10, 0),
    )
    from_registry = make_event(calendar, organizations=[listed], start=jst(2026, 12, 10, 10, 0))
    without = make_event(calendar, organizations=[unlisted], start=jst(2026, 12, 11, 10, 0))
    by_uid = {
        str(vevent["UID"]): vevent
        for vevent in check_interop(client.get("/en/events/feed.ics").content).events
    }
    organizer = by_uid[f"event-{with_contact.pk}-en@testserver"]["ORGANIZER"]
    assert (str(organizer), organizer.params["CN"]) == ("mailto:info@example.go.jp", "METI")
    organizer = by_uid[f"event-{from_registry.pk}-en@testserver"]["ORGANIZER"]
    assert str(organizer) == "mailto:talent@osaka.example.jp"
    assert (organizer.params["CN"], organizer.params["LANGUAGE"]) == ("大阪府", "ja")
    assert "ORGANIZER" not in by_uid[f"event-{without.pk}-en@testserver"]

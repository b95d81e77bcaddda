"""The API's ``fields`` and ``search`` (Wagtail API v2 semantics) and its one
error shape, ``{"message": …}`` in the language of ``lang`` (else
Accept-Language), for every error under /api/v2/ (issue 13, items 2 and 5)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import jst, make_event, make_organization

pytestmark = pytest.mark.django_db

EVENTS = "/api/v2/events/"
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def future(days):
    d = timezone.localdate() + timedelta(days=days)
    return jst(d.year, d.month, d.day, 14, 0)


@pytest.fixture
def events(calendar):
    return [
        make_event(calendar, start=future(2), title="留学生セミナー", title_en="Student seminar"),
        make_event(calendar, start=future(3), title="交流会", title_en="Networking"),
    ]


def get(client, url, **headers):
    response = client.get(url, **headers)
    return response.status_code, response.json()


def test_fields_select_and_remove_like_wagtail(client, events):
    status, full = get(client, EVENTS)
    everything = set(full["items"][0])
    assert status == 200 and {"id", "meta", "title", "description"} <= everything

    _, only = get(client, EVENTS + "?fields=_,title")
    assert [set(item) for item in only["items"]] == [{"id", "title"}] * 2
    _, without = get(client, EVENTS + "?fields=-title,-description")
    assert set(without["items"][0]) == everything - {"title", "description"}
    _, star = get(client, EVENTS + "?fields=*,-html_url")
    assert set(star["items"][0]) == everything
    assert set(star["items"][0]["meta"]) == set(full["items"][0]["meta"]) - {"html_url"}
    _, meta = get(client, EVENTS + "?fields=_,html_url,start&lang=en")
    assert meta["items"][0] == {
        "id": events[0].pk,
        "meta": {"html_url": f"http://testserver/en/events/{events[0].slug}/"},
        "start": events[0].local_start.isoformat(),
    }
    _, added = get(client, EVENTS + "?fields=title")  # added to the defaults (all)
    assert set(added["items"][0]) == everything
    _, detail = get(client, f"{EVENTS}{events[0].pk}/?fields=_,title&lang=en")
    assert detail == {"id": events[0].pk, "title": "Student seminar"}
    _, organizations = get(client, "/api/v2/organizations/?fields=_,name")
    assert all(set(item) == {"id", "name"} for item in organizations["items"])


def test_fields_make_listings_small(client, calendar):
    for n in range(20):
        make_event(calendar, start=future(n + 1))
    full = client.get(EVENTS + "?limit=20").content
    small = client.get(EVENTS + "?limit=20&fields=_,title,start&lang=ja").content
    assert len(small) * 10 < len(full), (len(small), len(full))


@pytest.mark.parametrize(
    "fields, message",
    [
        ("nonexistent", "unknown fields: nonexistent"),
        ("title,-nope", "unknown fields: nope"),
        ("participations(role)", "sub-field selection is not supported"),
        ("title,,", "fields error"),
    ],
)
def test_unknown_or_malformed_fields_answer_400(client, events, fields, message):
    status, body = get(client, f"{EVENTS}?fields={fields}&lang=en")
    assert status == 400 and message in body["message"], body


def test_search_matches_like_the_pages_keyword(client, events, calendar):
    def titles(url):
        return [item["title"] for item in get(client, url)[1]["items"]]

    assert titles(EVENTS + "?search=zzzz&lang=en") == []
    assert titles(EVENTS + "?search=ｓｅｍｉｎａｒ&lang=en") == ["Student seminar"]  # width folded
    assert titles(EVENTS + "?search=セミナー&lang=ja") == titles(
        "/api/v2/events/?q=セミナー&lang=ja"
    )
    assert titles(EVENTS + "?search=留学生 セミナー&search_operator=and&lang=ja") == [
        "留学生セミナー"
    ]
    status, body = get(client, EVENTS + "?search=a&search_operator=or&lang=en")
    assert status == 400 and "search_operator" in body["message"]
    status, body = get(client, EVENTS + "?search=" + "x" * 101 + "&lang=en")
    assert status == 400 and "search" in body["message"]
    make_organization(name_ja="東北大学", name_en="Tohoku University")
    _, found = get(client, "/api/v2/organizations/?search=tohoku&lang=en")
    assert [item["name"] for item in found["items"]] == ["Tohoku University"]


@pytest.mark.parametrize(
    "url",
    [
        "?category=nonsense",
        "?limit=abc",
        "?offset=-1",
        "?limit=100000",
        "?lang=en&unknown=1",
        "?fields=nope",
    ],
)
def test_errors_follow_lang_then_accept_language(client, events, url):
    separator = "&" if "?" in url else "?"
    status, ja = get(client, f"{EVENTS}{url}{separator}lang=ja", HTTP_ACCEPT_LANGUAGE="en")
    assert status == 400 and set(ja) == {"message"} and JAPANESE.search(ja["message"]), ja
    status, en = get(client, f"{EVENTS}{url}{separator}lang=en", HTTP_ACCEPT_LANGUAGE="ja")
    assert status == 400 and not JAPANESE.search(en["message"]), en
    status, accepted = get(client, f"{EVENTS}{url}", HTTP_ACCEPT_LANGUAGE="en")
    assert status == 400 and not JAPANESE.search(accepted["message"]), accepted


@pytest.mark.parametrize(
    "method, url, status",
    [
        ("post", EVENTS, 405),
        ("delete", EVENTS + "1/", 405),
        ("get", EVENTS + "abc/", 404),
        ("get", EVENTS + "999999/", 404),
        ("get", "/api/v2/nosuch/", 404),
        ("get", "/api/v2/", 404),
        ("get", "/api/v2/organizations/1/extra/", 404),
    ],
)
def test_every_api_error_is_json_with_a_message(client, events, method, url, status):
    for lang, japanese in (("ja", True), ("en", False)):
        response = getattr(client, method)(f"{url}?lang={lang}")
        assert response.status_code == status, (url, response.status_code)
        assert response["Content-Type"].startswith("application/json"), url
        body = response.json()
        assert set(body) == {"message"}, body
        assert bool(JAPANESE.search(body["message"])) == japanese, body


@pytest.mark.parametrize(
    "query",
    [
        {"fields": "x" * 5000},
        {"fields": "title," + "y" * 5000},
        {"fields": "title(" + "z" * 5000 + ")"},
        {"x" * 5000: "1"},
        {"facets": "w" * 5000},
    ],
)
def test_unknown_names_are_echoed_at_most_like_the_pages(client, query):
    response = client.get("/api/v2/events/", {**query, "lang": "en"})
    assert response.status_code == 400
    message = response.json()["message"]
    assert len(message) < 100 + 100, message[:300]
    assert not any(letter * 101 in message for letter in "xyzw")

"""The headless API (Wagtail API v2): events and organizations."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import jst, make_event, make_organization
from wagtail_eventcal.choices import Category, Role

EVENTS = "/api/v2/events/"
ORGANIZATIONS = "/api/v2/organizations/"


def future(days, hour=14):
    d = timezone.localdate() + timedelta(days=days)
    return jst(d.year, d.month, d.day, hour, 0)


def items(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()["items"]


def test_event_in_both_languages(client, calendar):
    ministry = make_organization(name_ja="経済産業省", name_en="METI", body_types=("ministry",))
    city = make_organization(name_ja="大阪市", name_en="", body_types=("local_government",))
    event = make_event(
        calendar,
        organizations=[ministry, (city, Role.SUPPORTER)],
        start=future(3, 10),
        title="説明会",
        title_en="Briefing",
        summary_en="",
    )
    (data,) = items(client, EVENTS)
    assert data["id"] == event.pk
    assert data["title"] == {"ja": "説明会", "en": "Briefing"}
    assert data["summary"] == {"ja": "概要", "en": ""}
    assert data["start"] == event.local_start.isoformat() and data["start"].endswith("+09:00")
    assert data["time_zone"] == "Asia/Tokyo"
    assert data["meta"]["html_url"]["en"].endswith(f"/en/events/{event.slug}/")
    assert data["meta"]["html_url"]["ja"].endswith(f"/ja/events/{event.slug}/")
    assert data["meta"]["ics_url"]["en"].endswith(f"/en/events/{event.slug}.ics")
    assert data["meta"]["detail_url"] == f"http://testserver/api/v2/events/{event.pk}/"
    assert data["participations"] == [
        {
            "role": "organizer",
            "organization": {
                "id": ministry.pk,
                "name": {"ja": "経済産業省", "en": "METI"},
                "body_types": ["ministry"],
                "prefecture": "tokyo",
                "website": None,
            },
        },
        {
            "role": "supporter",
            "organization": {
                "id": city.pk,
                "name": {"ja": "大阪市", "en": ""},
                "body_types": ["local_government"],
                "prefecture": "tokyo",
                "website": None,
            },
        },
    ]

    (english,) = items(client, EVENTS + "?lang=en")
    assert english["title"] == "Briefing"
    assert english["summary"] == "概要"  # falls back like the pages
    assert english["meta"]["html_url"].endswith(f"/en/events/{event.slug}/")
    assert english["participations"][1]["organization"]["name"] == "大阪市"

    detail = client.get(f"{EVENTS}{event.pk}/?lang=ja").json()
    assert detail["title"] == "説明会"


def test_filters_ordering_and_pagination(client, calendar, settings):
    settings.WAGTAILAPI_LIMIT_MAX = 20
    university = make_organization(body_types=("university",))
    late = make_event(calendar, start=future(9), title_en="late")
    early = make_event(
        calendar,
        start=future(2),
        title_en="early",
        category=Category.JOB_FAIR,
        prefecture="osaka",
        organizations=[university],
    )
    middle = make_event(
        calendar,
        start=future(5),
        title_en="middle",
        event_format="online",
        online_url="https://meet.example.org/",
        prefecture="online",
    )

    def ids(query):
        return [item["id"] for item in items(client, f"{EVENTS}?{query}")]

    assert ids("") == [early.pk, middle.pk, late.pk]
    assert ids("order=-start") == [late.pk, middle.pk, early.pk]
    assert ids("category=job_fair") == [early.pk]
    assert ids("prefecture=osaka") == [early.pk]
    assert ids("format=online") == [middle.pk]
    assert ids("body_type=university") == [early.pk]
    assert ids(f"organization={university.pk}") == [early.pk]
    start = future(4).date().isoformat()
    end = future(6).date().isoformat()
    assert ids(f"date_from={start}&date_to={end}") == [middle.pk]
    assert ids("limit=1&offset=1") == [middle.pk]
    assert client.get(f"{EVENTS}?limit=1").json()["meta"]["total_count"] == 3


@pytest.mark.parametrize(
    "query, message",
    [
        ("category=nope", "category"),
        ("date_from=yesterday", "date_from"),
        ("order=title", "order must be one of"),
        ("offset=999999999999999999", "offset must be at most"),
        # Beyond 18 digits a number is not read at all.
        ("offset=99999999999999999999999", "offset must be a positive integer"),
        ("offset=-1", "offset"),
        ("limit=abc", "limit"),
        ("colour=red", "colour"),
        ("lang=fr", "lang"),
    ],
)
def test_bad_parameters_answer_400(client, calendar, query, message):
    make_event(calendar, start=future(1))
    response = client.get(f"{EVENTS}?{query}", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert message in response.json()["message"]


def test_error_messages_follow_lang(client, calendar):
    english = client.get(f"{EVENTS}?lang=en&category=nope").json()["message"]
    assert english.startswith("Invalid query parameter “category”: Select a valid choice.")
    japanese = client.get(f"{EVENTS}?lang=ja&category=nope").json()["message"]
    assert japanese.startswith("クエリパラメータ「category」が不正です")


def test_unknown_event_is_a_json_404(client, calendar):
    # Not LocaleMiddleware's redirect to /ja/api/…, which Wagtail would answer
    # with its HTML page-not-found (the example site keeps its catch-all off /api/).
    response = client.get(f"{EVENTS}999999/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json" and response.json()["message"]


def test_query_count_is_constant_and_within_budget(client, calendar):
    make_event(calendar, start=future(1))
    client.get(EVENTS)  # Wagtail's site root paths cached, as in production
    with CaptureQueriesContext(connection) as few:
        client.get(EVENTS + "?category=seminar&prefecture=tokyo")
    for n in range(12):
        organizations = [make_organization(), make_organization(body_types=("university",))]
        make_event(calendar, start=future(n + 2), organizations=organizations)
    client.get(EVENTS)
    with CaptureQueriesContext(connection) as many:
        response = client.get(EVENTS + "?category=seminar&prefecture=tokyo")
    assert len(response.json()["items"]) == 13
    assert len(many) == len(few) <= 6, [q["sql"][:120] for q in many.captured_queries]


def test_conditional_get(client, calendar):
    make_event(calendar, start=future(1))
    response = client.get(EVENTS)
    etag = response["ETag"]
    assert response["Last-Modified"]
    assert "max-age=3600" in response["Cache-Control"]
    assert client.get(EVENTS, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(EVENTS + "?lang=en", HTTP_IF_NONE_MATCH=etag).status_code == 200
    make_event(calendar, start=future(2))
    assert client.get(EVENTS, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_a_repeated_request_is_answered_from_the_cache_until_something_is_published(
    client, calendar
):
    make_event(calendar, start=future(1), title="最初の")
    url = EVENTS + "?category=seminar&lang=ja"
    first = client.get(url)
    with CaptureQueriesContext(connection) as repeat:
        again = client.get(url)
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"] == "application/json"
    assert again["ETag"] == first["ETag"]
    # The token, nothing of the events (Wagtail's routing does not run under /api/).
    assert len(repeat) == 1, [q["sql"][:120] for q in repeat.captured_queries]
    make_event(calendar, start=future(2), title="次の")  # published: a new token
    titles = [item["title"] for item in client.get(url).json()["items"]]
    assert titles == ["最初の", "次の"]
    # Errors are never cached: each answer is checked afresh.
    assert client.get(EVENTS + "?category=nope").status_code == 400
    assert client.get(EVENTS + "?category=nope").status_code == 400


def test_organizations_endpoint(client, db):
    b = make_organization(name_ja="い大学", name_en="I University", body_types=("university",))
    a = make_organization(name_ja="あ省", name_en="A Ministry", prefecture="osaka")
    make_organization(name_ja="う", is_active=False)
    assert [o["id"] for o in items(client, ORGANIZATIONS)] == [a.pk, b.pk]
    assert [o["id"] for o in items(client, ORGANIZATIONS + "?body_type=university")] == [b.pk]
    assert [o["id"] for o in items(client, ORGANIZATIONS + "?prefecture=osaka")] == [a.pk]
    assert [o["id"] for o in items(client, ORGANIZATIONS + "?order=-name")] == [b.pk, a.pk]
    (english, _) = items(client, ORGANIZATIONS + "?lang=en")
    assert english["name"] == "A Ministry"
    assert "members" not in english
    assert client.get(ORGANIZATIONS + "?body_type=cult").status_code == 400
    detail = client.get(f"{ORGANIZATIONS}{a.pk}/").json()
    assert detail["name"] == {"ja": "あ省", "en": "A Ministry"}

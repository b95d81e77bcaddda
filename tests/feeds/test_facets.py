"""Facets: counts per filter value, each counted with the other filters
applied, matching what the list returns."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from tests.factories import jst, make_event, make_organization
from wagtail_eventcal.choices import Category

EVENTS = "/api/v2/events/"
ALL = "category,prefecture,format,body_type,organization"


def future(days):
    d = timezone.localdate() + timedelta(days=days)
    return jst(d.year, d.month, d.day, 14, 0)


@pytest.fixture
def events(calendar):
    ministry = make_organization(name_ja="経済産業省", name_en="METI", body_types=("ministry",))
    city = make_organization(
        name_ja="大阪市", name_en="Osaka City", body_types=("local_government",)
    )
    made = [
        make_event(calendar, category="seminar", prefecture="osaka", organizations=[city]),
        make_event(calendar, category="seminar", prefecture="tokyo", organizations=[ministry]),
        make_event(calendar, category="job_fair", prefecture="osaka", organizations=[city]),
        make_event(
            calendar,
            category="seminar",
            prefecture="osaka",
            organizations=[ministry, (city, "co_organizer")],
        ),
    ]
    make_event(calendar, category="seminar", prefecture="osaka", publish=False)  # a draft
    return {"ministry": ministry, "city": city, "events": made}


def facets(client, query):
    response = client.get(EVENTS, query)
    assert response.status_code == 200, response.content
    return response.json()


def as_dict(entries):
    return {entry["value"]: entry["count"] for entry in entries}


def test_each_facet_counts_with_the_other_filters(client, events):
    data = facets(client, {"facets": ALL, "category": "seminar", "prefecture": "osaka"})
    assert data["meta"]["total_count"] == 2
    found = data["facets"]
    # category: filtered by prefecture=osaka only (its own filter left out)
    assert as_dict(found["category"]) == {"seminar": 2, "job_fair": 1}
    # prefecture: filtered by category=seminar only
    assert as_dict(found["prefecture"]) == {"osaka": 2, "tokyo": 1}
    # the others: both filters applied, so they add up to the list
    assert as_dict(found["format"]) == {"in_person": 2}
    assert as_dict(found["body_type"]) == {"local_government": 2, "ministry": 1}
    city, ministry = events["city"].pk, events["ministry"].pk
    assert as_dict(found["organization"]) == {city: 2, ministry: 1}


def test_counts_match_the_list_they_would_give(client, events):
    found = facets(client, {"facets": ALL})["facets"]
    for facet, entries in found.items():
        for entry in entries:
            listed = facets(client, {facet: entry["value"]})["meta"]["total_count"]
            assert listed == entry["count"], (facet, entry)


def test_labels_follow_lang(client, events):
    found = facets(client, {"facets": "category,organization", "lang": "ja"})["facets"]
    with translation.override("ja"):
        expected = {str(Category(value).label) for value in ("seminar", "job_fair")}
    assert {e["label"] for e in found["category"]} == expected
    assert "セミナー" in expected
    assert "大阪市" in {e["label"] for e in found["organization"]}
    found = facets(client, {"facets": "organization", "lang": "en"})["facets"]
    assert "Osaka City" in {e["label"] for e in found["organization"]}


def test_unknown_facet_is_a_400(client, events):
    response = client.get(EVENTS, {"facets": "category,colour"})
    assert response.status_code == 400
    assert "colour" in response.content.decode()


def test_facets_cost_constant_queries(client, calendar, events):
    def queries():
        from django.core.cache import caches

        caches["default"].clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(EVENTS, {"facets": ALL}).status_code == 200
        return len(captured)

    before = queries()
    for n in range(5):
        make_event(
            calendar, category="seminar", organizations=[make_organization()], start=future(n + 2)
        )
    assert queries() == before

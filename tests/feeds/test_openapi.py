"""The API contract: /api/v2/schema/ is a valid OpenAPI 3.1 document, and
real responses of every endpoint validate against it — in both ``lang``
forms, with facets, and for errors — so the schema cannot drift from the
code. The other way round too: a full event carries every property the
schema lists (no phantom fields)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

from tests.factories import jst, make_event, make_organization


@pytest.fixture
def api(client, calendar):
    d = timezone.localdate() + timedelta(days=5)
    ministry = make_organization(
        name_ja="経済産業省", name_en="METI", website="https://meti.example"
    )
    city = make_organization(name_ja="大阪市", name_en="", body_types=("local_government",))
    make_event(
        calendar,
        organizations=[ministry, (city, "supporter")],
        start=jst(d.year, d.month, d.day, 10, 0),
        capacity=50,
        application_deadline=jst(d.year, d.month, d.day, 9, 0),
        contact_email="info@example.org",
    )
    make_event(calendar, title_en="", start=jst(d.year, d.month, d.day, 15, 0))
    document = client.get("/api/v2/schema/").json()
    return client, document


def validator(document, name):
    schema = {"$ref": f"#/components/schemas/{name}", "components": document["components"]}
    return Draft202012Validator(schema)


def check(client, document, url, status, schema_name):
    response = client.get(url)
    assert response.status_code == status, (url, response.content[:300])
    errors = list(validator(document, schema_name).iter_errors(response.json()))
    assert not errors, (url, [e.message for e in errors[:5]])
    return response.json()


def test_the_document_is_valid_openapi(api):
    _client, document = api
    validate(document)
    assert set(document["paths"]) == {
        "/api/v2/events/",
        "/api/v2/events/{id}/",
        "/api/v2/organizations/",
        "/api/v2/organizations/{id}/",
        "/api/v2/preview/{id}/",
    }


def test_real_responses_validate(api):
    client, document = api
    facets = "facets=category,prefecture,format,body_type,organization"
    for lang in ("", "lang=ja", "lang=en"):
        listing = check(client, document, f"/api/v2/events/?{facets}&{lang}", 200, "EventListing")
        event_id = listing["items"][0]["id"]
        check(client, document, f"/api/v2/events/{event_id}/?{lang}", 200, "Event")
        registry = check(
            client, document, f"/api/v2/organizations/?{lang}", 200, "OrganizationListing"
        )
        org_id = registry["items"][0]["id"]
        check(client, document, f"/api/v2/organizations/{org_id}/?{lang}", 200, "Organization")
    for url in (
        "/api/v2/events/?category=nonsense",
        "/api/v2/events/?facets=colour",
        "/api/v2/events/?lang=fr",
        "/api/v2/organizations/?order=size",
    ):
        check(client, document, url, 400, "Error")


def test_a_full_event_has_every_documented_property(api):
    client, document = api
    event = client.get("/api/v2/events/").json()["items"][0]
    assert set(event) == set(document["components"]["schemas"]["Event"]["properties"])
    organization = event["participations"][0]["organization"]
    assert set(organization) == set(document["components"]["schemas"]["Organization"]["properties"])


def test_every_filter_of_the_form_is_documented_with_its_values(api):
    from wagtail_eventcal.choices import Category
    from wagtail_eventcal.public.filters import EventFilterForm

    _client, document = api
    parameters = {p["name"]: p for p in document["paths"]["/api/v2/events/"]["get"]["parameters"]}
    assert set(EventFilterForm.base_fields) <= set(parameters)
    # An empty value is "all categories", as in the pages' form.
    assert parameters["category"]["schema"]["enum"] == [*Category.values, ""]


def test_the_html_rendering_works_offline(api):
    client, _document = api
    page = client.get("/api/v2/schema/docs/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "/api/v2/events/{id}/" in text and "facets" in text
    assert "http://" not in text.replace("http://testserver", "") and "https://" not in text


def test_the_suite_checks_every_api_response_against_the_document(api, rf):
    """tests.api_contract (a middleware of the test settings) runs on every
    API response of the suite; here it is shown refusing a response that
    leaves the contract, and an undocumented status."""
    from django.http import JsonResponse
    from django.urls import resolve

    from tests.api_contract import check

    client, _document = api
    request = rf.get("/api/v2/events/")
    request.resolver_match = resolve("/api/v2/events/")
    check(request, JsonResponse({"meta": {"total_count": 0}, "items": []}))
    with pytest.raises(AssertionError, match="leaves the API contract"):
        check(request, JsonResponse({"meta": {"total_count": 0}, "items": [], "extra": 1}))
    with pytest.raises(AssertionError, match="undocumented status 418"):
        check(request, JsonResponse({"message": "teapot"}, status=418))


def _parameter(document, path, name):
    (parameter,) = [p for p in document["paths"][path]["get"]["parameters"] if p["name"] == name]
    return parameter["schema"]


@pytest.mark.parametrize("limit_max", [20, 7])
def test_paging_bounds_are_the_ones_the_api_enforces(api, settings, limit_max):
    client, _document = api
    settings.WAGTAILAPI_LIMIT_MAX = limit_max
    document = client.get("/api/v2/schema/").json()
    for path in ("/api/v2/events/", "/api/v2/organizations/"):
        limit = _parameter(document, path, "limit")
        offset = _parameter(document, path, "offset")
        assert (limit["minimum"], limit["maximum"]) == (1, limit_max)
        assert offset["minimum"] == 0
        for name, value, status in (
            ("limit", 0, 400),
            ("limit", 1, 200),
            ("limit", limit["maximum"], 200),
            ("limit", limit["maximum"] + 1, 400),
            ("offset", offset["maximum"], 200),
            ("offset", offset["maximum"] + 1, 400),
        ):
            assert client.get(f"{path}?{name}={value}").status_code == status, (path, name, value)


@pytest.mark.parametrize(
    "value, accepted",
    [
        ("", True),
        ("title,start", True),
        ("_,title,html_url", True),
        ("*,-description", True),
        ("-description", True),
        ("title(x)", False),
        ("colour", False),
        ("_,-title", False),
        ("*,title", False),
        ("title,", False),
        ("-*", False),
        (" title", False),
    ],
)
def test_fields_syntax_is_the_documented_pattern(api, value, accepted):
    import re
    from urllib.parse import quote

    client, document = api
    pattern = _parameter(document, "/api/v2/events/", "fields")["pattern"]
    assert bool(re.search(pattern, value)) is accepted
    response = client.get(f"/api/v2/events/?fields={quote(value)}")
    assert response.status_code == (200 if accepted else 400), response.content[:200]


@pytest.mark.parametrize(
    "value, accepted",
    [("", True), ("category, prefecture", True), ("category,,", True), ("colour", False)],
)
def test_facets_syntax_is_the_documented_pattern(api, value, accepted):
    import re
    from urllib.parse import quote

    client, document = api
    pattern = _parameter(document, "/api/v2/events/", "facets")["pattern"]
    assert bool(re.search(pattern, value)) is accepted
    assert client.get(f"/api/v2/events/?facets={quote(value)}").status_code == (
        200 if accepted else 400
    )


@pytest.mark.parametrize(
    "path",
    [
        "/api/v2/events/%0A/",
        "/api/v2/events/1%0A/",
        "/api/v2/preview/%0A/",
        "/api/v2/preview/1%0A/?token=x",
        "/api/v2/%0A/",
        "/api/v2/organizations/%0A%0A/",
        "/api/v2/events/99999999999999999999/",
        "/api/v2/preview/99999999999999999999/?token=x",
        "/api/v2/nothing/here/",
    ],
)
@pytest.mark.parametrize("language", ["ja", "en"])
def test_every_404_under_the_api_is_the_json_error(api, path, language):
    from wagtail_eventcal.feeds.api import not_found_message

    client, document = api
    response = client.get(path, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    errors = list(validator(document, "Error").iter_errors(response.json()))
    assert not errors
    from django.utils import translation

    with translation.override(language):
        assert response.json()["message"] == not_found_message()


def test_the_schema_answers_304_to_its_etag(api):
    client, _document = api
    first = client.get("/api/v2/schema/")
    assert first.status_code == 200 and first["ETag"]
    again = client.get("/api/v2/schema/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]
    assert client.get("/api/v2/schema/", HTTP_IF_NONE_MATCH='"other"').status_code == 200

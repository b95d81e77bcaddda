"""Out-of-range and oversized query values answer 400 with the usual
message (404 for an API id) on every public list, feed and the API; no
input is echoed back at full length (issue 18, items 4 and 14)."""

import pytest

from ..factories import jst, make_event, make_organization

pytestmark = pytest.mark.django_db

FILTERED = [
    "/ja/events/",
    "/en/events/archive/",
    "/ja/events/month/",
    "/en/events/month/2026-12/",
    "/ja/events/feed.ics",
    "/en/events/feed.rss",
    "/ja/events/feed.atom",
    "/api/v2/events/",
]
OUT_OF_RANGE = {
    "organization=99999999999999999999": "9223372036854775807",
    "organization=9223372036854775808": "9223372036854775807",
    "date_from=0001-01-01": "1900-01-01",
    "date_to=9999-12-31": "2999-12-31",
}


@pytest.fixture
def events(calendar, time_machine):
    time_machine.move_to(jst(2026, 12, 1, 9, 0))
    make_event(calendar, organizations=[make_organization()], start=jst(2026, 12, 10, 10))


@pytest.mark.parametrize("path", FILTERED)
@pytest.mark.parametrize("query", OUT_OF_RANGE)
def test_out_of_range_filters_are_a_400_with_the_limit(client, events, path, query):
    response = client.get(f"{path}?{query}")
    assert response.status_code == 400
    assert OUT_OF_RANGE[query] in response.content.decode()


def test_the_limits_themselves_are_accepted(client, events):
    query = "?date_from=1900-01-01&date_to=2999-12-31&organization=9223372036854775807"
    for path in FILTERED:
        assert client.get(path + query).status_code == 200, path


def test_the_message_is_in_japanese_on_the_japanese_pages(client, events):
    body = client.get("/ja/events/?date_to=9999-12-31").content.decode()
    assert "2999-12-31 以下" in body


@pytest.mark.parametrize("pk", ["99999999999999999999999", "9223372036854775808"])
def test_an_api_id_beyond_any_database_is_a_404(client, events, pk):
    assert client.get(f"/api/v2/events/{pk}/").status_code == 404
    assert client.get(f"/api/v2/organizations/{pk}/").status_code == 404


@pytest.mark.parametrize("path", FILTERED)
def test_an_oversized_query_is_not_echoed_at_length(client, events, path):
    huge = "%" * 10_000
    normal = len(client.get(path + "?q=x" + "x" * 200).content)
    response = client.get(path, {"q": huge, "category": huge, "date_from": huge})
    assert response.status_code == 400
    # The same answer as for a value of 200 characters, give or take the
    # echoes of three 100-character values (300 bytes each once escaped) in
    # each of the page's links (views, languages, canonical, feeds, open
    # data): tens of KB, where the whole input once came back 50 times (509 KB).
    assert len(response.content) < normal + 40_000
    assert "%" * 101 not in response.content.decode()


def test_the_form_shows_at_most_a_hundred_characters_of_a_value(client, events):
    body = client.get("/en/events/", {"q": "a" * 5000}).content.decode()
    assert 'value="' + "a" * 100 + "…" + '"' in body
    assert "a" * 101 not in body
    assert "at most 100 characters (it has 5000)" in body

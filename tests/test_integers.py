"""One integer parser for every number a request carries: ASCII digits,
bounded. Unicode digits, signs, spaces and overflows are refused or
ignored on every route that reads a number — never a 500."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from wagtail_eventcal.delegation import service as rules
from wagtail_eventcal.integers import LARGEST, NumberField, parse_id, parse_int
from wagtail_eventcal.models import WebhookEndpoint

from .factories import make_event, make_organization, make_user
from .review_helpers import Cast

#: Numbers that Python's int() or str.isdigit() take and the parser refuses.
NOT_NUMBERS = [
    "¹",  # superscript one: isdigit() but not int()
    "١",  # Arabic-Indic one: int() reads it as 1
    "１",  # full-width one
    "٣٤",
    "+1",
    "-1",
    " 1",
    "1 ",
    "1_000",
    "1.0",
    "0x10",
    "",
    "9" * 19,  # beyond 18 digits: an overflow in the database driver
    "1" + "0" * 30,
    "\x00",
]


@pytest.mark.parametrize("value", NOT_NUMBERS)
def test_the_parser_refuses_anything_but_ascii_digits(value):
    assert parse_int(value) is None
    assert parse_id(value) is None


def test_the_parser_reads_ascii_digits_within_bounds():
    assert parse_int("0") == 0 and parse_int("007") == 7
    assert parse_int(str(LARGEST)) == LARGEST
    assert parse_id("0") is None and parse_id("1") == 1
    assert parse_int("5", maximum=4) is None and parse_int("5", minimum=6) is None
    assert parse_int(None) is None and parse_int(5) is None


def test_the_form_field_explains_its_refusal():
    field = NumberField(required=False, min_value=1)
    assert field.clean("12") == 12 and field.clean("") is None
    for value in ("１２", "+12", "¹"):
        with pytest.raises(ValidationError) as refusal:
            field.clean(value)
        assert refusal.value.code == "invalid"  # "Enter a whole number."


# --- every anonymous route that reads a number ---------------------------------

BAD = ["¹", "١", "１", "+1", "-1", " 1", "9" * 19, "9" * 30]


@pytest.mark.django_db
@pytest.mark.parametrize("value", BAD)
def test_public_pages_and_the_api_refuse_or_ignore_bad_numbers(client, calendar, value):
    make_event(calendar, organizations=[make_organization()])
    for path in ("/ja/events/", "/en/events/month/", "/en/events/archive/"):
        response = client.get(path, {"page": value})
        assert response.status_code == 200, (path, value)
        response = client.get(path, {"organization": value})
        assert response.status_code in (200, 400), (path, value)
    for path in ("/api/v2/events/", "/api/v2/organizations/"):
        for name in ("limit", "offset"):
            response = client.get(path, {name: value, "lang": "en"})
            assert response.status_code == 400, (path, name, value)
            assert response.json()["message"] == f"{name} must be a positive integer"
    response = client.get("/api/v2/events/", {"organization": value})
    assert response.status_code == 400, value


@pytest.mark.django_db
@pytest.mark.parametrize("number", ["9" * 19, "9" * 23, "١٢", "１"])
def test_the_preview_route_takes_only_18_ascii_digits(client, number):
    response = client.get(f"/api/v2/preview/{number}/", {"token": "x"})
    assert response.status_code == 404


# --- the admin: every role, the middleware and the plugin's views ---------------


@pytest.fixture
def people(calendar):
    cast = Cast(calendar)
    event = make_event(calendar, organizations=[cast.ministry])
    proxy = make_user("proxy")
    rules.delegate_event(
        event,
        delegate=proxy,
        granted_by=cast.submitter,
        organization=cast.ministry,
        acknowledged_proxy_entry=True,
        acknowledged_this_event_only=True,
    )
    superuser = make_user("root", is_superuser=True, is_staff=True)
    return {
        "reviewer": cast.reviewer,
        "submitter": cast.submitter,
        "proxy": proxy,
        "superuser": superuser,
    }


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("value", BAD)
def test_admin_page_ids_for_every_role(people, value):
    for role, user in people.items():
        client = signed_in(user)
        for query in ({"page_id": value}, {"parent_page_id": value}, {"id": value}):
            response = client.get("/admin/", query)
            assert response.status_code < 500, (role, query)
        response = client.get(
            reverse("wagtail_eventcal_delegations:index"),
            {"event": value, "delegate": value, "p": value},
        )
        assert response.status_code in (200, 302, 403), (role, value)


@pytest.mark.django_db
@pytest.mark.parametrize("value", BAD)
def test_the_review_verdict_reads_numbers_strictly(people, value):
    client = signed_in(people["submitter"])
    data = {
        "page_id": value,
        "detail_url": "https://example.org/",
        "participations-TOTAL_FORMS": value,
        "participations-0-organization": value,
    }
    response = client.post(reverse("eventcal_review:verdict"), data)
    assert response.status_code == 200, value


@pytest.mark.django_db
@pytest.mark.parametrize("value", BAD)
def test_the_webhook_deliveries_filter_reads_numbers_strictly(people, value):
    endpoint = WebhookEndpoint.objects.create(name="Front-end", url="https://example.org/hook")
    client = signed_in(people["reviewer"])
    response = client.get(reverse("eventcal_webhooks:deliveries"), {"endpoint": value, "p": value})
    assert response.status_code == 200, value
    assert "Front-end" not in response.content.decode() or str(endpoint.pk) != value


@pytest.mark.django_db
def test_admin_paths_take_only_18_ascii_digits(people):
    client = signed_in(people["superuser"])
    # Each route reversed with a marker id, which the bad numbers replace.
    routes = [
        ("wagtail_eventcal_delegations:add", 1),
        ("wagtail_eventcal_delegations:revoke", 1),
        ("eventcal_review:answer", 1),
        ("eventcal_review:merge", 2),
        ("wagtail_eventcal_exchange:duplicates", 1),
        ("eventcal_webhooks:resend", 1),
    ]
    paths = [reverse(name, args=[777] * ids).replace("777", "{n}") for name, ids in routes]
    for path in paths:
        for number in ("9" * 19, "9" * 30, "１"):
            response = client.post(path.format(n=number))
            assert response.status_code == 404, (path, number)

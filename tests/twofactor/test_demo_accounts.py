"""The demo's admin and reviewer come enrolled (docs/two-factor.md): the
password, then the code of the published demo key or a printed recovery code."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from home.management.commands.load_demo import DEMO_PASSWORD, demo_code

pytestmark = pytest.mark.django_db


def sign_in(username):
    client = Client()
    response = client.post(
        "/admin/login/", {"username": username, "password": DEMO_PASSWORD, "next": "/admin/"}
    )
    assert response["Location"] == "/admin/"
    return client


@pytest.fixture
def printed(frozen):
    out = StringIO()
    call_command("load_demo", events=3, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("username", ["reviewer", "admin"])
def test_the_demo_key_signs_in(printed, username):
    client = sign_in(username)
    assert client.get("/admin/")["Location"].startswith("/admin/eventcal/two-factor/verify/")
    response = client.post("/admin/eventcal/two-factor/verify/", {"code": demo_code()})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_load_demo_prints_recovery_codes_that_sign_in(printed):
    line = next(line for line in printed.splitlines() if line.startswith("  reviewer: "))
    codes = line.split(": ")[1].split()
    assert len(codes) == 10
    client = sign_in("reviewer")
    assert client.post("/admin/eventcal/two-factor/verify/", {"code": codes[0]}).status_code == 302
    assert client.get("/admin/").status_code == 200
    # Run again: the same codes, less the one used.
    again = StringIO()
    call_command("load_demo", events=3, stdout=again)
    assert f"  reviewer: {' '.join(codes[1:])}" in again.getvalue()


def test_submitters_sign_in_with_their_password_alone(printed):
    assert sign_in("submitter_a").get("/admin/").status_code == 200

"""Usernames chosen at invitation sign-up: normalised (NFKC), ASCII, and
refused when they read as an existing account's ("ſubmitter_a" became a
proxy shown as "proxy entry by ſubmitter_a")."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.urls import reverse

from wagtail_eventcal.delegation.usernames import look_alike_of, normalise, skeleton
from wagtail_eventcal.models import Delegation
from wagtail_eventcal.workflow.setup import setup_review

from ..factories import jst, make_event, make_organization, make_user

pytestmark = pytest.mark.django_db
PASSWORD = "A-long-pass-123"


def test_normalise_is_nfkc():
    assert normalise(" ſubmitter_a ") == "submitter_a"
    assert normalise("ｃｏｎｔｒａｃｔｏｒ") == "contractor"
    assert normalise("\u212aate") == "Kate"  # Kelvin sign


@pytest.mark.parametrize(
    "look_alike",
    [
        "submitter_a",
        "Submitter_A",
        "ſubmitter_a",
        "submitter-a",
        "submitter.a",
        "subrnitter_a",
        "submltter_a",
        "subm1tter_a",
        "ｓｕｂｍｉｔｔｅｒ＿ａ",
    ],
)
def test_look_alikes_share_a_skeleton(look_alike):
    assert skeleton(look_alike) == skeleton("submitter_a")
    assert look_alike_of(look_alike, ["reviewer", "submitter_a"]) == "submitter_a"


def test_different_names_do_not():
    assert look_alike_of("submitter_b", ["submitter_a", "reviewer"]) is None
    assert look_alike_of("contractor", ["contractors"]) is None


@pytest.fixture
def invitation_link(calendar, time_machine, django_capture_on_commit_callbacks):
    time_machine.move_to(jst(2026, 12, 1, 9, 0))
    setup_review()
    official = make_user("submitter_a", groups=[Group.objects.get(name="Event submitters")])
    ministry = make_organization(name_ja="経済産業省", name_en="METI")
    ministry.members.add(official)
    event = make_event(calendar, organizations=[ministry], publish=False, end=jst(2026, 12, 10, 16))
    client = Client()
    client.force_login(official)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtail_eventcal_delegations:add", args=[event.pk]),
            {
                "email": "contractor@vendor.example",
                "organization": ministry.pk,
                "expires_at": "2026-12-08 18:00",
                "acknowledged_proxy_entry": "on",
                "acknowledged_this_event_only": "on",
            },
        )
    assert response.status_code == 302
    return re.search(r"http://testserver(/en/proxy-invitation/\S+/)", mail.outbox[0].body)[1]


def sign_up(link, username):
    return Client().post(link, {"username": username, "password1": PASSWORD, "password2": PASSWORD})


@pytest.mark.parametrize(
    "username, error",
    [
        ("ſubmitter_a", "looks too much like one that is"),
        ("submitter_а", "Use only the letters A–Z"),  # Cyrillic а
        ("Submitter-A", "looks too much like one that is"),
        ("subrnitter_a", "looks too much like one that is"),
        ("山田", "Use only the letters A–Z"),
    ],
)
def test_sign_up_refuses_look_alikes_of_existing_accounts(invitation_link, username, error):
    response = sign_up(invitation_link, username)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert Delegation.objects.get().delegate is None
    assert not get_user_model().objects.filter(username=username).exists()


def test_sign_up_stores_the_normalised_name(invitation_link):
    response = sign_up(invitation_link, "ｃｏｎｔｒａｃｔｏｒ")
    assert response.status_code == 302
    assert Delegation.objects.get().delegate.username == "contractor"

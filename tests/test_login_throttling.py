"""Password guessing on Wagtail's sign-in is throttled by django-axes; a
locked-out user learns how long to wait and whom to ask (issue 18, item 9)."""

import pytest
from django.conf import settings

from wagtail_eventcal.conf import get_setting

from .factories import make_user

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


@pytest.fixture
def staff(db):
    return make_user("staff_member", password="the-right-password")


def attempt(client, username, password, language="en"):
    return client.post(
        LOGIN,
        {"username": username, "password": password},
        headers={"accept-language": language},
    )


def test_wagtails_sign_in_is_locked_after_five_failures(client, staff):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(4):
        response = attempt(client, "staff_member", "guess")
        assert response.status_code == 200  # the form again, with its error
    locked = attempt(client, "staff_member", "guess")
    assert locked.status_code == 429
    # Now even the right password is refused, and nobody is signed in.
    response = attempt(client, "staff_member", "the-right-password")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    page = response.content.decode()
    assert "paused for 30 minutes" in page
    secretariat = get_setting("SECRETARIAT")
    assert f'href="mailto:{secretariat["email"]}"' in page
    assert secretariat["phone"] in page and secretariat["name_en"] in page


def test_the_lockout_page_is_in_japanese_too(client, staff):
    for _ in range(5):
        response = attempt(client, "staff_member", "guess", language="ja")
    assert response.status_code == 429
    page = response.content.decode()
    assert "30 分" in page or "30分" in page
    assert "事務局" in page


def test_another_account_from_the_same_address_still_signs_in(client, staff):
    other = make_user("colleague", password="colleague-password")
    for _ in range(5):
        attempt(client, "staff_member", "guess")
    response = attempt(client, "colleague", "colleague-password")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(other.pk)


def test_a_success_before_the_limit_resets_the_count(client, staff):
    for _ in range(4):
        attempt(client, "staff_member", "guess")
    assert attempt(client, "staff_member", "the-right-password").status_code == 302
    client.logout()
    for _ in range(4):
        assert attempt(client, "staff_member", "guess").status_code == 200

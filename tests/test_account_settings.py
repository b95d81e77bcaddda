"""The account settings (/admin/account/) work for accounts issued with one
name — the demo's and the portal's usual case — and put 姓 before 名 in
Japanese: language, time zone and password can all be changed."""

import re

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from tests.admin_screens import set_admin_language
from tests.factories import make_user
from tests.review_helpers import Cast
from wagtail_eventcal.account_names import family_name_first

pytestmark = pytest.mark.django_db


def account_post(user, **changes):
    """Everything the account form submits, as the browser would, with
    ``changes`` (field name without its panel prefix) applied."""
    profile = UserProfile.get_for_user(user)
    data = {
        "name_email-first_name": user.first_name,
        "name_email-last_name": user.last_name,
        "name_email-email": user.email,
        "notifications-submitted_notifications": "on",
        "locale-preferred_language": profile.preferred_language,
        "locale-current_time_zone": profile.current_time_zone,
        "theme-theme": "system",
        "theme-density": "default",
        "theme-contrast": "system",
        "theme-keyboard_shortcuts": "on",
    }
    for name, value in changes.items():
        data[next(key for key in data if key.endswith(f"-{name}"))] = value
    return data


@pytest.fixture
def staff(calendar):
    user = make_user("osaka_staff", first_name="Osaka staff", groups=[Cast(calendar).submitters])
    assert user.last_name == ""
    set_admin_language(user, "ja")
    return user


def test_a_user_without_a_last_name_changes_language_and_time_zone(client, staff):
    client.force_login(staff)
    url = reverse("wagtailadmin_account")
    response = client.post(
        url, account_post(staff, preferred_language="en", current_time_zone="Asia/Tokyo")
    )
    assert response.status_code == 302
    profile = UserProfile.get_for_user(staff)
    assert (profile.preferred_language, profile.current_time_zone) == ("en", "Asia/Tokyo")
    staff.refresh_from_db()
    assert (staff.first_name, staff.last_name) == ("Osaka staff", "")


def test_a_user_without_a_last_name_changes_the_password(client, staff):
    client.force_login(staff)
    data = account_post(staff)
    data.update(
        {
            "password-old_password": "pw",
            "password-new_password1": "a-Longer-passw0rd-2026",
            "password-new_password2": "a-Longer-passw0rd-2026",
        }
    )
    assert client.post(reverse("wagtailadmin_account"), data).status_code == 302
    staff.refresh_from_db()
    assert staff.check_password("a-Longer-passw0rd-2026")


def _name_fields(html):
    return re.findall(r'name="name_email-(first_name|last_name)"', html)


def test_japanese_puts_the_family_name_first_english_the_given_name(client, staff):
    client.force_login(staff)
    html = client.get(reverse("wagtailadmin_account")).content.decode()
    assert _name_fields(html) == ["last_name", "first_name"]
    set_admin_language(staff, "en")
    html = client.get(reverse("wagtailadmin_account")).content.decode()
    assert _name_fields(html) == ["first_name", "last_name"]
    # Neither is marked required.
    assert not re.search(r'name="name_email-(first|last)_name"[^>]*required', html)


@pytest.mark.parametrize(
    "language, first", [("ja", True), ("ja-jp", True), ("en", False), ("", False), (None, False)]
)
def test_family_name_first(language, first):
    assert family_name_first(language) is first

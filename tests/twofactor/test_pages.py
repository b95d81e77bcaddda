"""Setting up an authenticator, confirming a sign-in, recovery codes."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.messages import get_messages
from django.core import checks
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import translation
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.users.models import UserProfile

from wagtail_eventcal.twofactor import devices

from .helpers import code_now, enrol, verified

pytestmark = pytest.mark.django_db

SET_UP = "/admin/eventcal/two-factor/set-up/"
VERIFY = "/admin/eventcal/two-factor/verify/"
CODES = "/admin/eventcal/two-factor/recovery-codes/"
OVERVIEW = "/admin/eventcal/two-factor/"
TURN_OFF = "/admin/eventcal/two-factor/turn-off/"


def signed_in(user, language="en"):
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": language})
    client = Client()
    client.force_login(user)
    return client


def full_width(code):
    return code.translate(str.maketrans("0123456789", "０１２３４５６７８９"))


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def code_errors(response):
    with translation.override("en"):  # the user's language when they were shown
        return [str(error) for error in response.context["form"].errors["code"]]


# --- Setting up -----------------------------------------------------------------


def test_set_up_shows_a_local_qr_code_and_the_secret(reviewer, frozen):
    response = signed_in(reviewer).get(SET_UP)
    assert response.status_code == 200
    html = response.content.decode()
    device = TOTPDevice.objects.get(user=reviewer, confirmed=False)
    secret = devices.secret_text(device)
    assert secret.replace(" ", "") in device.config_url
    assert f"data-eventcal-totp-secret>{secret}</code>" in html
    # The QR code is drawn into the page: no image from anywhere else.
    assert re.search(r'<figure class="eventcal-two-factor__qr" role="img"[^>]*><svg', html)
    assert 'for="id_code"' in html and 'autocomplete="one-time-code"' in html
    # Reloading keeps the secret the app may have scanned already.
    signed_in(reviewer).get(SET_UP)
    assert TOTPDevice.objects.get(user=reviewer, confirmed=False).pk == device.pk


def test_a_wrong_first_code_is_explained_with_the_focus_on_the_summary(reviewer, frozen):
    client = signed_in(reviewer)
    client.get(SET_UP)
    response = client.post(SET_UP, {"code": "000000"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert" tabindex="-1" autofocus' in html
    assert '<a href="#id_code">Code: That code is not right.' in html
    assert 'aria-describedby="id_code-helptext id_code_error" required aria-invalid="true"' in html
    assert not TOTPDevice.objects.filter(user=reviewer, confirmed=True).exists()
    assert code_errors(client.post(SET_UP, {"code": ""})) == ["Enter a code."]


def test_the_first_code_finishes_set_up_with_recovery_codes(reviewer, frozen):
    client = signed_in(reviewer)
    client.get(f"{SET_UP}?next=/admin/pages/")
    device = TOTPDevice.objects.get(user=reviewer, confirmed=False)
    response = client.post(SET_UP, {"code": code_now(device), "next": "/admin/pages/"})
    assert response.status_code == 302
    assert response["Location"] == f"{CODES}?next=%2Fadmin%2Fpages%2F"
    device.refresh_from_db()
    assert device.confirmed
    codes = devices.recovery_codes(reviewer)
    assert len(codes) == devices.RECOVERY_CODES
    page = client.get(response["Location"])
    html = page.content.decode()
    assert all(f"<code data-eventcal-recovery-code>{code}</code>" in html for code in codes)
    assert 'href="/admin/pages/"' in html  # "I have saved my codes: continue"
    # Verified in this session: the admin opens.
    assert client.get("/admin/").status_code == 200


def test_full_width_digits_from_a_japanese_input_method_are_accepted(reviewer, frozen):
    client = signed_in(reviewer, "ja")
    client.get(SET_UP)
    device = TOTPDevice.objects.get(user=reviewer, confirmed=False)
    response = client.post(SET_UP, {"code": full_width(code_now(device))})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_new_authenticator_replaces_the_old_one_after_its_own_code(reviewer, frozen):
    old, codes = enrol(reviewer)
    client = verified(signed_in(reviewer), old)
    response = client.get(SET_UP)
    assert "This replaces the authenticator you use now" in response.content.decode()
    new = TOTPDevice.objects.get(user=reviewer, confirmed=False)
    assert client.post(SET_UP, {"code": code_now(new)}).status_code == 302
    assert list(TOTPDevice.objects.filter(user=reviewer)) == [new]
    assert devices.recovery_codes(reviewer) == codes  # kept


def test_a_password_alone_cannot_replace_the_authenticator(reviewer, frozen):
    enrol(reviewer)
    response = signed_in(reviewer).get(SET_UP)
    assert response["Location"].startswith(VERIFY)
    assert not TOTPDevice.objects.filter(user=reviewer, confirmed=False).exists()


# --- Confirming a sign-in -----------------------------------------------------------


def test_the_code_of_the_moment_confirms_the_sign_in(reviewer, frozen):
    device, _codes = enrol(reviewer)
    client = signed_in(reviewer)
    response = client.get("/admin/reports/")
    assert response["Location"] == f"{VERIFY}?next=%2Fadmin%2Freports%2F"
    session_key = client.session.session_key
    page = client.get(response["Location"])
    assert 'name="next" value="/admin/reports/"' in page.content.decode()
    response = client.post(VERIFY, {"code": code_now(device), "next": "/admin/reports/"})
    assert response["Location"] == "/admin/reports/"
    assert client.session.session_key != session_key  # a new key for the new privilege
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_is_refused_and_explained(reviewer, frozen):
    enrol(reviewer)
    response = signed_in(reviewer).post(VERIFY, {"code": "12345"})
    assert response.status_code == 200
    assert code_errors(response)[0].startswith("That code is not right.")
    assert 'role="alert" tabindex="-1" autofocus' in response.content.decode()


def test_a_code_signs_in_once(reviewer, frozen):
    device, _codes = enrol(reviewer)
    code = code_now(device)
    assert signed_in(reviewer).post(VERIFY, {"code": code}).status_code == 302
    # Seen on the first sign-in, the same code is worth nothing on the next.
    assert signed_in(reviewer).post(VERIFY, {"code": code}).status_code == 200


def test_repeated_wrong_codes_make_the_user_wait(reviewer, frozen):
    device, _codes = enrol(reviewer)
    client = signed_in(reviewer)

    def errors(code):
        return code_errors(client.post(VERIFY, {"code": code}))

    errors("111111")
    # Even the right code waits; each further failure doubles the wait.
    assert errors(code_now(device)) == ["Too many wrong codes. Wait 1 second and try again."]
    frozen.shift(timedelta(seconds=1))
    errors("222222")
    assert errors(code_now(device)) == ["Too many wrong codes. Wait 2 seconds and try again."]
    frozen.shift(timedelta(seconds=2))
    assert client.post(VERIFY, {"code": code_now(device)}).status_code == 302


def test_a_recovery_code_signs_in_once_and_says_how_many_are_left(reviewer, frozen):
    _device, codes = enrol(reviewer)
    client = signed_in(reviewer)
    response = client.post(VERIFY, {"code": codes[0].upper(), "next": "/admin/"})
    assert response.status_code == 302
    assert messages_of(response) == [
        "You signed in with a recovery code. 9 codes are left: make new ones if you are "
        "running out."
    ]
    assert codes[0] not in devices.recovery_codes(reviewer)
    assert signed_in(reviewer).post(VERIFY, {"code": codes[0]}).status_code == 200


@pytest.mark.parametrize(
    "target", ["https://evil.example/admin/", "//evil.example/", "/ja/events/"]
)
def test_after_verifying_the_user_stays_in_this_admin(reviewer, frozen, target):
    device, _codes = enrol(reviewer)
    response = signed_in(reviewer).post(VERIFY, {"code": code_now(device), "next": target})
    assert response["Location"] == "/admin/"


def test_verify_without_an_authenticator_goes_on(submitter):
    assert signed_in(submitter).get(VERIFY)["Location"] == "/admin/"


# --- Recovery codes and the overview ------------------------------------------------


def test_new_recovery_codes_replace_the_old_ones(reviewer):
    device, old = enrol(reviewer)
    client = verified(signed_in(reviewer), device)
    assert client.post(CODES)["Location"] == CODES
    new = devices.recovery_codes(reviewer)
    assert len(new) == devices.RECOVERY_CODES and not set(new) & set(old)
    assert not StaticToken.objects.filter(token__in=old).exists()


def test_the_account_page_links_to_two_factor_sign_in(submitter):
    html = signed_in(submitter).get("/admin/account/").content.decode()
    assert f'href="{OVERVIEW}"' in html and "Two-factor sign-in" in html


def test_a_submitter_may_opt_in_and_out(submitter, frozen):
    client = signed_in(submitter)
    assert "Two-factor sign-in is off" in client.get(OVERVIEW).content.decode()
    client.get(SET_UP)
    device = TOTPDevice.objects.get(user=submitter, confirmed=False)
    client.post(SET_UP, {"code": code_now(device)})
    assert "Turn off two-factor sign-in" in client.get(OVERVIEW).content.decode()
    assert client.post(TURN_OFF)["Location"] == OVERVIEW
    assert not TOTPDevice.objects.filter(user=submitter).exists()
    assert devices.recovery_codes(submitter) == []
    assert signed_in(submitter).get("/admin/").status_code == 200


def test_a_reviewer_cannot_turn_it_off(reviewer):
    device, _codes = enrol(reviewer)
    client = verified(signed_in(reviewer), device)
    assert "it cannot be turned off" in client.get(OVERVIEW).content.decode()
    response = client.post(TURN_OFF)
    assert messages_of(response) == ["Your role requires two-factor sign-in."]
    assert TOTPDevice.objects.filter(user=reviewer).exists()


# --- Both languages ---------------------------------------------------------------


def test_the_pages_speak_japanese(reviewer, frozen):
    device, _codes = enrol(reviewer)
    client = signed_in(reviewer, "ja")
    html = client.get(VERIFY).content.decode()
    assert "<h1>サインインの確認</h1>" in html
    response = client.post(VERIFY, {"code": "000000"})
    assert "そのコードは正しくありません" in response.content.decode()
    frozen.shift(timedelta(seconds=1))  # past the wait after a wrong code
    client.post(VERIFY, {"code": code_now(device)})
    assert "2段階認証" in client.get(OVERVIEW).content.decode()


# --- The site's set-up ------------------------------------------------------------


def test_a_site_without_the_middleware_is_told(settings):
    settings.MIDDLEWARE = [
        name for name in settings.MIDDLEWARE if not name.endswith("TwoFactorMiddleware")
    ]
    errors = checks.run_checks(tags=[checks.Tags.security])
    assert "wagtail_eventcal.E004" in [error.id for error in errors]
    settings.EVENTCAL_TWO_FACTOR_ENFORCED = False
    errors = checks.run_checks(tags=[checks.Tags.security])
    assert "wagtail_eventcal.E004" not in [error.id for error in errors]


def test_the_example_site_passes_the_check():
    errors = checks.run_checks(tags=[checks.Tags.security])
    assert not [error for error in errors if error.id.startswith("wagtail_eventcal.")]


def test_the_secretariat_resets_a_lost_authenticator(reviewer, frozen):
    device, _codes = enrol(reviewer)
    client = verified(signed_in(reviewer), device)
    out = StringIO()
    call_command("eventcal_reset_two_factor", "reviewer", stdout=out)
    assert "reviewer reset" in out.getvalue()
    assert devices.recovery_codes(reviewer) == []
    # The session verified by the removed authenticator is verified no more.
    assert client.get("/admin/")["Location"].startswith(SET_UP)
    with pytest.raises(CommandError, match="No user named 'nobody'"):
        call_command("eventcal_reset_two_factor", "nobody")


def test_with_no_authenticator_left_a_recovery_code_leads_to_setting_up_one(reviewer, frozen):
    device, codes = enrol(reviewer)
    device.delete()
    client = signed_in(reviewer)
    assert client.get("/admin/")["Location"].startswith(VERIFY)
    assert client.post(VERIFY, {"code": codes[0]})["Location"] == SET_UP
    assert client.get(SET_UP).status_code == 200

"""A reviewer sets up two-factor sign-in in a real browser: signs in with the
password, is held at the set-up page, adds the key to an "app" (the code is
computed here from the key the page shows as text), gets the recovery codes,
reaches the dashboard; signs in again the next day with a recovery code, in
Japanese. The pages pass axe (WCAG 2.1 AA); a wrong code puts the focus on
the error summary."""

from base64 import b32decode

import pytest
from django.contrib.auth.models import Group
from django_otp.oath import TOTP
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from tests.factories import make_user
from wagtail_eventcal.workflow.setup import setup_review

from .axe import axe_violations, describe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def reviewer(settings):
    settings.EVENTCAL_TWO_FACTOR_ENFORCED = True
    setup_review()
    user = make_user("reviewer", groups=[Group.objects.get(name="Event reviewers")])
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "en"})
    return user


def sign_in_with_password(page):
    # axe must not measure colours halfway through a message's fade-in.
    page.emulate_media(reduced_motion="reduce")
    page.goto("/admin/login/")
    page.locator("#id_username").fill("reviewer")
    page.locator("#id_password").fill("pw")
    page.locator("form button[type=submit]").click()


def assert_accessible(page):
    # Colours are measured once a message has faded in: a transition that
    # starts when the admin's script marks the page ready, reduced motion or not.
    # Polled from here: the site's Content-Security-Policy refuses the eval
    # behind Playwright's wait_for_function.
    settled = (
        "() => document.body.classList.contains('ready')"
        " && document.getAnimations().every(a => a.playState !== 'running')"
    )
    for _ in range(50):
        if page.evaluate(settled):
            break
        page.wait_for_timeout(100)
    violations = axe_violations(page)
    assert not violations, describe(violations)


def test_a_reviewer_sets_up_and_uses_two_factor_sign_in(open_page, reviewer):
    page = open_page()
    sign_in_with_password(page)
    page.wait_for_url("**/admin/eventcal/two-factor/set-up/?next=%2Fadmin%2F")
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-factor sign-in")
    qr_code = page.get_by_role("img", name="Scan this QR code with your authenticator app.")
    expect(qr_code).to_be_visible()
    assert_accessible(page)

    # A wrong code: the summary takes the focus and links to the field.
    page.get_by_role("textbox", name="Code").fill("000000")
    page.get_by_role("button", name="Confirm and finish").click()
    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_attribute("href", "#id_code")
    expect(page.get_by_role("textbox", name="Code")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)

    # The key as typed into an app by hand; the app's code confirms it (after
    # the second that a wrong code costs).
    page.wait_for_timeout(1100)
    secret = page.locator("[data-eventcal-totp-secret]").inner_text().replace(" ", "")
    page.get_by_role("textbox", name="Code").fill(f"{TOTP(b32decode(secret)).token():06d}")
    page.get_by_role("button", name="Confirm and finish").click()
    page.wait_for_url("**/admin/eventcal/two-factor/recovery-codes/**")
    codes = page.locator("[data-eventcal-recovery-code]").all_inner_texts()
    assert len(codes) == 10
    assert_accessible(page)
    page.get_by_role("link", name="I have saved my codes: continue").click()
    page.wait_for_url("**/admin/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    # Another day, another browser, in Japanese: a recovery code this time.
    UserProfile.objects.filter(user=reviewer).update(preferred_language="ja")
    page = open_page()
    sign_in_with_password(page)
    page.wait_for_url("**/admin/eventcal/two-factor/verify/?next=%2Fadmin%2F")
    expect(page.get_by_role("heading", level=1)).to_have_text("サインインの確認")
    assert_accessible(page)
    page.get_by_role("textbox", name="コード").fill(codes[0])
    page.get_by_role("button", name="確認").click()
    page.wait_for_url("**/admin/")
    expect(page.get_by_text("リカバリーコードでサインインしました。残りは9個です。")).to_be_visible()

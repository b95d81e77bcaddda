"""`make screenshots`: the README's pictures, taken by Debian's Chromium
(Playwright) from the demo as `make demo` serves it, so they never go stale.

Usage: python docs/screenshots.py http://127.0.0.1:8000  (the demo running)
Writes docs/screenshots/*.png, reduced to 256 colours to stay small.
"""

import os
import sys
from base64 import b32decode
from pathlib import Path
from urllib.parse import urlsplit

from django_otp.oath import TOTP
from PIL import Image
from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("EVENTCAL_CHROMIUM", "/usr/bin/chromium")
OUT = Path(__file__).resolve().parent / "screenshots"
DESKTOP = {"width": 1200, "height": 800}
PHONE = {"width": 390, "height": 844}
# The demo's authenticator key (example_site/home/management/commands/load_demo.py).
DEMO_TOTP_SECRET = "EVENTCALDEMOTOTP"


def shrink(path):
    image = Image.open(path).convert("RGB")
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)


def shoot(page, name, url, *, full_page=False):
    page.goto(url)
    page.wait_for_load_state("networkidle")
    path = OUT / f"{name}.png"
    page.screenshot(path=path, full_page=full_page)
    shrink(path)
    print(f"{path.relative_to(OUT.parent.parent)}  {path.stat().st_size // 1024} KB")


def log_in(context, username):
    page = context.new_page()
    page.goto("/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill("demo-password")
    page.locator("form button[type=submit]").click()
    page.wait_for_load_state()
    if "/two-factor/verify/" in page.url:  # the demo's admin and reviewer
        page.locator("#id_code").fill(f"{TOTP(b32decode(DEMO_TOTP_SECRET)).token():06d}")
        page.locator("form.login-form button[type=submit]").click()
    page.wait_for_url("**/admin/")
    return page


def first_link(page, url, selector):
    """The path of the first link (some admin links are absolute, made with
    WAGTAILADMIN_BASE_URL, which may name another port than the demo's)."""
    page.goto(url)
    return urlsplit(page.locator(selector).first.get_attribute("href")).path


def main(base):
    OUT.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, chromium_sandbox=False,
            args=["--disable-gpu", "--no-first-run", "--disable-background-networking"],
        )
        desktop = browser.new_context(
            base_url=base, viewport=DESKTOP, locale="ja-JP", timezone_id="Asia/Tokyo"
        )
        page = desktop.new_page()
        shoot(page, "calendar-ja", "/ja/events/")
        shoot(page, "calendar-en", "/en/events/")
        shoot(page, "month-ja", "/ja/events/month/")
        shoot(page, "month-en", "/en/events/month/")
        event = first_link(page, "/en/events/", ".eventcal-card__title a")
        shoot(page, "event-en", event)
        phone = browser.new_context(
            base_url=base, viewport=PHONE, locale="ja-JP", timezone_id="Asia/Tokyo",
            is_mobile=True, has_touch=True, device_scale_factor=1,
        )
        shoot(phone.new_page(), "phone-ja", "/ja/events/")
        for username, shots in (
            ("reviewer", ["dashboard", "review"]),
            ("proxy", ["dashboard"]),
        ):
            context = browser.new_context(
                base_url=base, viewport=DESKTOP, locale="ja-JP", timezone_id="Asia/Tokyo"
            )
            admin = log_in(context, username)
            shoot(admin, f"{username}-dashboard", "/admin/")
            if "review" in shots:
                edit = first_link(admin, "/admin/eventcal/review/open/", "td.title a")
                shoot(admin, "reviewer-review", edit)
            context.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")

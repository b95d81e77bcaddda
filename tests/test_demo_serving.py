"""`make demo` serves like production (issue 14): DEBUG off with the site's
own 404 page in the visitor's language, WhiteNoise, no outside requests."""

import importlib
import socket

import pytest
from django.urls import reverse

from wagtail_eventcal.workflow.url_checks import probe

pytestmark = pytest.mark.django_db


def test_demo_settings_are_production_like():
    demo = importlib.import_module("example_site.settings_demo")
    assert demo.DEBUG is False
    assert demo.MIDDLEWARE[1] == "whitenoise.middleware.WhiteNoiseMiddleware"
    assert demo.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    assert "testserver" not in demo.ALLOWED_HOSTS


@pytest.mark.parametrize(
    ("path", "lang", "heading"),
    [
        ("/ja/events/no-such-event/", "ja", "ページが見つかりません"),
        ("/en/no-such-page/", "en", "Page not found"),
    ],
)
def test_not_found_is_the_sites_own_page_in_the_visitors_language(
    client, calendar, path, lang, heading
):
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert f"<h1>{heading}</h1>" in html


def test_admin_requests_no_avatar_from_outside(admin_client):
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "gravatar.com" not in html


def test_url_check_says_why_a_site_is_unreachable(settings):
    # Stored as codes, shown as sentences (DetailUrlCheck.ERROR_MESSAGES).
    settings.EVENTCAL_URL_CHECK_ALLOWED_HOSTS = ("127.0.0.1",)
    status, error = probe("http://no-such-host.invalid/", timeout=2)
    assert status is None and error == "name_not_found"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    status, error = probe(f"http://127.0.0.1:{port}/", timeout=2)
    assert status is None and error == "connection_refused"

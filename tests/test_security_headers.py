"""Content-Security-Policy on public pages and the admin (issue 18, item 15);
the browser tests (tests/browser/) fail on any CSP violation in Chromium."""

import pytest

from .factories import jst, make_event

pytestmark = pytest.mark.django_db


def policy(response):
    header = response["Content-Security-Policy"]
    return {
        directive.split()[0]: directive.split()[1:]
        for directive in (part.strip() for part in header.split(";"))
        if directive
    }


@pytest.mark.parametrize(
    "path", ["/ja/events/", "/en/events/month/", "/en/events/{slug}/", "/sitemap.xml"]
)
def test_public_pages_allow_only_their_own_scripts(client, calendar, path):
    event = make_event(calendar, start=jst(2030, 1, 10, 10))
    response = client.get(path.format(slug=event.slug))
    assert response.status_code == 200
    directives = policy(response)
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'self'"]


def test_the_admin_allows_wagtails_inline_scripts_and_nothing_foreign(admin_client):
    response = admin_client.get("/admin/")
    directives = policy(response)
    assert directives["script-src"] == ["'self'", "'unsafe-inline'"]
    assert directives["default-src"] == ["'self'"]
    assert not any("http" in source for sources in directives.values() for source in sources)

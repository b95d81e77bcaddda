"""Importing from an .ics address: public hosts only, no redirects followed."""

from http.server import BaseHTTPRequestHandler

import pytest
from django.utils import translation

from tests.local_http import serving
from wagtail_eventcal.exchange.fetch import fetch
from wagtail_eventcal.exchange.readers import FileError
from wagtail_eventcal.models import EventPage

from .conftest import sample


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's name)
        if self.path == "/moved.ics":
            self.send_response(302)
            self.send_header("Location", "http://127.0.0.1:1/internal.ics")
            self.end_headers()
            return
        body = sample("events.ics")
        self.send_response(200)
        self.send_header("Content-Type", "text/calendar")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    with serving(Handler) as url:
        yield url


def test_loopback_and_private_hosts_are_refused(server):
    translation.activate("en")
    for url in (f"{server}/events.ics", "http://10.0.0.1/x.ics", "http://[::1]/x.ics"):
        with pytest.raises(FileError, match="not a public internet host"):
            fetch(url)
    with pytest.raises(FileError, match="http or https"):
        fetch("file:///etc/passwd")


def test_fetch_and_import_from_an_address(client, cast, server, settings):
    settings.EVENTCAL_IMPORT_URL_ALLOW_PRIVATE = True
    translation.activate("en")
    with pytest.raises(FileError, match="redirects to http://127.0.0.1:1/internal.ics"):
        fetch(f"{server}/moved.ics")
    client.force_login(cast.submitter)
    response = client.post(
        "/admin/eventcal/import/",
        {
            "calendar": cast.calendar.pk,
            "organization": cast.ministry.pk,
            "role": "organizer",
            "category": "seminar",
            "url": f"{server}/events.ics",
            "preview": "1",
        },
    )
    assert [r.action for r in response.context["rows"]] == ["create", "create", "skip"]
    form = response.context["form"]
    data = {name: form.data.get(name, "") for name in form.fields if name not in ("file", "url")}
    client.post("/admin/eventcal/import/", {**data, "confirm": "1"})
    assert EventPage.objects.filter(live=False).count() == 2

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


@pytest.mark.parametrize(
    "host",
    [
        "[::127.0.0.1]",  # IPv4-compatible
        "[::ffff:10.0.0.1]",  # IPv4-mapped
        "[64:ff9b::7f00:1]",  # NAT64
        "[64:ff9b::a9fe:a9fe]",  # NAT64 of the link-local metadata address
        "[2002:7f00:1::]",  # 6to4
        "[2002:c0a8:1::1]",  # 6to4 of 192.168.0.1
        "[2001:0:4136:e378:8000:63bf:80ff:fffe]",  # Teredo, client 127.0.0.1
        "[fe80::1]",
        "[fc00::1]",
    ],
)
def test_ipv6_forms_of_internal_addresses_are_refused(host, monkeypatch):
    from wagtail_eventcal import outbound

    def no_connection(*args, **kwargs):
        raise AssertionError("no connection may be made")

    monkeypatch.setattr(outbound.socket, "create_connection", no_connection)
    translation.activate("en")
    with pytest.raises(FileError, match="not a public internet host"):
        fetch(f"http://{host}/x.ics")


def test_embedded_ipv4_of_public_forms():
    import ipaddress

    from wagtail_eventcal.outbound import is_public

    assert is_public(ipaddress.ip_address("2002:5db8:d822::1"))  # 6to4 of 93.184.216.34
    assert is_public(ipaddress.ip_address("64:ff9b::5db8:d822"))
    assert not is_public(ipaddress.ip_address("::ffff:127.0.0.1"))


def test_the_fetch_connects_to_the_address_it_checked(server, monkeypatch):
    """DNS rebinding: the name answers a public address when checked and the
    loopback address to any later lookup. The fetch resolves once and
    connects to the checked address, never to the loopback server."""
    import socket

    from wagtail_eventcal import outbound

    answers = iter(["93.184.216.34", "127.0.0.1", "127.0.0.1"])
    lookups, connections = [], []

    def rebinding_getaddrinfo(host, port, *args, **kwargs):
        lookups.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]

    def recording_create_connection(address, *args, **kwargs):
        connections.append(address[0])
        raise ConnectionRefusedError  # no traffic leaves the test

    monkeypatch.setattr(outbound.socket, "getaddrinfo", rebinding_getaddrinfo)
    monkeypatch.setattr(outbound.socket, "create_connection", recording_create_connection)
    translation.activate("en")
    port = server.rsplit(":", 1)[1]
    with pytest.raises(FileError, match="could not be fetched"):
        fetch(f"http://rebinding.example:{port}/events.ics")
    assert lookups == ["rebinding.example"]
    assert connections == ["93.184.216.34"]

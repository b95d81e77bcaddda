"""The detail-URL check is no probe of the internal network (issue 18,
item 7): internal addresses are refused without a connection, after every
redirect too; the connection goes to the address that was checked; errors
read as sentences in both languages."""

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import override_settings
from django.utils import translation

from wagtail_eventcal import outbound
from wagtail_eventcal.models import DetailUrlCheck
from wagtail_eventcal.workflow.url_checks import probe


class _Handler(BaseHTTPRequestHandler):
    def do_HEAD(self):  # noqa: N802
        self.server.paths.append(self.path)
        if self.path.startswith("/redirect"):
            self.send_response(302)
            self.send_header("Location", self.path.split("?to=", 1)[1])
        elif self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
        else:
            self.send_response(200 if self.path == "/ok" else 404)
        self.end_headers()

    def do_GET(self):  # noqa: N802
        self.do_HEAD()

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.paths = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


INTERNAL = [
    "http://127.0.0.1:{port}/ok",
    "http://localhost:{port}/ok",
    "http://[::1]:{port}/ok",
    "http://[::ffff:127.0.0.1]:{port}/ok",
    "http://0.0.0.0:{port}/ok",
    "http://10.1.2.3/",
    "http://192.168.0.1/",
    "http://172.16.0.1/",
    "http://169.254.169.254/latest/meta-data/",  # cloud metadata (link-local)
    "http://100.64.0.1/",  # shared address space
    "http://224.0.0.1/",  # multicast
    "http://240.0.0.1/",  # reserved
    "http://2130706433:{port}/ok",  # 127.0.0.1 as one number
]


@pytest.mark.parametrize("template", INTERNAL)
def test_internal_addresses_are_refused_without_a_request(server, template):
    url = template.format(port=server.server_port)
    assert probe(url, timeout=2) == (None, "internal_address")
    assert server.paths == []


@override_settings(EVENTCAL_URL_CHECK_ALLOWED_HOSTS=["127.0.0.1"])
def test_an_allowed_host_is_checked(server):
    base = f"http://127.0.0.1:{server.server_port}"
    assert probe(f"{base}/ok", timeout=2) == (200, "")
    assert probe(f"{base}/missing", timeout=2) == (404, "")


@override_settings(EVENTCAL_URL_CHECK_ALLOWED_HOSTS=["127.0.0.0/8"])
def test_an_allowed_network_is_checked(server):
    assert probe(f"http://127.0.0.1:{server.server_port}/ok", timeout=2) == (200, "")


@override_settings(EVENTCAL_URL_CHECK_ALLOWED_HOSTS=["127.0.0.1"])
def test_every_redirect_is_checked_again(server):
    port = server.server_port
    # Allowed host → a redirect to the cloud metadata address: refused
    # before the second request.
    target = "http://169.254.169.254/latest/meta-data/"
    url = f"http://127.0.0.1:{port}/redirect?to={target}"
    assert probe(url, timeout=2) == (None, "internal_address")
    assert server.paths == [f"/redirect?to={target}"]
    # A redirect within the allowed host is followed.
    url = f"http://127.0.0.1:{port}/redirect?to=/ok"
    assert probe(url, timeout=2) == (200, "")


@override_settings(
    EVENTCAL_URL_CHECK_ALLOWED_HOSTS=["127.0.0.1"], EVENTCAL_URL_CHECK_MAX_REDIRECTS=3
)
def test_redirects_are_limited(server):
    assert probe(f"http://127.0.0.1:{server.server_port}/loop", timeout=2) == (
        None,
        "too_many_redirects",
    )
    assert server.paths == ["/loop"] * 4  # the first request and three redirects


def test_the_checked_address_is_the_connected_one(server, monkeypatch):
    """DNS rebinding: the name answers a public address when checked and the
    loopback address afterwards. The check resolves once per request and
    connects to the address it checked, never to the loopback server."""
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
    url = f"http://rebinding.example:{server.server_port}/ok"
    assert probe(url, timeout=1) == (None, "connection_refused")
    assert lookups == ["rebinding.example"]
    assert connections == ["93.184.216.34"]
    assert server.paths == []


def test_unknown_names_and_bad_urls_have_their_own_codes():
    assert probe("http://no-such-host.invalid/", timeout=2) == (None, "name_not_found")
    assert probe("ftp://example.org/", timeout=2) == (None, "invalid_url")
    assert probe("http://example.org:99999/", timeout=2) == (None, "invalid_url")


@override_settings(EVENTCAL_URL_CHECK_ALLOWED_HOSTS=["127.0.0.1"])
def test_a_closed_port_is_connection_refused():
    assert probe("http://127.0.0.1:9/", timeout=2) == (None, "connection_refused")


@pytest.mark.parametrize(
    "code, english, japanese",
    [
        ("name_not_found", "could not reach the site: name not found", "ホスト名が見つかりません"),
        ("internal_address", "internal network", "内部ネットワーク"),
    ],
)
def test_errors_read_as_sentences_in_both_languages(code, english, japanese):
    check = DetailUrlCheck(error=code)
    with translation.override("en"):
        assert english in str(check.error_message)
    with translation.override("ja"):
        assert japanese in str(check.error_message)
    assert DetailUrlCheck(error="[Errno 111] old text").error_message == "[Errno 111] old text"

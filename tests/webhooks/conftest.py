"""A real webhook receiver: an HTTP server in a thread on 127.0.0.1."""

import json
from http.server import BaseHTTPRequestHandler

import pytest

from tests.local_http import serving


class Receiver:
    def __init__(self):
        self.received = []  # (headers, body bytes), in arrival order
        self.statuses = []  # answers to give, one per request; then 204

    @property
    def payloads(self):
        return [json.loads(body) for _headers, body in self.received]


@pytest.fixture
def receiver():
    state = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            status = state.statuses.pop(0) if state.statuses else 204
            if status < 300:
                state.received.append((dict(self.headers), body))
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    with serving(Handler) as url:
        state.url = f"{url}/hook"
        yield state


@pytest.fixture
def dead_url():
    """An address where nothing listens (a port just freed)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/hook"

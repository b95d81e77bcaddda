"""The client address behind N trusted proxies, and the sign-in lockout keyed
on username and that address: a client that writes its own X-Forwarded-For
neither escapes the lockout nor locks a colleague out from elsewhere."""

import pytest
from axes.helpers import get_client_ip_address
from django.test import RequestFactory, override_settings

from wagtail_eventcal.client_address import client_address

from .factories import make_user

NGINX = "10.0.0.1"  # the proxy next to the server (REMOTE_ADDR)
EDGE = "10.0.0.2"  # a load balancer in front of it (two proxies)
CLIENT = "203.0.113.5"
COLLEAGUE = "198.51.100.7"


def request_from(remote, forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/admin/login/", **headers)


@pytest.mark.parametrize(
    ("proxies", "forwarded", "remote", "expected"),
    [
        # No proxy: the peer is the client, whatever the header says.
        (0, None, CLIENT, CLIENT),
        (0, "6.6.6.6", CLIENT, CLIENT),
        # One nginx appending $remote_addr.
        (1, CLIENT, NGINX, CLIENT),
        (1, f"6.6.6.6, {CLIENT}", NGINX, CLIENT),
        (1, f"6.6.6.6,1.1.1.1 , {CLIENT}", NGINX, CLIENT),
        # Two proxies: the edge appends the client, nginx appends the edge.
        (2, f"{CLIENT}, {EDGE}", NGINX, CLIENT),
        (2, f"6.6.6.6, {CLIENT}, {EDGE}", NGINX, CLIENT),
        # Fewer entries than proxies (a request that bypassed one): nothing
        # client-written is in the chain, its leftmost entry is used.
        (1, None, NGINX, NGINX),
        (2, EDGE, NGINX, EDGE),
        # IPv6, normalised, and garbage written by a proxy: the peer.
        (1, "2001:DB8::0:1", NGINX, "2001:db8::1"),
        (1, "6.6.6.6, not-an-address", NGINX, NGINX),
    ],
)
def test_the_client_address_behind_n_proxies(proxies, forwarded, remote, expected):
    with override_settings(EVENTCAL_PROXY_COUNT=proxies):
        request = request_from(remote, forwarded)
        assert client_address(request) == expected
        # django-axes reads the same address.
        assert get_client_ip_address(request) == expected


def through_proxies(proxies, client_ip, spoofed=None):
    """The META a request from ``client_ip`` has behind ``proxies`` proxies,
    with ``spoofed`` as the X-Forwarded-For the client itself sent."""
    hops = [spoofed] if spoofed else []
    if proxies == 0:
        return {"REMOTE_ADDR": client_ip, **({"HTTP_X_FORWARDED_FOR": spoofed} if spoofed else {})}
    hops.append(client_ip)
    if proxies == 2:
        hops.append(EDGE)
    return {"REMOTE_ADDR": NGINX, "HTTP_X_FORWARDED_FOR": ", ".join(hops)}


def sign_in(client, password, meta):
    return client.post("/admin/login/", {"username": "reviewer_x", "password": password}, **meta)


@pytest.mark.django_db
@pytest.mark.parametrize("proxies", [0, 1, 2])
def test_a_spoofing_guesser_is_locked_and_the_owner_still_signs_in(client, proxies):
    user = make_user("reviewer_x", password="the-right-password")
    with override_settings(EVENTCAL_PROXY_COUNT=proxies):
        # Each guess claims another origin in its own X-Forwarded-For; the
        # fifth failure locks the guesser out.
        statuses = [
            sign_in(
                client, "guess", through_proxies(proxies, CLIENT, spoofed=f"6.6.6.{n}")
            ).status_code
            for n in range(5)
        ]
        assert statuses == [200, 200, 200, 200, 429]
        meta = through_proxies(proxies, CLIENT, spoofed="6.6.6.99")
        assert sign_in(client, "the-right-password", meta).status_code == 429
        assert "_auth_user_id" not in client.session
        # The owner, from another address behind the same proxies, is not
        # locked out by a stranger's guesses.
        response = sign_in(client, "the-right-password", through_proxies(proxies, COLLEAGUE))
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(user.pk)

"""The address of the client that sent a request, behind N trusted proxies.

Each proxy appends the address it received the request from to
``X-Forwarded-For``, and the last proxy is the peer the server sees
(``REMOTE_ADDR``). So with N proxies the client is the (N+1)-th address
from the right of ``X-Forwarded-For + [REMOTE_ADDR]``; anything further
left was written by the client itself and is never trusted. The number of
proxies is the setting ``EVENTCAL_PROXY_COUNT`` (0: no proxy, the peer is
the client). django-axes reads the address here (``AXES_CLIENT_IP_CALLABLE``)
so that a sign-in lockout is keyed on the real client.
"""

import ipaddress

from .conf import get_setting


def _address(text):
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_address(request):
    peer = request.META.get("REMOTE_ADDR", "")
    count = get_setting("PROXY_COUNT")
    if count <= 0:
        return _address(peer) or peer
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    chain = [part for part in forwarded.split(",") if part.strip()] + [peer]
    # A shorter chain than the proxies promise means no client-written part:
    # its leftmost entry is the nearest thing to the client a proxy saw.
    candidate = chain[-(count + 1)] if len(chain) > count else chain[0]
    # A proxy writes well-formed addresses; if not, the peer is still a
    # stable key (never None, which would lump every client together).
    return _address(candidate) or _address(peer) or peer

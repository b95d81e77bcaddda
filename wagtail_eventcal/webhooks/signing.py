"""HMAC-SHA256 signatures of webhook bodies, with a timestamp against replays.

The header reads ``t=<unix seconds>,v1=<hex digest>``; the digest is over
``"<t>." + body``, so a receiver that refuses old timestamps refuses replays,
and one that checks the digest refuses forgeries.
"""

import hashlib
import hmac
import time

HEADER = "X-Eventcal-Signature"


def digest(secret, timestamp, body: bytes):
    message = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signature_header(secret, body: bytes, timestamp=None):
    timestamp = int(time.time()) if timestamp is None else timestamp
    return f"t={timestamp},v1={digest(secret, timestamp, body)}"


def verify(secret, header, body: bytes, *, tolerance=300, now=None):
    """True when ``header`` signs ``body`` with ``secret`` and is at most
    ``tolerance`` seconds old (what a receiver does)."""
    try:
        fields = dict(part.split("=", 1) for part in header.split(","))
        timestamp = int(fields["t"])
    except (KeyError, ValueError):
        return False
    now = time.time() if now is None else now
    if abs(now - timestamp) > tolerance:
        return False
    return hmac.compare_digest(fields.get("v1", ""), digest(secret, timestamp, body))

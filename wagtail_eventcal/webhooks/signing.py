"""HMAC-SHA256 signatures of webhook deliveries, with a timestamp against
replays.

The header reads ``t=<unix seconds>,v2=<hex digest>``; the digest is over
``"<t>.<delivery>.<action>." + body`` — the delivery number and the action
are sent as their own headers (``X-Eventcal-Delivery``,
``X-Eventcal-Action``), and a receiver that trusts them must know they were
not changed. A receiver that refuses old timestamps refuses replays, and one
that checks the digest refuses forgeries. Standard library only, so that a
receiver can copy this file.
"""

import hashlib
import hmac
import re
import time

HEADER = "X-Eventcal-Signature"
_TIMESTAMP = re.compile(r"[0-9]{1,12}")
_DIGEST = re.compile(r"[0-9a-f]{64}")


def digest(secret, timestamp, body: bytes, *, delivery, action):
    message = f"{timestamp}.{delivery}.{action}.".encode() + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signature_header(secret, body: bytes, *, delivery, action, timestamp=None):
    timestamp = int(time.time()) if timestamp is None else timestamp
    return f"t={timestamp},v2={digest(secret, timestamp, body, delivery=delivery, action=action)}"


def verify(secret, header, body: bytes, *, delivery, action, tolerance=300, now=None):
    """True when ``header`` signs ``body``, the delivery number and the
    action with ``secret`` and is at most ``tolerance`` seconds old (what a
    receiver does); False for anything else, a malformed header included."""
    if not isinstance(header, str) or not isinstance(body, bytes):
        return False
    fields = {}
    for part in header.split(","):
        name, sep, value = part.strip().partition("=")
        if not sep or name in fields:
            return False
        fields[name] = value
    timestamp, signed = fields.get("t", ""), fields.get("v2", "")
    if not _TIMESTAMP.fullmatch(timestamp) or not _DIGEST.fullmatch(signed):
        return False
    now = time.time() if now is None else now
    if abs(now - int(timestamp)) > tolerance:
        return False
    expected = digest(secret, timestamp, body, delivery=delivery, action=action)
    return hmac.compare_digest(signed, expected)

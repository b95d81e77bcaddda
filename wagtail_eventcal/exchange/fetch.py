"""Fetching an ``.ics`` URL that a submitter gives (on their request only).

Only http/https, only public addresses (no loopback, private or link-local
host, nor an IPv6 form embedding one: the server must not become a way into
the internal network), resolved once and connected to as checked (the
detail-URL check's pinned connection), a timeout and the import size limit.
Redirects are not followed (a redirect could point inside); the message
asks for the final address.
"""

import http.client
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

from ..conf import get_setting
from ..outbound import NameNotFound, NotPublic, checked_address, pinned_connection
from .readers import FileError

USER_AGENT = "wagtail-eventcal import"


def _any_host(host, addresses):
    return bool(get_setting("IMPORT_URL_ALLOW_PRIVATE"))


def fetch(url):
    parts = urlsplit(url)
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        port = None
    if parts.scheme not in ("http", "https") or not parts.hostname or not port:
        raise FileError(_("Give an http or https address."))
    try:
        address = checked_address(parts.hostname, port, allowed=_any_host)
    except NameNotFound as error:
        raise FileError(
            _("The address could not be fetched: the host name was not found.")
        ) from error
    except NotPublic as error:
        raise FileError(
            _("This address cannot be fetched: it is not a public internet host.")
        ) from error
    limit = get_setting("IMPORT_MAX_BYTES")
    timeout = get_setting("IMPORT_URL_TIMEOUT")
    connection = pinned_connection(parts.scheme, parts.hostname, port, address, timeout)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request("GET", path, headers={"User-Agent": USER_AGENT})
        response = connection.getresponse()
        if 300 <= response.status < 400:
            raise FileError(
                _("The address redirects to %(location)s: give that address instead.")
                % {"location": response.getheader("Location", "?")}
            )
        if response.status != 200:
            raise FileError(_("The address answered HTTP %(code)s.") % {"code": response.status})
        data = response.read(limit + 1)
    except (OSError, http.client.HTTPException) as error:  # timeouts and TLS too
        raise FileError(
            _("The address could not be fetched (no answer, or not a valid HTTP answer).")
        ) from error
    finally:
        connection.close()
    if len(data) > limit:
        raise FileError(_("The file is larger than %(limit)s bytes.") % {"limit": f"{limit:,}"})
    return data

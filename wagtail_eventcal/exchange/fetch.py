"""Fetching an ``.ics`` URL that a submitter gives (on their request only).

Only http/https, only public addresses (no loopback, private or link-local
host: the server must not become a way into the internal network), a
timeout and the import size limit. Redirects are not followed (a redirect
could point inside); the message asks for the final address.
"""

import ipaddress
import socket
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

from ..conf import get_setting
from .readers import FileError


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _public_host(host, port):
    if get_setting("IMPORT_URL_ALLOW_PRIVATE"):
        return True
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, port)}
    except OSError:
        return False
    return bool(addresses) and all(ipaddress.ip_address(a).is_global for a in addresses)


def fetch(url):
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FileError(_("Give an http or https address."))
    port = parts.port or (443 if parts.scheme == "https" else 80)
    if not _public_host(parts.hostname, port):
        raise FileError(_("This address cannot be fetched: it is not a public internet host."))
    limit = get_setting("IMPORT_MAX_BYTES")
    opener = urllib.request.build_opener(_NoRedirect)
    request = urllib.request.Request(url, headers={"User-Agent": "wagtail-eventcal import"})
    try:
        with opener.open(request, timeout=get_setting("IMPORT_URL_TIMEOUT")) as response:
            data = response.read(limit + 1)
    except urllib.error.HTTPError as error:
        if 300 <= error.code < 400:
            raise FileError(
                _("The address redirects to %(location)s: give that address instead.")
                % {"location": error.headers.get("Location", "?")}
            ) from error
        raise FileError(_("The address answered HTTP %(code)s.") % {"code": error.code}) from error
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise FileError(
            _("The address could not be fetched: %(error)s") % {"error": error}
        ) from error
    if len(data) > limit:
        raise FileError(_("The file is larger than %(limit)s bytes.") % {"limit": f"{limit:,}"})
    return data

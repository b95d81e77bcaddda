"""Connections the server makes to addresses that users give (the
detail-URL check, the ``.ics`` fetch): the host is resolved once, every
address it resolves to must be public, and the connection goes to the
address that was checked — a second lookup could answer differently (DNS
rebinding).

"Public" also looks inside IPv6 addresses that carry an IPv4 address
(IPv4-mapped and -compatible, NAT64, 6to4, Teredo): ``[::127.0.0.1]`` or
``[64:ff9b::7f00:1]`` reach the loopback address as surely as 127.0.0.1.
"""

import http.client
import ipaddress
import socket
import ssl
from urllib.parse import urlsplit

DEFAULT_PORTS = {"http": 80, "https": 443}
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))


class CheckFailed(Exception):
    """The check ended without an HTTP status; ``code`` is one of
    ``DetailUrlCheck.ERROR_MESSAGES`` (stored, and shown translated)."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


class NameNotFound(Exception):
    pass


class NotPublic(Exception):
    pass


def embedded_ipv4(address):
    """The IPv4 addresses an IPv6 address carries (none for IPv4)."""
    if address.version != 6:
        return []
    found = []
    if address.ipv4_mapped:
        found.append(address.ipv4_mapped)
    if address.sixtofour:
        found.append(address.sixtofour)
    if address.teredo:
        found.extend(address.teredo)
    low = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if int(address) >> 32 == 0 or any(address in network for network in _NAT64):
        found.append(low)  # IPv4-compatible ::a.b.c.d, or NAT64
    return found


def is_public(address):
    return (
        address.is_global
        and not address.is_multicast
        and all(is_public(inner) for inner in embedded_ipv4(address))
    )


def checked_address(host, port, *, allowed=None):
    """The one address to connect to for ``host``: every answer must be
    public (a name resolving to a public and a private address must not
    reach the private one), unless ``allowed(host, addresses)``."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise NameNotFound(host) from error
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    if not addresses:
        raise NameNotFound(host)
    if not (allowed and allowed(host, addresses)) and not all(map(is_public, addresses)):
        raise NotPublic(host)
    return str(addresses[0])


class PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the address already checked; the Host header still
    names the host."""

    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self):
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class PinnedHTTPSConnection(http.client.HTTPSConnection):
    """Like :class:`PinnedHTTPConnection`; the certificate is verified for
    the host name (SNI too), not for the address."""

    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.address = address

    def connect(self):
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def pinned_connection(scheme, host, port, address, timeout):
    connection_class = PinnedHTTPSConnection if scheme == "https" else PinnedHTTPConnection
    return connection_class(host, port, address, timeout)


def open_connection(url, timeout, allowed_hosts=()):
    """(connection, path) for ``url``: an http.client connection to the one
    address :func:`resolve` accepted (raises :class:`CheckFailed` first).
    The detail-URL check and webhook deliveries connect through it."""
    parts = urlsplit(url)
    try:
        port = parts.port or DEFAULT_PORTS.get(parts.scheme)
    except ValueError:
        port = None
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname or not port:
        raise CheckFailed("invalid_url")
    address = resolve(parts.hostname, port, allowed_hosts)
    connection = pinned_connection(parts.scheme, parts.hostname, port, address, timeout)
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    return connection, path


def resolve(host, port, allowed_hosts=()):
    """The one address to connect to for ``host``; refuses internal ones
    unless ``allowed_hosts`` (host names, addresses or networks) names it."""
    try:
        return checked_address(
            host, port, allowed=lambda host, addresses: _allowed(host, addresses, allowed_hosts)
        )
    except NameNotFound as error:
        raise CheckFailed("name_not_found") from error
    except NotPublic as error:
        raise CheckFailed("internal_address") from error


def _allowed(host, addresses, allowed_hosts):
    """``allowed_hosts``: host names, addresses or networks."""
    host = host.lower().rstrip(".")
    for entry in allowed_hosts:
        try:
            network = ipaddress.ip_network(entry, strict=False)
        except ValueError:
            if host == entry.lower().rstrip("."):
                return True
            continue
        if all(address in network for address in addresses):
            return True
    return False

"""One rule for every absolute URL the plugin writes — iCalendar (URL, UID),
RSS/Atom, the API, the sitemap, JSON-LD, ``canonical``/``hreflang`` links,
calendar subscription links and the mails: the site's configured base URL,
``WAGTAILADMIN_BASE_URL`` (the setting Wagtail itself uses for links in its
notification mails), followed by the path.

Not the requesting host (a feed fetched through an internal address must
not hand out that address), and not the Wagtail ``Site`` row (its default,
``localhost:80``, is served by nothing). A system check refuses to start
without a usable value, so a wrong link is caught before any mail is sent.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks

SETTING = "WAGTAILADMIN_BASE_URL"


def base_url():
    """``scheme://host[:port]`` without a trailing slash."""
    return (getattr(settings, SETTING, None) or "").rstrip("/")


def absolute(path):
    """``path`` (``/en/events/…``) as an absolute URL on the site."""
    if urlsplit(path).scheme:
        path = _path_of(path)
    return base_url() + path


def page_url(page, language=None):
    """A page's public URL in ``language`` (default: the active one), or ""
    for a page no site routes to. Only the path comes from Wagtail's routing:
    one public site per installation is assumed."""
    from django.utils import translation

    with translation.override(language or translation.get_language()):
        parts = page.get_url_parts()
    return absolute(parts[2]) if parts else ""


def host():
    """The host name of the base URL (the domain part of iCalendar UIDs,
    like ``event-<id>-<lang>@<host>``)."""
    return urlsplit(base_url()).hostname or ""


def _path_of(url):
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


@checks.register(checks.Tags.urls)
def check_base_url(app_configs=None, **kwargs):
    value = getattr(settings, SETTING, None)
    hint = (
        f"Set {SETTING} to the address the public site is served at, e.g. "
        '"https://events.example.org" (no path): feeds, the API, the sitemap and '
        "the mails build every absolute link from it."
    )
    if not value:
        return [checks.Error(f"{SETTING} is not set.", hint=hint, id="wagtail_eventcal.E001")]
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return [
            checks.Error(
                f"{SETTING} = {value!r} is not an http(s) URL.",
                hint=hint,
                id="wagtail_eventcal.E001",
            )
        ]
    if parts.path.strip("/") or parts.query or parts.fragment:
        return [
            checks.Error(
                f"{SETTING} = {value!r} has a path, query or fragment.",
                hint=hint,
                id="wagtail_eventcal.E001",
            )
        ]
    return []

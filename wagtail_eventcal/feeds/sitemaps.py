"""A sitemap of the public calendars and events, one URL per language with
``hreflang`` alternates and ``x-default`` (the Japanese page), Django's i18n
sitemaps.

Only live, public pages: never a draft, an unpublished change (the page
row holds the live version) or a page under a view restriction. Locations
are on the site's base URL like every other channel, and the sitemap
revalidates with ETag / Last-Modified (304) like the feeds.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap

from .. import base_url
from ..models import CalendarPage, EventPage
from . import publication
from .conditional import conditional_response, make_etag


class EventCalendarSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True  # the page in LANGUAGE_CODE (Japanese)

    def items(self):
        calendars = CalendarPage.objects.live().public().order_by("path")
        events = EventPage.objects.live().public().order_by("path")
        return [*calendars, *events]

    def location(self, page):
        # The path in the active language (Django switches it per entry).
        return page.get_url_parts()[2]

    def lastmod(self, page):
        return page.last_published_at

    def changefreq(self, page):
        return "daily" if isinstance(page, CalendarPage) else "weekly"

    # Django takes these from the request; the rule here is the base URL.
    def get_domain(self, site=None):
        return urlsplit(base_url.base_url()).netloc

    def get_protocol(self, protocol=None):
        return urlsplit(base_url.base_url()).scheme

    def get_urls(self, *args, **kwargs):
        # Django's x-default drops the language prefix (it assumes
        # prefix_default_language=False); here that URL is only a redirect,
        # so x-default names the Japanese page itself.
        urls = super().get_urls(*args, **kwargs)
        for info in urls:
            by_language = {a["lang_code"]: a["location"] for a in info["alternates"]}
            for alternate in info["alternates"]:
                if alternate["lang_code"] == "x-default":
                    alternate["location"] = by_language[settings.LANGUAGE_CODE]
        return urls


SITEMAPS = {"events": EventCalendarSitemap}


def sitemap_view(request):
    """``/sitemap.xml``: ``path("sitemap.xml", sitemap_view)``."""
    state = publication.current()
    etag = make_etag("sitemap", base_url.base_url(), settings.LANGUAGE_CODE, state.version)
    return conditional_response(
        request,
        etag=etag,
        last_modified=state.changed_at,
        build=lambda: sitemap(request, sitemaps=SITEMAPS),
    )

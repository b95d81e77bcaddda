"""A sitemap of the public calendars and events, one URL per language with
``hreflang`` alternates (Django's i18n sitemaps).

Only live, public pages: never a draft, an unpublished change (the page
row holds the live version) or a page under a view restriction.
"""

from django.contrib.sitemaps import Sitemap

from ..models import CalendarPage, EventPage


class EventCalendarSitemap(Sitemap):
    i18n = True
    alternates = True

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

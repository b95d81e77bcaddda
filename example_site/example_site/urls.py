from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from wagtail_eventcal.feeds.api import api_router
from wagtail_eventcal.feeds.sitemaps import sitemap_view

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("api/v2/", api_router().urls),  # wagtail-eventcal: headless API
    # wagtail-eventcal: calendars and events in both languages
    path("sitemap.xml", sitemap_view, name="sitemap"),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
elif getattr(settings, "DEMO_SERVE_MEDIA", False):
    # `make demo` (DEBUG off) shows the demo events' pictures; a production
    # site serves MEDIA_ROOT from its web server or object storage instead.
    from django.views.static import serve

    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

# wagtail-eventcal: every public page under /ja/ and /en/.
urlpatterns += i18n_patterns(
    path("", include("wagtail_eventcal.urls")),  # feed.ics / feed.rss / feed.atom
    # Not over the paths outside /ja/ and /en/: for a 404 there (an unknown
    # event in the API), LocaleMiddleware redirects to /ja/<path> whenever
    # that path resolves, and Wagtail's catch-all resolves everything.
    re_path(r"^(?!(?:admin|api|documents)/)", include(wagtail_urls)),
    prefix_default_language=True,
)

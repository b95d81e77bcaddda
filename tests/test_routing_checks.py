"""The system check of the root URLconf: a site routed as the installation
docs say passes; one that keeps ``wagtail start``'s own
``path("", include(wagtail_urls))`` ahead of the calendar, or lacks the API
or the sitemap, is told so — and the warned site really fails."""

import sys
import types

import pytest
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from wagtail_eventcal.feeds.api import api_router
from wagtail_eventcal.feeds.sitemaps import sitemap_view
from wagtail_eventcal.routing_checks import check_url_routing


def _calendar_patterns():
    return i18n_patterns(
        path("", include("wagtail_eventcal.urls")),
        re_path(r"^(?!(?:admin|api|documents)/)", include(wagtail_urls)),
        prefix_default_language=True,
    )


def _api_and_sitemap():
    return [path("api/v2/", api_router().urls), path("sitemap.xml", sitemap_view)]


LAYOUTS = {
    "documented": lambda: [
        path("admin/", include(wagtailadmin_urls)),
        *_api_and_sitemap(),
        *_calendar_patterns(),
    ],
    # `wagtail start`'s urls.py with the README's lines appended after it.
    "wagtail_start_kept": lambda: [
        path("admin/", include(wagtailadmin_urls)),
        path("", include(wagtail_urls)),
        *_api_and_sitemap(),
        *_calendar_patterns(),
    ],
    "no_api_no_sitemap": lambda: [
        path("admin/", include(wagtailadmin_urls)),
        *_calendar_patterns(),
    ],
    "no_language_prefixes": lambda: [
        path("admin/", include(wagtailadmin_urls)),
        *_api_and_sitemap(),
        path("", include(wagtail_urls)),
    ],
    "no_pages": lambda: [path("admin/", include(wagtailadmin_urls)), *_api_and_sitemap()],
}


@pytest.fixture
def layout(settings):
    def use(name):
        module = types.ModuleType(f"eventcal_layout_{name}")
        module.urlpatterns = LAYOUTS[name]()
        sys.modules[module.__name__] = module
        settings.ROOT_URLCONF = module.__name__
        return {warning.id for warning in check_url_routing(None)}

    yield use
    for name in LAYOUTS:
        sys.modules.pop(f"eventcal_layout_{name}", None)


def test_the_documented_layout_passes(layout):
    assert layout("documented") == set()


def test_wagtail_starts_catch_all_ahead_of_the_calendar_is_reported(
    layout, client, calendar, settings
):
    # The API's answers here are not the API's: the suite's contract check is off.
    settings.MIDDLEWARE = [
        m for m in settings.MIDDLEWARE if m != "tests.api_contract.ValidateAPIResponses"
    ]
    assert layout("wagtail_start_kept") == {"wagtail_eventcal.W021", "wagtail_eventcal.W023"}
    # What the warning is about: the calendar and the API are not there.
    assert client.get("/ja/events/").status_code == 404
    assert client.get("/en/events/").status_code == 404
    assert client.get("/api/v2/events/").status_code != 200


def test_missing_api_and_sitemap_are_reported(layout):
    assert layout("no_api_no_sitemap") == {"wagtail_eventcal.W022"}


def test_pages_outside_language_prefixes_are_reported(layout):
    assert layout("no_language_prefixes") == {"wagtail_eventcal.W021"}
    assert layout("no_pages") == {"wagtail_eventcal.W020"}


def test_the_example_site_passes():
    assert check_url_routing(None) == []

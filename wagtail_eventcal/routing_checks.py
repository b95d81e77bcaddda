"""System checks of the root URLconf: the calendar, its API and its sitemap
are reachable where the installation docs put them. A site that keeps
``path("", include(wagtail_urls))`` of ``wagtail start`` ahead of the
language-prefixed patterns answers 404 on ``/ja/events/`` with nothing
said: these checks say it at start-up."""

from django.conf import settings
from django.core.checks import Warning
from django.urls import (
    LocalePrefixPattern,
    Resolver404,
    URLPattern,
    URLResolver,
    get_resolver,
    resolve,
)
from django.utils import translation

DOCS = "docs/installation.md"


def check_url_routing(app_configs, **kwargs):
    return [*_pages_under_language_prefixes(), *_reachable_routes()]


def _pages_under_language_prefixes():
    """``/ja/`` must reach Wagtail's page serving through ``i18n_patterns``
    (the page path without the prefix), not a catch-all outside them."""
    problems = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            try:
                match = resolve(f"/{code}/")
            except Resolver404:
                match = None
        if match is None or match.url_name != "wagtail_serve":
            problems.append(
                Warning(
                    f"/{code}/ does not reach Wagtail's pages: the calendar is not served in "
                    f"{code}.",
                    hint=f"Include wagtail.urls inside i18n_patterns(…) ({DOCS}).",
                    id="wagtail_eventcal.W020",
                )
            )
        elif (match.args or ("",))[0].startswith(f"{code}/"):
            problems.append(
                Warning(
                    f"Wagtail's page serving is routed outside i18n_patterns ahead of the "
                    f"calendar: /{code}/events/ would look for a page at “{code}/events/” (404).",
                    hint=(
                        'Remove path("", include(wagtail_urls)) from the root urlpatterns (the '
                        f"one inside i18n_patterns serves every page) ({DOCS})."
                    ),
                    id="wagtail_eventcal.W021",
                )
            )
    return problems


def _reachable_routes():
    from .feeds.api import EventsAPIViewSet
    from .feeds.sitemaps import sitemap_view

    wanted = {
        "the events API": (
            lambda view: _view_class(view) is EventsAPIViewSet,
            'path("api/v2/", api_router().urls)',
        ),
        "the sitemap": (lambda view: view is sitemap_view, 'path("sitemap.xml", sitemap_view)'),
    }
    found = {name: [] for name in wanted}
    for route, view in _routes(get_resolver().url_patterns):
        for name, (is_it, _line) in wanted.items():
            if is_it(view):
                found[name].append(route)
    problems = []
    for name, (is_it, line) in wanted.items():
        if not found[name]:
            problems.append(
                Warning(
                    f"No URL serves {name}.",
                    hint=f"Add {line} to the root urlpatterns ({DOCS}).",
                    id="wagtail_eventcal.W022",
                )
            )
            continue
        path = "/" + found[name][0]
        try:
            served = resolve(path).func
        except Resolver404:
            served = None
        if served is None or not is_it(served):
            problems.append(
                Warning(
                    f"{path} ({name}) is answered by another view: a pattern ahead of it "
                    "(e.g. Wagtail's catch-all) takes it.",
                    hint=f"Put {line} before include(wagtail_urls) ({DOCS}).",
                    id="wagtail_eventcal.W023",
                )
            )
    return problems


def _view_class(view):
    return getattr(view, "cls", None)


def _routes(patterns, prefix=""):
    """(path, view) of every plain route outside ``i18n_patterns``; a
    regular-expression route is skipped (its path cannot be written out)."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if isinstance(pattern.pattern, LocalePrefixPattern):
                continue
            part = _plain(pattern.pattern)
            if part is not None:
                yield from _routes(pattern.url_patterns, prefix + part)
        elif isinstance(pattern, URLPattern):
            part = _plain(pattern.pattern)
            if part is not None:
                yield prefix + part, pattern.callback


def _plain(pattern):
    text = str(pattern)
    if "<" in text:
        return None
    text = text.removeprefix("^").removesuffix("$")
    if any(char in text for char in "()[]?*+\\|{}"):
        return None
    return text

"""The admin wiring of proxy delegation (registered in wagtail_hooks.py)."""

from urllib.parse import urlsplit

from django.shortcuts import redirect
from django.urls import Resolver404, include, path, resolve, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.widgets import Button

from ..models import EventPage
from . import service as rules
from . import urls as delegation_urls
from .access import PROXY_ALLOW_LIST, is_proxy_only
from .dashboard import DelegatedEventsPanel
from .views import sees_all_delegations


def admin_urls():
    return [path("eventcal/delegations/", include(delegation_urls))]


class DelegationsMenuItem(MenuItem):
    def is_shown(self, request):
        from ..roles.reach import enters_events

        user = request.user
        if sees_all_delegations(user):
            return True
        # A member of a company or association may not delegate: shown only
        # when delegations were made to them.
        return rules.may_use_delegations(user) and (
            enters_events(user) or bool(rules.delegated_event_ids(user))
        )


def menu_item():
    return DelegationsMenuItem(
        _("Proxy delegations"),
        reverse("wagtail_eventcal_delegations:index"),
        name="eventcal-delegations",
        icon_name="user",
        order=310,
    )


def page_header_buttons(page, user, view_name=None, next_url=None):
    if page.specific_class is EventPage and rules.can_delegate(user, page):
        yield Button(
            _("Proxy delegations"),
            reverse("wagtail_eventcal_delegations:index") + f"?event={page.pk}",
            icon_name="user",
            priority=90,
        )


def narrow_page_chooser(pages, request):
    if is_proxy_only(request.user):
        return pages.filter(pk__in=rules.delegated_event_ids(request.user))
    return pages


def add_dashboard_panel(request, panels):
    if rules.delegated_event_ids(request.user):
        panels.insert(0, DelegatedEventsPanel(request.user))


def narrow_main_menu(request, menu_items):
    """``construct_main_menu``: a proxy's menu offers only what it may open
    (the rest would answer 403)."""
    if is_proxy_only(request.user):
        menu_items[:] = [item for item in menu_items if _allow_listed(item)]


def install_search_guard():
    """Hide from a proxy the admin search areas it may not open (called once
    from ``AppConfig.ready``).

    Wagtail's sidebar shows a search box for the first search area whose
    ``is_shown()`` is true. The pages area is shown to anyone with a page
    permission — a proxy has one (its event) — but the search view answers a
    proxy 403. No hook filters the sidebar's areas (``construct_search`` runs
    on the search page only), so the one method both use is wrapped, and it
    drops what :func:`narrow_main_menu` drops from the menu."""
    from wagtail.admin.search import admin_search_areas

    original = admin_search_areas.search_items_for_request
    if getattr(original, "eventcal_proxy_guard", False):
        return

    def search_items_for_request(request):
        items = original(request)
        if is_proxy_only(request.user):
            items = [item for item in items if _allow_listed(item)]
        return items

    search_items_for_request.eventcal_proxy_guard = True
    admin_search_areas.search_items_for_request = search_items_for_request


def _allow_listed(menu_item):
    url = getattr(menu_item, "url", None)
    if not url:
        return False  # a submenu (reports, settings)
    try:
        return resolve(urlsplit(url).path).view_name in PROXY_ALLOW_LIST
    except Resolver404:
        return False


def keep_proxy_in_reach(request, page):
    """``after_edit_page`` (run last): Wagtail sends the editor to the
    parent's explorer after submitting, which a proxy may not open; its
    dashboard lists its events instead. Other actions stay as Wagtail has them."""
    if "action-submit" not in request.POST or not is_proxy_only(request.user):
        return None
    if get_valid_next_url_from_request(request):
        return None
    return redirect("wagtailadmin_home")

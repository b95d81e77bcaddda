"""The admin wiring of "each role sees only what it can use" (registered in
wagtail_hooks.py)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from ..conf import get_setting
from ..delegation.access import is_proxy_only
from .reach import is_outsider
from .views import EnteringEventsView

#: Wagtail's menu items that serve only those who enter events.
EVENT_ENTRY_MENU_ITEMS = ("images", "documents")


def admin_urls():
    return [
        path(
            "eventcal/entering-events/",
            EnteringEventsView.as_view(),
            name="wagtail_eventcal_entering_events",
        )
    ]


class EnteringEventsMenuItem(MenuItem):
    def is_shown(self, request):
        return is_outsider(request.user)


def menu_item():
    return EnteringEventsMenuItem(
        _("Entering events"),
        reverse("wagtail_eventcal_entering_events"),
        name="eventcal-entering-events",
        icon_name="help",
        order=240,
    )


def narrow_main_menu(request, menu_items):
    """``construct_main_menu``: who may not enter events gets no image or
    document library (they exist for events)."""
    if is_outsider(request.user):
        menu_items[:] = [item for item in menu_items if item.name not in EVENT_ENTRY_MENU_ITEMS]


class EnteringEventsPanel(Component):
    name = "eventcal_entering_events"
    template_name = "wagtail_eventcal/admin/roles/dashboard_panel.html"
    order = 60

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["secretariat"] = get_setting("SECRETARIAT")
        return context


def dashboard_panels(request, panels):
    if is_outsider(request.user):
        panels.insert(0, EnteringEventsPanel())


def summary_items(request, items):
    """A proxy opens no page explorer, image or document library: its
    dashboard counts none of them (each would link to a 403)."""
    if is_proxy_only(request.user):
        items.clear()

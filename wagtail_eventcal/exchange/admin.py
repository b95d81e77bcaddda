"""What wagtail_hooks.py wires for import and duplicates: the admin URLs,
the menu item, the duplicate warnings after a save and the reviewers'
"Possible duplicates" button."""

from django.contrib import messages
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from ..integers import ID
from ..models import EventPage
from .duplicates import Features, candidates, describe, warning_text
from .forms import importing_organizations
from .views import DuplicatesView, ImportJobView, ImportView, may_review

urlpatterns = [
    path("", ImportView.as_view(), name="import"),
    path(f"jobs/<{ID}:job_id>/", ImportJobView.as_view(), name="job"),
    path(f"duplicates/<{ID}:page_id>/", DuplicatesView.as_view(), name="duplicates"),
]


def admin_urls():
    return [path("eventcal/import/", include((urlpatterns, "wagtail_eventcal_exchange")))]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        # Drawn on every admin page: reviewers (a permission, already loaded)
        # cost no query; the calendars are checked when the view is opened.
        from ..roles.reach import enters_events

        user = request.user
        return enters_events(user) and importing_organizations(user).exists()


def menu_item():
    return ImportMenuItem(
        _("Import events"),
        reverse("wagtail_eventcal_exchange:import"),
        name="eventcal-import",
        icon_name="download",
        order=305,
    )


def _duplicates_of(page):
    latest = page.get_latest_revision_as_object() if page.pk else page
    return candidates(Features.of_event(latest), exclude=[page.pk])


def warn_after_save(request, page):
    """After a save in the admin: "this looks like 〈event〉 already
    submitted by 〈organization〉" (the submitter may still submit, with a
    reason)."""
    page = page.specific
    if not isinstance(page, EventPage):
        return
    for _score, other in _duplicates_of(page)[:3]:
        description = describe(other, request.user)
        text = warning_text(description)
        if description["url"]:
            text = format_html('<a href="{}">{}</a>', description["url"], text)
        messages.warning(request, text)


def page_header_buttons(page, user, view_name=None, next_url=None):
    if page.specific_class is EventPage and may_review(user) and _duplicates_of(page.specific):
        yield Button(
            _("Possible duplicates"),
            reverse("wagtail_eventcal_exchange:duplicates", args=[page.pk]),
            icon_name="copy",
            priority=80,
        )

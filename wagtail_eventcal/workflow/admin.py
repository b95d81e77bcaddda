"""Hook functions of the review (wired in ``wagtail_hooks.py``)."""

from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem

from ..integers import ID
from . import views
from .answer import AnswerConfirmationView
from .merge_views import MergeView
from .models import is_reviewer
from .url_checks import schedule_url_check


def admin_urls():
    patterns = [
        path("open/", views.OpenSubmissionsView.as_view(), name="open"),
        path(
            "open/results/",
            views.OpenSubmissionsView.as_view(results_only=True),
            name="open_results",
        ),
        path("turnaround/", views.TurnaroundView.as_view(), name="turnaround"),
        path("mine/", views.MySubmissionsView.as_view(), name="mine"),
        path("verdict/", views.LiveVerdictView.as_view(), name="verdict"),
        path(f"answer/<{ID}:page_id>/", AnswerConfirmationView.as_view(), name="answer"),
        # Merge event page_id (withdrawn) into event kept_id (issue 15, item 2).
        path(f"merge/<{ID}:page_id>/into/<{ID}:kept_id>/", MergeView.as_view(), name="merge"),
    ]
    return [path("eventcal/review/", include((patterns, "eventcal_review")))]


class ReviewerMenuItem(MenuItem):
    def is_shown(self, request):
        return is_reviewer(request.user)


class SubmitterMenuItem(MenuItem):
    def is_shown(self, request):
        from ..roles.reach import submits_events

        return submits_events(request.user)


def open_submissions_menu_item():
    return ReviewerMenuItem(
        _("Open submissions"), reverse("eventcal_review:open"), icon_name="tasks", order=50
    )


def turnaround_menu_item():
    return ReviewerMenuItem(
        _("Review turnaround"), reverse("eventcal_review:turnaround"), icon_name="time", order=51
    )


def my_submissions_menu_item():
    return SubmitterMenuItem(
        _("My submissions"), reverse("eventcal_review:mine"), icon_name="list-ul", order=250
    )


def check_detail_url_after_save(request, page):
    """after_create_page / after_edit_page: check the event's detail URL in
    the background (never blocks saving)."""
    from ..models import EventPage

    if isinstance(page, EventPage):
        schedule_url_check(page)


def admin_css():
    """insert_global_admin_css: overdue rows in the review listings."""
    return format_html(
        '<link rel="stylesheet" href="{}">', static("wagtail_eventcal/css/review_admin.css")
    )

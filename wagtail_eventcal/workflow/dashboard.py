"""Dashboard panels: open submissions for reviewers (soonest due first),
and for submitters their open submissions with the secretariat's contact.

A reviewer's dashboard is about the review: the site summary counts open
and overdue submissions instead of pages, and Wagtail's "Awaiting your
review" and "Your pages in a workflow" panels give way to ours, which lists
every open submission (issue 7 budgets the whole page at 15 queries)."""

from django.db.models import Count, Q, Window
from django.utils.functional import cached_property
from wagtail.admin.site_summary import PagesSummaryItem, SummaryItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views.home import (
    UserObjectsInWorkflowModerationPanel,
    WorkflowObjectsToModeratePanel,
)

from ..conf import get_setting
from ..roles.reach import enters_events
from ..rules import quotes
from .models import EventReviewTaskState, is_reviewer, today_in_japan
from .views import decorate, open_rounds

PANEL_SIZE = 10
REPLACED_FOR_REVIEWERS = (WorkflowObjectsToModeratePanel, UserObjectsInWorkflowModerationPanel)


class OpenSubmissions:
    """The soonest due open submissions with the totals, read once per
    request for the panel and the summary."""

    def __init__(self):
        self.today = today_in_japan()

    @classmethod
    def for_request(cls, request):
        if not hasattr(request, "_eventcal_open_submissions"):
            request._eventcal_open_submissions = cls()
        return request._eventcal_open_submissions

    @cached_property
    def _rounds(self):
        # The totals come with the first rows (window counts), not in queries of their own.
        return list(
            open_rounds()
            .annotate(
                total=Window(Count("pk")),
                total_overdue=Window(Count("pk", filter=Q(due_date__lt=self.today))),
            )
            .order_by("due_date", "started_at", "pk")[:PANEL_SIZE]
        )

    @property
    def total(self):
        return self._rounds[0].total if self._rounds else 0

    @property
    def overdue(self):
        return self._rounds[0].total_overdue if self._rounds else 0

    @cached_property
    def rows(self):
        return decorate(self._rounds, self.today)


class OpenSubmissionsPanel(Component):
    name = "eventcal_open_submissions"
    template_name = "wagtail_eventcal/admin/review/dashboard_reviewer.html"
    order = 90  # above Wagtail's own workflow panels

    def __init__(self, request):
        self.open_submissions = OpenSubmissions.for_request(request)

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["total"] = self.open_submissions.total
        context["rows"] = self.open_submissions.rows
        return context


class OpenSubmissionsSummaryItem(SummaryItem):
    order = 100  # where Wagtail's page count stands
    template_name = "wagtail_eventcal/admin/review/summary_item.html"

    def get_context_data(self, parent_context):
        open_submissions = OpenSubmissions.for_request(self.request)
        return {"total": open_submissions.total, "overdue": open_submissions.overdue}


class MyOpenSubmissionsPanel(Component):
    name = "eventcal_my_submissions"
    template_name = "wagtail_eventcal/admin/review/dashboard_submitter.html"
    order = 90

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        today = today_in_japan()
        rounds = (
            EventReviewTaskState.objects.filter(
                Q(submitted_by=self.user) | Q(workflow_state__requested_by=self.user),
                workflow_state__status__in=["in_progress", "needs_changes"],
            )
            .for_contexts()
            .order_by("workflow_state_id", "-started_at")
        )
        latest = {}
        for task_state in rounds:
            latest.setdefault(task_state.workflow_state_id, task_state)
        context["rows"] = decorate(latest.values(), today)
        context["secretariat"] = get_setting("SECRETARIAT")
        context["review_days"] = get_setting("REVIEW_BUSINESS_DAYS")
        context["note2"] = quotes.NOTE_2
        return context


def homepage_panels(request, panels):
    user = request.user
    if is_reviewer(user):
        panels[:] = [p for p in panels if not isinstance(p, REPLACED_FOR_REVIEWERS)]
        panels.append(OpenSubmissionsPanel(request))
    elif enters_events(user) or EventReviewTaskState.objects.filter(submitted_by=user).exists():
        # One panel: Wagtail's "Your pages in a workflow" listed each
        # submission a second time, worded differently.
        panels[:] = [p for p in panels if not isinstance(p, UserObjectsInWorkflowModerationPanel)]
        panels.append(MyOpenSubmissionsPanel(user))


def homepage_summary_items(request, items):
    if is_reviewer(request.user):
        items[:] = [item for item in items if not isinstance(item, PagesSummaryItem)]
        items.append(OpenSubmissionsSummaryItem(request))

"""The review status shown on the event's edit form (submitters and
reviewers alike): the posting-rules verdict of the current draft, the
detail-URL check and the latest review round with the reviewer's comment."""

from wagtail.admin.panels import Panel

from .context import submission_context
from .models import EventReviewTaskState
from .rounds import verdict_for_event
from .url_checks import latest_check


def latest_round(page):
    if not page.pk:
        return None
    return (
        EventReviewTaskState.objects.for_instance(page)
        .select_related("workflow_state", "revision", "finished_by")
        .order_by("-started_at", "-pk")
        .first()
    )


class ReviewStatusPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "wagtail_eventcal/admin/review/status_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            event = self.instance
            context["saved"] = bool(event.pk)
            context["page_id"] = event.pk
            if event.pk:
                context["verdict"] = verdict_for_event(event)
                context["url_check"] = latest_check(event)
                task_state = latest_round(event)
                context["review"] = submission_context(task_state) if task_state else None
            return context

"""Wagtail's page views for events, with the review's refusals (issue 18)
told to the user as a message rather than as Wagtail's generic "you do not
have permission" redirect.

The rules themselves live where the state changes (``integrity.py``); these
views only serialise an event's POSTs (the page row lock held for the whole
request, so that two "submit" clicks or two decisions run one after the
other) and translate :class:`~.integrity.ReviewRefusal` into a message.
"""

from django.db import transaction
from django.shortcuts import redirect
from wagtail.admin import messages
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.views.pages.revisions import RevisionsRevertView
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.admin.viewsets.pages import PageViewSet

from ..models import EventPage
from .integrity import ReviewRefusal, check_submission, lock_page


class ReviewAwareEditMixin:
    """The edit form's POST in one transaction under the page's row lock."""

    def post(self, request, *args, **kwargs):
        try:
            with transaction.atomic():
                if request.POST.get("action-submit"):
                    # Re-checked under the lock: the first of two identical
                    # submissions has committed by the time the second gets here.
                    check_submission(self.page)
                else:
                    lock_page(self.page.pk)
                return super().post(request, *args, **kwargs)
        except ReviewRefusal as refusal:
            if self.expects_json_response:  # autosave
                return self.json_error_response("locked", str(refusal))
            messages.error(request, str(refusal))
            return redirect(self.get_edit_url())


class EventEditView(ReviewAwareEditMixin, EditView):
    pass


class EventRevisionsRevertView(ReviewAwareEditMixin, RevisionsRevertView):
    pass


class EventWorkflowActionView(WorkflowActionView):
    """A decision refused by ``EventReviewTask.on_action`` (another reviewer
    was first, or the event changed after it was submitted)."""

    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except ReviewRefusal as refusal:
            messages.error(request, str(refusal))
            if request.headers.get("x-requested-with") == "XMLHttpRequest":
                return self.render_modal_json(
                    request, {"step": "success", "redirect": self.redirect_url}
                )
            return redirect(self.redirect_url)


class EventPageViewSet(PageViewSet):
    model = EventPage
    edit_view_class = EventEditView
    revisions_revert_view_class = EventRevisionsRevertView
    workflow_action_view_class = EventWorkflowActionView
    # Only the event's own views: exploring a calendar keeps Wagtail's listing.
    parent_models = []


def register_viewset():
    """``register_admin_viewset`` hook."""
    return EventPageViewSet("eventcal_event_pages")

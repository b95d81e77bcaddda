"""The review status shown on the event's edit form (submitters and
reviewers alike): the posting-rules verdict of the current draft, the
detail-URL check and the latest review round with the reviewer's comment, a
question and its answer; for reviewers the relevance checklist (rules 1-4)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, Panel, PublishingPanel

from ..rules import quotes
from . import checklist
from .answer import answer_url, may_answer
from .context import submission_context
from .models import REVIEW_PERMISSION, Decision, EventReviewTaskState, is_reviewer
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
            if not event.pk and not is_reviewer(self.request.user):
                # Overview note ※2, where submitters start a new event.
                context["note2"] = quotes.NOTE_2
            if event.pk:
                context["verdict"] = verdict_for_event(event)
                context["url_check"] = latest_check(event)
                task_state = latest_round(event)
                context["review"] = submission_context(task_state) if task_state else None
                context.update(self._question_and_checklist(event, task_state))
            return context

        def _question_and_checklist(self, event, task_state):
            user = self.request.user
            extra = {"checklist": checklist.ITEMS if is_reviewer(user) else ()}
            if task_state is not None:
                extra["confirmed"] = checklist.confirmed_items(task_state.checklist)
                if (
                    task_state.decision == Decision.REQUEST_CONFIRMATION
                    and task_state.workflow_state.status == "needs_changes"
                    and may_answer(user, event)
                ):
                    extra["answer_url"] = answer_url(event)
            return extra


def reviewer_only(panel):
    """``panel`` with each of its fields restricted to reviewers: Wagtail
    leaves a field without the permission out of the user's form (its posted
    value is ignored), and hides a group with nothing to show. The permission
    must sit on every ``FieldPanel``; on a group it would only hide it."""
    kwargs = panel.clone_kwargs()
    if isinstance(panel, FieldPanel):
        return type(panel)(**{**kwargs, "permission": REVIEW_PERMISSION})
    kwargs["children"] = [reviewer_only(child) for child in panel.children]
    return type(panel)(**{**kwargs, "permission": REVIEW_PERMISSION})


def reviewer_only_promote_panels():
    """Wagtail's Promote tab with the SEO title, search description and menus
    for reviewers only: none of it is part of what a reviewer reads, yet it is
    published with the approval (issue 18). The slug stays in everyone's form
    (Wagtail's create view and its autosave expect it); changing the address
    of a published event is refused by ``integrity.check_new_revision``."""
    return [
        MultiFieldPanel(
            [
                FieldPanel("slug"),
                reviewer_only(FieldPanel("seo_title")),
                reviewer_only(FieldPanel("search_description")),
            ],
            _("For search engines"),
        ),
        reviewer_only(MultiFieldPanel([FieldPanel("show_in_menus")], _("For site menus"))),
    ]


def reviewer_only_settings_panels(page_settings_panels):
    """Wagtail's Settings tab with go-live and expiry for reviewers only:
    the secretariat decides when an approved event goes online and off."""
    return [reviewer_only(PublishingPanel()), *page_settings_panels[1:]]

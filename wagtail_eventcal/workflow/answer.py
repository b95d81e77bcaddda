"""Answering a confirmation request (「確認」) with a message (issue 12, item 3).

A confirmation request asks the submitter something; the answer may need no
change to the event. The submitter (or the proxy) answers with a message —
after saving edits as a draft if they want to change the event too — and
the answer resubmits: the review resumes with a new receipt, which carries
the question and the answer so that the reviewer reads them side by side
(dashboard, review screen, history) and in the resubmission mail.

A return (「差戻」) asks for changes: it is answered by editing and
resubmitting the event, never by a message alone.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.log_actions import LogFormatter
from wagtail.models import PageLogEntry, WorkflowState

from .forms import AnswerForm
from .models import Decision

#: The page history entry of an answer (question and answer in its data).
ANSWER_ACTION = "eventcal.confirmation_answered"
#: Set on the WorkflowState while it resumes, read by ``rounds.open_round``.
ANSWER_ATTR = "_eventcal_answer"


def open_question(page):
    """The round whose confirmation request awaits an answer, or None."""
    workflow_state = (
        WorkflowState.objects.for_instance(page)
        .filter(status=WorkflowState.STATUS_NEEDS_CHANGES)
        .select_related("current_task_state")
        .first()
    )
    if workflow_state is None or workflow_state.current_task_state is None:
        return None
    task_state = workflow_state.current_task_state.specific
    if getattr(task_state, "decision", "") != Decision.REQUEST_CONFIRMATION:
        return None
    return task_state


def may_answer(user, page):
    """Whoever may edit and submit the event (its submitters, a proxy)."""
    perms = page.permissions_for_user(user)
    return perms.can_edit() and perms.can_submit_for_moderation()


def answer_confirmation(page, user, answer):
    """Record ``answer`` and resubmit ``page``; returns the new round.
    Raises ValidationError when no question awaits an answer (a return
    needs a new version, not a message) and PermissionDenied when ``user``
    may not submit the event."""
    if not may_answer(user, page):
        raise PermissionDenied
    with transaction.atomic():
        # Locked so that two answers (or an answer and an edit) resume once.
        workflow_state = (
            WorkflowState.objects.for_instance(page)
            .select_for_update()
            .filter(status__in=[WorkflowState.STATUS_NEEDS_CHANGES])
            .first()
        )
        asked = workflow_state.current_task_state.specific if workflow_state else None
        if asked is None or asked.decision != Decision.REQUEST_CONFIRMATION:
            if asked is not None and asked.decision == Decision.RETURN:
                raise ValidationError(
                    _(
                        "The secretariat returned this event for changes: edit it and "
                        "resubmit it. A message alone does not answer a return."
                    ),
                    code="return",
                )
            raise ValidationError(
                _("No question of the secretariat is waiting for your answer."), code="none"
            )
        setattr(workflow_state, ANSWER_ATTR, answer)
        workflow_state.resume(user)
        PageLogEntry.objects.log_action(
            instance=page,
            action=ANSWER_ACTION,
            user=user,
            revision=page.get_latest_revision(),
            data={"question": asked.comment, "answer": answer},
        )
        workflow_state.refresh_from_db()
        return workflow_state.current_task_state.specific


class AnswerFormatter(LogFormatter):
    label = _("Confirmation answered")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        return _("Question: %(question)s — Answer: %(answer)s") % {
            "question": data.get("question", ""),
            "answer": data.get("answer", ""),
        }


def register_log_actions(actions):
    actions.register_action(ANSWER_ACTION)(AnswerFormatter)


def answer_url(page):
    return reverse("eventcal_review:answer", args=[page.pk])


class AnswerConfirmationView(WagtailAdminTemplateMixin, FormView):
    template_name = "wagtail_eventcal/admin/review/answer.html"
    form_class = AnswerForm
    page_title = _("Answer the secretariat's question")
    header_icon = "help"

    def dispatch(self, request, page_id):
        from ..models import EventPage

        self.page = get_object_or_404(EventPage, pk=page_id)
        if not may_answer(request.user, self.page):
            raise PermissionDenied
        self.asked = open_question(self.page)
        if self.asked is None:
            messages.error(
                request,
                _(
                    "No question of the secretariat is waiting for an answer on this event. "
                    "After a return, edit the event and resubmit it."
                ),
            )
            return redirect("wagtailadmin_pages:edit", self.page.pk)
        return super().dispatch(request, page_id)

    def get_page_subtitle(self):
        return self.page.title

    def get_breadcrumbs_items(self):
        # The slim header shows the last crumb as the screen's heading.
        return self.breadcrumbs_items + [
            {"url": reverse("wagtailadmin_pages:edit", args=[self.page.pk]), "label": self.page},
            {"url": "", "label": self.get_header_title()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(page=self.page, asked=self.asked, **kwargs)

    def form_valid(self, form):
        try:
            answer_confirmation(self.page, self.request.user, form.cleaned_data["answer"])
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Your answer was sent: “%(title)s” is back in review.") % {"title": self.page.title},
        )
        return redirect("wagtailadmin_pages:edit", self.page.pk)

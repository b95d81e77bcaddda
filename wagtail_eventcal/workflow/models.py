"""The review Task and its per-round TaskState, and the mail outbox.

One submission is one Wagtail ``WorkflowState``; every round of review
(first submission, each resubmission after a return) is one
:class:`EventReviewTaskState`, which carries its due date. "Return for
changes" and "request confirmation" are both a Wagtail *reject* (the only
transition to "needs changes"), told apart by :attr:`~EventReviewTaskState.decision`.
"""

import logging
from datetime import date

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.utils import DNS_NAME
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import Task, TaskState
from wagtail.models.workflows import BaseTaskStateManager, TaskStateQuerySet

from ..outbox import OutboxEntry
from ..rules import business_days
from ..rules.eligibility import Reason

logger = logging.getLogger(__name__)


class Decision(models.TextChoices):
    APPROVE = "approve", _("Approved and published")
    RETURN = "return", _("Returned for changes")
    REQUEST_CONFIRMATION = "request_confirmation", _("Confirmation requested")


#: Held by the reviewer group; superusers have every permission.
REVIEW_PERMISSION = "wagtail_eventcal.review_eventpage"


def is_reviewer(user):
    if not user or not user.is_authenticated or not user.is_active:
        return False
    return user.has_perm(REVIEW_PERMISSION)


class EventReviewTaskStateQuerySet(TaskStateQuerySet):
    def for_contexts(self):
        """The rounds with what :func:`~.context.submission_contexts` reads
        (page, revision, people, latest URL check) in their own query."""
        from .url_checks import with_latest_check

        rounds = self.select_related(
            "page", "revision", "workflow_state__requested_by", "submitted_by", "finished_by"
        )
        return with_latest_check(rounds, "page_id")


class EventReviewTaskState(TaskState):
    objects = BaseTaskStateManager.from_queryset(EventReviewTaskStateQuerySet)()

    # The reviewed page, also reachable through the revision's generic
    # relation; a real foreign key lets listings select it in their own query.
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    due_date = models.DateField(_("due"), null=True, blank=True)
    decision = models.CharField(_("decision"), max_length=32, choices=Decision.choices, blank=True)
    verdict_status = models.CharField(_("verdict"), max_length=16, blank=True)
    verdict_reasons = models.JSONField(_("verdict reasons"), default=list, blank=True)
    rule_revision = models.PositiveSmallIntegerField(_("rules revision"), null=True, blank=True)
    # Recorded when the round is decided, so that a later change of closure
    # dates (EXTRA_CLOSURE_DATES) never rewrites a past month's figures.
    days_taken = models.PositiveSmallIntegerField(
        _("business days to decision"), null=True, blank=True
    )
    # A receipt that answers a confirmation request: the question (copied
    # from the round that asked it) and the submitter's answer.
    question = models.TextField(_("question answered"), blank=True)
    answer = models.TextField(_("answer"), blank=True)
    # Codes of the relevance checklist (posting rules 1-4, note 1) the reviewer
    # confirmed with the decision; see workflow/checklist.py.
    checklist = models.JSONField(_("relevance checklist confirmed"), default=list, blank=True)

    class Meta:
        verbose_name = _("event review")
        verbose_name_plural = _("event reviews")

    def reasons(self):
        return [Reason(**data) for data in self.verdict_reasons]

    def get_verdict_status_display(self):
        from ..rules.eligibility import status_label

        return status_label(self.verdict_status)

    def business_days_left(self, today=None):
        """Business days until the due date; negative once overdue."""
        if self.due_date is None:
            return None
        today = today or timezone.localdate()
        if today <= self.due_date:
            return business_days.business_days_between(today, self.due_date)
        return -business_days.business_days_between(self.due_date, today)

    def is_overdue(self, today=None):
        today = today or timezone.localdate()
        return (
            self.status == self.STATUS_IN_PROGRESS
            and self.due_date is not None
            and self.due_date < today
        )

    def business_days_taken(self):
        """Business days from receipt to decision (the turnaround): as
        recorded at the decision, else counted now."""
        if not self.finished_at:
            return None
        if self.days_taken is not None:
            return self.days_taken
        return business_days.business_days_between(
            business_days.local_date(self.started_at), business_days.local_date(self.finished_at)
        )

    def within_target(self):
        """Answered within REVIEW_BUSINESS_DAYS business days of receipt."""
        from ..conf import get_setting

        taken = self.business_days_taken()
        return None if taken is None else taken <= get_setting("REVIEW_BUSINESS_DAYS")

    def save(self, *args, **kwargs):
        if self.finished_at and self.days_taken is None and self.decision:
            self.days_taken = self.business_days_taken()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "days_taken"}
        return super().save(*args, **kwargs)

    def get_comment(self):
        # Shown in the page history: say which kind of "reject" this was.
        # Both languages: the history is read by Japanese and English speakers.
        if self.decision in (Decision.RETURN, Decision.REQUEST_CONFIRMATION):
            labels = []
            for language in ("ja", "en"):
                with translation.override(language):
                    labels.append(str(self.get_decision_display()))
            return f"{' / '.join(labels)}: {self.comment}"
        return self.comment


class EventReviewTask(Task):
    """Review by the secretariat (the reviewer group): approve and publish,
    return for changes, or request confirmation."""

    task_state_class = EventReviewTaskState

    class Meta:
        verbose_name = _("event review task")
        verbose_name_plural = _("event review tasks")

    @classmethod
    def get_description(cls):
        return _(
            "Members of the reviewer group check the event against the posting rules and "
            "publish it, return it for changes or ask the submitter to confirm something."
        )

    def start(self, workflow_state, user=None):
        from .notifications import notify_submitted
        from .rounds import open_round

        task_state = super().start(workflow_state, user=user)
        open_round(task_state.specific, user)
        notify_submitted(task_state.specific)
        return task_state

    def user_can_access_editor(self, obj, user):
        return is_reviewer(user)

    def locked_for_user(self, obj, user):
        return not is_reviewer(user)

    def user_can_lock(self, obj, user):
        return is_reviewer(user)

    def get_actions(self, obj, user):
        if not is_reviewer(user):
            return []
        return [
            # Wagtail appends " and Publish" to the last task's approve label itself.
            # A modal: the relevance checklist is confirmed with the decision.
            ("approve", _("Approve"), True),
            (Decision.RETURN.value, _("Return for changes"), True),
            (Decision.REQUEST_CONFIRMATION.value, _("Request confirmation"), True),
        ]

    def get_form_for_action(self, action):
        from .forms import ApproveForm, ConfirmationForm, ReturnForm

        return {
            Decision.RETURN: ReturnForm,
            Decision.REQUEST_CONFIRMATION: ConfirmationForm,
        }.get(action, ApproveForm)

    def get_template_for_action(self, action):
        # Wagtail's modal markup, with the dialog named, fields in list items
        # and errors referenced and summarised (issue 19).
        return "wagtail_eventcal/admin/review/action_modal.html"

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if is_reviewer(user):
            return self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        return TaskState.objects.none()

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        """Record the decision; Wagtail logs it in the history. Returns None
        (the admin uses the return value as a redirect URL).

        The round is re-read under its row lock: of two reviewers deciding at
        once, the second finds it decided and is refused (``AlreadyDecided``,
        shown by ``page_views``), so one decision and one mail stand. An
        approval is refused when the event changed after it was submitted."""
        from .integrity import check_decision, lock_round
        from .notifications import notify_decision

        if action_name not in Decision.values:
            return None
        task_state = task_state.specific
        form_class = self.get_form_for_action(action_name)
        form = form_class(form_class.data_from(kwargs))
        if not form.is_valid():
            # Only reachable by a hand-made POST: the admin's modal validates first.
            logger.warning("Refused %s on review %s: %s", action_name, task_state.pk, form.errors)
            return None
        task_state = lock_round(task_state)
        check_decision(
            task_state, action_name, publish_ended=form.cleaned_data.get("publish_ended", False)
        )
        comment = form.cleaned_data["comment"]
        task_state.decision = action_name
        task_state.checklist = form.cleaned_data.get("checklist", [])
        if action_name == Decision.APPROVE:
            task_state.approve(user=user, comment=comment)
        else:
            task_state.reject(user=user, comment=comment)
        notify_decision(task_state)
        return None


class Notification(OutboxEntry):
    """One mail to one recipient, in the stored outbox (``outbox.py``): a
    failing mail backend can never lose it; ``eventcal_send_mail`` retries."""

    kind = models.CharField(_("kind"), max_length=32)
    recipient = models.EmailField(_("recipient"))
    language = models.CharField(_("language"), max_length=8)
    subject = models.CharField(_("subject"), max_length=255)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"))
    task_state = models.ForeignKey(
        EventReviewTaskState,
        verbose_name=_("review"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notifications",
    )
    # Makes sending idempotent where it matters (one overdue reminder a day).
    dedupe_key = models.CharField(max_length=128, null=True, blank=True, unique=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.kind} → {self.recipient}"

    def send(self):
        message = EmailMultiAlternatives(
            self.subject,
            self.body_text,
            to=[self.recipient],
            headers={"Message-ID": self.message_id()},
        )
        message.attach_alternative(self.body_html, "text/html")
        message.send()

    def message_id(self):
        """The same for every attempt: a mail sent twice (a worker killed
        before it recorded the first) is recognisably one message."""
        stamp = self.created_at.strftime("%Y%m%d%H%M%S")
        return f"<eventcal-notification-{self.pk}.{stamp}@{DNS_NAME}>"


def today_in_japan() -> date:
    return business_days.local_date(timezone.now())


def scheduled_go_live(page):
    """When an approved revision of ``page`` is to go live ("scheduled
    publishing": approving a revision whose go-live date is in the future
    schedules it instead of publishing it), or None."""
    revision = page.revisions.filter(approved_go_live_at__isnull=False).order_by("-pk").first()
    return revision.approved_go_live_at if revision else None

"""Which review actions each role meets on an event, and what the admin
says after a decision (issue 14).

A reviewer publishes an event under review *through* the review (Approve),
never around it with Wagtail's plain "Publish" (which would cancel the
review unseen). A submitter resubmits after a return; restarting or
cancelling the review is not theirs to do. Both are removed from the
action menu and refused where the edit view would act on them."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.action_menu import SubmitForModerationMenuItem

from ..dates import format_datetime
from .models import (
    Decision,
    EventReviewTaskState,
    Notification,
    is_reviewer,
    scheduled_go_live,
)

#: Action-menu items (their POST keys) a role may not use on an event.
REVIEWER_HIDDEN = ("action-publish",)
SUBMITTER_HIDDEN = ("action-restart-workflow", "action-cancel-workflow")


def _is_event(page):
    from ..models import EventPage

    return isinstance(page, EventPage)


def _under_review(page):
    state = page.current_workflow_state if page.pk else None
    return state is not None


def hidden_actions(page, user):
    if not _is_event(page) or not _under_review(page):
        return ()
    return REVIEWER_HIDDEN if is_reviewer(user) else SUBMITTER_HIDDEN


class SubmitForReviewMenuItem(SubmitForModerationMenuItem):
    """Wagtail labels the button with the workflow's name ("Submit to 事務局審査
    / Secretariat review"); an event is submitted *for review*, in the
    admin's language."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        page = context.get("page")
        state = page.current_workflow_state if page and page.pk else None
        if state is not None and state.status == state.STATUS_NEEDS_CHANGES:
            context["label"] = _("Resubmit for review")
        else:
            context["label"] = _("Submit for review")
        return context


def _event_form(request, page):
    """The edit form of an event, or the create form of one (which has no
    page yet: the URL names the model)."""
    if page is not None:
        return _is_event(page)
    kwargs = request.resolver_match.kwargs if request.resolver_match else {}
    return (kwargs.get("content_type_app_name"), kwargs.get("content_type_model_name")) == (
        "wagtail_eventcal",
        "eventpage",
    )


def trim_action_menu(menu_items, request, context):
    """construct_page_action_menu: drop the items of :func:`hidden_actions`;
    the submit button of an event says "Submit for review"."""
    page = context.get("page")
    if page is not None:
        hidden = hidden_actions(page, request.user)
        menu_items[:] = [item for item in menu_items if item.name not in hidden]
    if _event_form(request, page):
        menu_items[:] = [
            SubmitForReviewMenuItem(order=item.order)
            if type(item) is SubmitForModerationMenuItem
            else item
            for item in menu_items
        ]


def refuse_hidden_actions(request, page):
    """before_edit_page: a POST of a hidden action changes nothing."""
    if request.method != "POST":
        return None
    pressed = [name for name in hidden_actions(page, request.user) if request.POST.get(name)]
    if not pressed:
        return None
    if is_reviewer(request.user):
        message = gettext(
            "This event is under review: publish it with “Approve” in the review "
            "so that the submitter is told."
        )
    else:
        message = gettext(
            "Only the secretariat can restart or cancel a review. "
            "To send your changes, use “Resubmit”."
        )
    messages.error(request, message)
    return redirect("wagtailadmin_pages:edit", page.pk)


def _organizations_of(user):
    from ..models import Organization

    return list(Organization.objects.filter(members=user).order_by("name_ja"))


#: (decision, mailed) → the confirmation after a decision.
CONFIRMATIONS = {
    (Decision.RETURN, True): _(
        "Returned to %(organization)s staff (%(people)s); they have been notified by mail."
    ),
    (Decision.RETURN, False): _(
        "Returned to %(organization)s staff (%(people)s); no mail was sent (no e-mail address)."
    ),
    (Decision.REQUEST_CONFIRMATION, True): _(
        "Confirmation requested from %(organization)s staff (%(people)s); "
        "they have been notified by mail."
    ),
    (Decision.REQUEST_CONFIRMATION, False): _(
        "Confirmation requested from %(organization)s staff (%(people)s); "
        "no mail was sent (no e-mail address)."
    ),
    (Decision.APPROVE, True): _(
        "Approved and published; %(organization)s staff (%(people)s) have been notified by mail."
    ),
    (Decision.APPROVE, False): _(
        "Approved and published; no mail was sent to %(organization)s staff (%(people)s) "
        "(no e-mail address)."
    ),
    # Approving a revision with a future go-live date schedules it.
    ("scheduled", True): _(
        "Approved; scheduled to be published on %(when)s (JST). %(organization)s staff "
        "(%(people)s) have been notified by mail."
    ),
    ("scheduled", False): _(
        "Approved; scheduled to be published on %(when)s (JST). No mail was sent to "
        "%(organization)s staff (%(people)s) (no e-mail address)."
    ),
}


def decision_confirmation(task_state):
    """What happened and who was told, e.g. "Returned to 経済産業省 staff
    (Hanako); they have been notified by mail." """
    submitter = task_state.submitted_by or task_state.workflow_state.requested_by
    people = (submitter.get_full_name() or submitter.get_username()) if submitter else ""
    names = [str(o.name) for o in _organizations_of(submitter)] if submitter else []
    mailed = Notification.objects.filter(task_state=task_state, kind=task_state.decision).exists()
    scheduled_at = (
        scheduled_go_live(task_state.page) if task_state.decision == Decision.APPROVE else None
    )
    outcome = "scheduled" if scheduled_at else task_state.decision
    return CONFIRMATIONS[(outcome, mailed)] % {
        "when": format_datetime(scheduled_at),
        # Japanese lists take "、" (the translation of ", ").
        "organization": pgettext("list separator", ", ").join(names)
        or gettext("the submitter's organization"),
        "people": people,
    }


def confirm_decision(request, page):
    """after_edit_page: replace nothing, add the explicit confirmation of a
    review decision made from the edit view."""
    if not (
        _is_event(page)
        and request.POST.get("action-workflow-action")
        and request.POST.get("workflow-action-name") in Decision.values
    ):
        return
    task_state = (
        EventReviewTaskState.objects.for_instance(page)
        .filter(finished_by=request.user)
        .exclude(decision="")
        .select_related("submitted_by", "workflow_state__requested_by")
        .order_by("-finished_at", "-pk")
        .first()
    )
    if task_state is not None:
        messages.success(request, decision_confirmation(task_state))

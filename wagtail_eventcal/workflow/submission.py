"""Submitting an event: the verdict of what is in the admin form, and the
refusal of an ineligible submission (with its reasons)."""

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import JsonResponse
from django.utils.translation import gettext

from ..rules.eligibility import INELIGIBLE
from .rounds import verdict_for_event

#: POST keys of the admin edit view that (re)submit for review.
SUBMIT_ACTIONS = ("action-submit", "action-restart-workflow")
#: The error code of a refusal (the reason is in the message).
REFUSAL_CODE = "eventcal_ineligible"


def is_submission(form):
    return any(form.data.get(action) for action in SUBMIT_ACTIONS)


def form_participations(form):
    """``[(organization, role)]`` as entered in the inline formset."""
    formset = form.formsets.get("participations")
    kept = [f.cleaned_data for f in formset.forms if f.cleaned_data]
    return [
        (data["organization"], data["role"])
        for data in kept
        if data.get("organization") and not data.get("DELETE")
    ]


def refuse_ineligible_submission(form):
    """Add the ineligible reasons as form errors when ``form`` (an
    EventPageForm, after its instance was updated) is being submitted."""
    if not is_submission(form) or form.errors:
        return
    formset = form.formsets.get("participations")
    if formset is None or not formset.is_valid():
        return
    verdict = verdict_for_event(form.instance, participations=form_participations(form))
    for reason in verdict.reasons:
        if reason.status == INELIGIBLE:
            form.add_error(
                None,
                ValidationError(
                    gettext("This event cannot be submitted: %(reason)s"),
                    code=REFUSAL_CODE,
                    params={"reason": reason.message},
                ),
            )


def refusal_messages(form):
    """The refusal errors ``refuse_ineligible_submission`` added to ``form``."""
    return [
        message
        for error in form.non_field_errors().as_data()
        if error.code == REFUSAL_CODE
        for message in error.messages
    ]


def keep_refused_new_event_as_draft(request, parent_page, page_class):
    """before_create_page: a new event refused for the posting rules is kept
    as a draft (said so on its edit view) instead of re-rendering the create
    form. Re-rendered, the form was autosaved by Wagtail into a hidden draft
    on every attempt, and the next attempt from it then failed on the slug.

    Only when the refusal is the form's sole problem: the POST is then
    handled by Wagtail as "save draft" (action-submit dropped)."""
    from ..models import EventPage

    if request.method != "POST" or not issubclass(page_class, EventPage):
        return None
    if not request.accepts("text/html"):
        # Wagtail's autosave of the create form: it created a hidden draft
        # while the form went on posting to the create view, so the next
        # "submit" made a second event (or failed on the slug). A new event
        # is created only by an explicit save or submit; autosave starts on
        # its edit view.
        return JsonResponse(
            {
                "success": False,
                "error_code": "eventcal_save_first",
                "error_message": gettext("Save the draft once; autosave then keeps it."),
            },
            status=400,
        )
    if not request.POST.get("action-submit"):
        return None
    form_class = page_class.get_edit_handler().get_form_class()
    page = page_class(owner=request.user)
    form = form_class(
        request.POST, request.FILES, instance=page, parent_page=parent_page, for_user=request.user
    )
    if form.is_valid():
        return None
    refusals = refusal_messages(form)
    if not refusals or len(form.non_field_errors()) != len(refusals) or _field_errors(form):
        return None
    as_draft = request.POST.copy()
    del as_draft["action-submit"]
    request.POST = as_draft
    request._eventcal_refusals = refusals
    return None


def _field_errors(form):
    if any(name != NON_FIELD_ERRORS for name in form.errors):
        return True
    return any(not formset.is_valid() for formset in form.formsets.values())


def announce_refused_draft(request, page):
    """after_create_page: say that the event was saved as a draft and why
    it was not submitted."""
    refusals = getattr(request, "_eventcal_refusals", None)
    if not refusals:
        return
    messages.error(
        request,
        gettext(
            "“%(title)s” was saved as a draft and NOT submitted for review. "
            "Change what is listed below, then submit it again."
        )
        % {"title": page.get_admin_display_title()},
    )
    for refusal in refusals:
        messages.error(request, refusal)

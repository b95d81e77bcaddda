"""Submitting an event: the verdict of what is in the admin form, and the
refusal of an ineligible submission (with its reasons)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from ..rules.eligibility import INELIGIBLE
from .rounds import verdict_for_event

#: POST keys of the admin edit view that (re)submit for review.
SUBMIT_ACTIONS = ("action-submit", "action-restart-workflow")


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
                    code=reason.code,
                    params={"reason": reason.message},
                ),
            )

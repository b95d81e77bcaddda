"""The secretariat publishes exactly what it reviewed (issue 18).

Wagtail publishes a page's *latest* revision when its workflow is approved
(wagtail/wagtail#6249 keeps the approver's own edits), and several routes
create revisions without asking the workflow lock (the admin API's
``revert_to_page_revision`` action, autosave overwriting a revision, a site
that mounts Wagtail's API v3 …). So the rules are enforced where the state
changes, not per view:

- :func:`check_new_revision` runs inside ``EventPage.save_revision``, the
  one method every route goes through: while an event is in review only a
  reviewer may create (or overwrite) a revision of it.
  A withdrawn event (merged into another by a reviewer, ``merge.py``)
  takes no revision but a reviewer's.
- :func:`check_decision` runs inside the decision, with the round's row
  locked: a round is decided once, and an approval is refused when the
  event changed after it was submitted by anyone but a reviewer, or when it
  has ended in the meantime and the reviewer did not confirm publishing it.

Every refusal is a :class:`~django.core.exceptions.PermissionDenied`
subclass whose message the admin views show (``workflow/page_views.py``).
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, WorkflowState

from .models import EventReviewTaskState, is_reviewer


class ReviewRefusal(PermissionDenied):
    """A change refused because of the review; ``str()`` is for the user."""

    message = ""

    def __init__(self, message=None):
        super().__init__(str(message or self.message))


class InReview(ReviewRefusal):
    message = _(
        "This event is being reviewed by the secretariat: it cannot be changed until the "
        "review is decided. To change it now, cancel the submission first."
    )


class Withdrawn(ReviewRefusal):
    message = _(
        "The secretariat merged this event into another one and withdrew it: it can no "
        "longer be changed or submitted. Contact the secretariat if this is a mistake."
    )


class ReviewerOnlySettings(ReviewRefusal):
    message = _(
        "Only the secretariat sets when an event goes online and offline, the address of a "
        "published event, and its menu and search-engine settings."
    )


class AlreadySubmitted(ReviewRefusal):
    message = _(
        "This event has already been submitted and is waiting for the secretariat's review."
    )


class AlreadyDecided(ReviewRefusal):
    message = _(
        "Another reviewer has decided this submission in the meantime; your decision was "
        "not recorded. Reload the event to see its current state."
    )


class ChangedSinceSubmission(ReviewRefusal):
    message = _(
        "The event changed after it was submitted, so nothing was published. Review the "
        "current version, then decide again."
    )


class EndedInReview(ReviewRefusal):
    message = _(
        "This event ended while it was in review: the calendar lists planned events. "
        "Nothing was published. To publish it anyway, tick “Publish although the event has "
        "already ended” in the dialog; otherwise return it."
    )


def lock_page(page_id):
    """Take the page's row lock for the rest of the transaction: submissions,
    revisions and decisions of one event happen one after the other."""
    list(Page.objects.select_for_update().filter(pk=page_id).values_list("pk", flat=True))


def review_in_progress(page):
    return (
        WorkflowState.objects.for_instance(page)
        .filter(status=WorkflowState.STATUS_IN_PROGRESS)
        .exists()
    )


def is_withdrawn(page):
    """Merged into another event by a reviewer (``workflow.merge``)."""
    from ..models import EventMerge

    return EventMerge.objects.filter(withdrawn_id=page.pk).exists()


#: Published with an approval although no reviewer reads them (issue 18,
#: item 12): only reviewers set them (``workflow.panels`` leaves them out of
#: everyone else's form; this is the check on the revision itself).
REVIEWER_ONLY_FIELDS = (
    "go_live_at",
    "expire_at",
    "show_in_menus",
    "seo_title",
    "search_description",
)


def check_new_revision(page, user):
    """Called by ``EventPage.save_revision`` in its transaction: refuse a
    revision of an event in review unless ``user`` is a reviewer, and a
    change of the reviewer-only settings by anyone else."""
    if is_reviewer(user):
        return
    if page.pk is not None:
        lock_page(page.pk)
        if review_in_progress(page):
            raise InReview()
        if is_withdrawn(page):
            raise Withdrawn()
    if user is not None:  # not site code such as a data import
        check_reviewer_only_settings(page)


def check_reviewer_only_settings(page):
    latest = page.get_latest_revision() if page.pk else None
    before = latest.as_object() if latest else type(page)()
    fields = REVIEWER_ONLY_FIELDS
    if page.first_published_at:
        # A published event's address: a new slug moves it (the old URL only
        # redirects). A draft's slug is still its author's (a copy gets a new one).
        fields += ("slug",)
    if any(getattr(page, name) != getattr(before, name) for name in fields):
        raise ReviewerOnlySettings()


def check_submission(page):
    """Refuse to submit an event that is already in review (a second
    "submit" POST racing the first one). Call inside a transaction."""
    lock_page(page.pk)
    if review_in_progress(page):
        raise AlreadySubmitted()


@transaction.atomic
def lock_round(task_state):
    """The round, re-read under its row lock (and the page's, taken first
    so that every path locks in the same order)."""
    lock_page(task_state.page_id or task_state.workflow_state.object_id)
    return EventReviewTaskState.objects.select_for_update().get(pk=task_state.pk)


def check_decision(task_state, action_name, *, publish_ended=False):
    """``task_state`` freshly locked (:func:`lock_round`): refuse a second
    decision on it, an approval of content that no reviewer saw, and one of
    an event that has ended unless the reviewer confirmed it
    (``publish_ended``)."""
    if (
        task_state.status != task_state.STATUS_IN_PROGRESS
        or task_state.workflow_state.status != WorkflowState.STATUS_IN_PROGRESS
    ):
        raise AlreadyDecided()
    if action_name != "approve":
        return
    if changed_since_submission(task_state):
        raise ChangedSinceSubmission()
    if not publish_ended and has_ended(task_state):
        raise EndedInReview()


def has_ended(task_state):
    """Whether the event approval would publish (the latest revision) is over."""
    page = task_state.page or Page.objects.get(pk=task_state.workflow_state.object_id)
    event = page.specific.get_latest_revision_as_object()
    end = getattr(event, "end", None)
    return end is not None and end < timezone.now()


def changed_since_submission(task_state):
    """True when what approval would publish (the latest revision) holds a
    change made after the round opened by someone who is not a reviewer: a
    later revision of theirs, or the submitted revision overwritten in place
    (autosave). A reviewer's own later edits are theirs to publish."""
    submitted = task_state.revision
    page = task_state.page or Page.objects.get(pk=task_state.workflow_state.object_id)
    later = page.revisions.filter(pk__gt=submitted.pk)
    authors = {revision.user for revision in later.select_related("user").only("user")}
    if submitted.created_at > task_state.started_at:
        authors.add(submitted.user)
    return any(not is_reviewer(author) for author in authors)

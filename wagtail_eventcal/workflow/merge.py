"""Merging two submissions of one event (issue 15, item 2).

Duplicate detection (``exchange.duplicates``) shows a reviewer two events
side by side; when they are one event (two co-organizers each submitted it),
the reviewer merges them: the *withdrawn* event's participating
organizations move onto the *kept* event, the withdrawn event leaves the
review and the calendar, both histories say so, and the withdrawn event's
organization is told by mail: its submitters, every member who may edit it,
its proxy and the official who delegated it.

Nothing surprises the reviewer: the screen offers the safe direction first
(``exchange.duplicates.safe_direction`` keeps the live, else the submitted,
else the older event), withdrawing a live event needs its own confirmation (checked here,
in :func:`merge`, whatever the form did), and the confirmation names which
organizations' staff gain edit and delegation rights on the kept event.

What "withdrawn" means here — Wagtail's own steps, nothing new:

- a review in progress or waiting for the submitter is cancelled
  (``WorkflowState.cancel``, logged by Wagtail);
- a live event is unpublished (``unpublish``, logged by Wagtail; feeds,
  webhooks and the open data follow its signal);
- an :class:`~wagtail_eventcal.models.EventMerge` row marks it: from then on
  only a reviewer can make a revision of it (``integrity.check_new_revision``),
  so it can neither be edited nor submitted again, the duplicate check no
  longer offers it and an import never updates it.

The kept event and review integrity (issue 18): the organizations are added
in a new revision by the reviewer, built on the kept event's latest
revision. That revision is published at once only when it holds nothing
else unreviewed — the event is live, not in review and has no pending
changes, so the new revision is exactly the live version plus the
organizations the reviewer confirmed. Otherwise it is *not* published: an
event in review gets it as a reviewer's edit, published with the review's
approval (``changed_since_submission`` lets a reviewer's own edit through);
a draft, or a live event with changes its submitter has not submitted yet,
keeps it as its latest draft for the next submission. A never-published
kept event also gets the organizations in its stored rows, so that staff of
the organizations moved onto it may open it at once.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from wagtail.log_actions import LogFormatter
from wagtail.models import PageLogEntry, WorkflowState

from .integrity import lock_page

#: Page history entries: on the kept event, on the withdrawn one.
MERGED_IN = "eventcal.merge_kept"
WITHDRAWN = "eventcal.merge_withdrawn"


class MergeRefused(ValidationError):
    """A merge that cannot be made; ``message`` is for the reviewer."""


# --- What a merge would do --------------------------------------------------


@dataclass
class MergePlan:
    kept: object  # EventPage
    withdrawn: object  # EventPage
    #: (organization, role) moved onto the kept event, in the withdrawn event's order.
    added: list = field(default_factory=list)
    #: organizations of the withdrawn event already taking part in the kept one.
    already: list = field(default_factory=list)
    #: "publish" (at once), "review" (with the review's approval) or "draft".
    kept_outcome: str = "draft"
    withdrawn_in_review: bool = False
    withdrawn_live: bool = False
    recipients: list = field(default_factory=list)
    #: added organizations that are public bodies: their staff may edit the
    #: kept event and delegate it once their participation is stored.
    gain_rights: list = field(default_factory=list)
    #: added organizations that are not: their members gain nothing (FAQ 2).
    gain_nothing: list = field(default_factory=list)

    def added_labels(self):
        return [_role_label(organization, role) for organization, role in self.added]

    @property
    def rights_now(self):
        """The added participations reach the stored rows (which rights
        read) at once when the kept event is published now or never was."""
        return self.kept_outcome == "publish" or not self.kept.first_published_at


def _role_label(organization, role):
    from ..choices import Role

    return pgettext("organization and its role", "%(name)s (%(role)s)") % {
        "name": organization.name,
        "role": Role(role).label,
    }


def open_review(page):
    return (
        WorkflowState.objects.for_instance(page)
        .filter(status__in=[WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES])
        .first()
    )


def refusal(kept, withdrawn):
    """Why ``withdrawn`` cannot be merged into ``kept`` (a message), or None."""
    from ..models import EventMerge

    if kept.pk == withdrawn.pk:
        return _("An event cannot be merged into itself.")
    merged = {
        merge.withdrawn_id: merge
        for merge in EventMerge.objects.filter(withdrawn_id__in=[kept.pk, withdrawn.pk])
    }
    if withdrawn.pk in merged:
        return _("“%(title)s” was already merged into another event and withdrawn.") % {
            "title": withdrawn.title
        }
    if kept.pk in merged:
        return _(
            "“%(title)s” was itself merged into another event and withdrawn: merge into "
            "that event instead."
        ) % {"title": kept.title}
    return None


def told_of_withdrawal(page):
    """Who is told that ``page`` was withdrawn: whoever submitted it (each
    round's submitter, the one who began the review), its owner, the proxy
    of an active delegation with the official who delegated, and every
    member of its public bodies (each may edit it)."""
    from ..models import Delegation, EventReviewTaskState, Organization

    people = []
    states = WorkflowState.objects.for_instance(page).select_related("requested_by")
    for state in states.order_by("-created_at"):
        people.append(state.requested_by)
    rounds = EventReviewTaskState.objects.filter(page=page).select_related("submitted_by")
    people.extend(task_state.submitted_by for task_state in rounds.order_by("-started_at"))
    people.append(page.owner)
    for delegation in (
        Delegation.objects.active().filter(event=page).select_related("delegate", "granted_by")
    ):
        people.extend([delegation.delegate, delegation.granted_by])
    bodies = Organization.objects.public_bodies().filter(participations__event_id=page.pk)
    for organization in bodies.prefetch_related("members").order_by("name_ja"):
        people.extend(sorted(organization.members.all(), key=lambda user: user.pk))
    seen, unique = set(), []
    for person in people:
        if person is not None and person.is_active and person.pk not in seen:
            seen.add(person.pk)
            unique.append(person)
    return unique


def plan(kept, withdrawn):
    """What merging ``withdrawn`` into ``kept`` does (shown on the
    confirmation, then done by :func:`merge`). Participations are read from
    each event's latest revision: what the reviewer sees side by side."""
    kept_latest = kept.get_latest_revision_as_object()
    theirs = withdrawn.get_latest_revision_as_object().participations.all()
    present = {p.organization_id for p in kept_latest.participations.all()}
    result = MergePlan(kept=kept, withdrawn=withdrawn)
    for participation in sorted(theirs, key=lambda p: (p.sort_order or 0, p.pk or 0)):
        if participation.organization_id in present:
            result.already.append(participation.organization)
        else:
            present.add(participation.organization_id)
            result.added.append((participation.organization, participation.role))
    in_review = open_review(kept) is not None
    if in_review:
        result.kept_outcome = "review"
    elif kept.live and not kept.has_unpublished_changes:
        result.kept_outcome = "publish"
    result.withdrawn_in_review = open_review(withdrawn) is not None
    result.withdrawn_live = withdrawn.live
    result.recipients = told_of_withdrawal(withdrawn)
    public = _public_body_ids([organization.pk for organization, _role in result.added])
    for organization, _role in result.added:
        (result.gain_rights if organization.pk in public else result.gain_nothing).append(
            organization
        )
    return result


def _public_body_ids(ids):
    from ..models import Organization

    return set(Organization.objects.public_bodies().filter(pk__in=ids).values_list("pk", flat=True))


# --- The merge -------------------------------------------------------------

UNCONFIRMED_LIVE = _(
    "“%(title)s” is published: confirm that it may leave the public site before merging it "
    "into the other event."
)


def _lock(*page_ids):
    """Both pages' row locks, in id order: two merges of the same pair in
    opposite directions wait for each other instead of deadlocking."""
    for page_id in sorted(page_ids):
        lock_page(page_id)


def merge(kept_id, withdrawn_id, user, comment="", withdraw_live=False):
    """Merge event ``withdrawn_id`` into event ``kept_id``; returns the
    :class:`MergePlan` carried out. Raises :class:`MergeRefused`, also
    when the withdrawn event is live and ``withdraw_live`` (the reviewer's
    second confirmation) is not given.

    One transaction under both pages' row locks, everything re-read inside
    it: of two simultaneous merges involving the same event, the second
    finds the first's ``EventMerge`` and is refused (and the one-to-one key
    would refuse a second row in any case). The mails are stored in the
    same transaction and sent after it commits (``outbox``): a mail server
    failure never undoes a merge."""
    from ..models import EventMerge, EventPage

    try:
        with transaction.atomic():
            _lock(kept_id, withdrawn_id)
            pages = EventPage.objects.in_bulk([kept_id, withdrawn_id])
            if kept_id not in pages or withdrawn_id not in pages:
                raise MergeRefused(_("One of the two events no longer exists."))
            kept, withdrawn = pages[kept_id], pages[withdrawn_id]
            reason = refusal(kept, withdrawn)
            if reason:
                raise MergeRefused(reason)
            if withdrawn.live and not withdraw_live:
                raise MergeRefused(UNCONFIRMED_LIVE % {"title": withdrawn.title})
            done = plan(kept, withdrawn)
            _add_participations(done, user)
            _withdraw(withdrawn, user)
            record = EventMerge.objects.create(
                kept=kept,
                withdrawn=withdrawn,
                merged_by=user,
                added=[{"organization": o.pk, "role": role} for o, role in done.added],
                comment=comment,
            )
            _log(record, done, user)
            from .merge_mail import notify_merged

            notify_merged(record, done)
            return done
    except IntegrityError as error:  # the one-to-one key: another merge was first
        raise MergeRefused(
            _("This event was already merged into another event and withdrawn.")
        ) from error


def _add_participations(done, user):
    from ..models import Participation

    kept = done.kept
    if not done.added:
        return
    latest = kept.get_latest_revision_as_object()
    order = max((p.sort_order or 0 for p in latest.participations.all()), default=-1)
    for n, (organization, role) in enumerate(done.added, start=order + 1):
        latest.participations.add(Participation(organization=organization, role=role, sort_order=n))
    revision = latest.save_revision(user=user, clean=False)
    if done.kept_outcome == "publish":
        revision.publish(user=user)
    elif not kept.first_published_at:
        # A never-published event: its rows are what permissions and lists
        # read (nothing public); keep them in step with the draft so that
        # staff of the organizations moved onto it may open it.
        rows = kept.participations.all()
        present = {p.organization_id for p in rows}
        last = max((p.sort_order or 0 for p in rows), default=0)
        Participation.objects.bulk_create(
            Participation(event=kept, organization=organization, role=role, sort_order=last + n)
            for n, (organization, role) in enumerate(done.added, start=1)
            if organization.pk not in present
        )


def _withdraw(withdrawn, user):
    state = open_review(withdrawn)
    if state is not None:
        state.cancel(user=user)
    if withdrawn.live:
        withdrawn.unpublish(user=user)


def _log(record, done, user):
    common = {
        "kept": {"id": record.kept_id, "title": done.kept.title},
        "withdrawn": {"id": record.withdrawn_id, "title": done.withdrawn.title},
        "added": [
            {"name_ja": o.name_ja, "name_en": o.name_en, "role": role} for o, role in done.added
        ],
        "kept_outcome": done.kept_outcome,
        "comment": record.comment,
    }
    PageLogEntry.objects.log_action(instance=done.kept, action=MERGED_IN, user=user, data=common)
    PageLogEntry.objects.log_action(
        instance=done.withdrawn, action=WITHDRAWN, user=user, data=common
    )


# --- History ------------------------------------------------------------------


def _organizations_text(data):
    from ..bilingual import pick
    from ..choices import Role

    def role(code):
        return Role(code).label if code in Role.values else code

    return pgettext("list separator", ", ").join(
        pgettext("organization and its role", "%(name)s (%(role)s)")
        % {
            "name": pick(item.get("name_ja", ""), item.get("name_en", "")),
            "role": role(item["role"]),
        }
        for item in data.get("added", [])
    )


class MergedInFormatter(LogFormatter):
    label = _("Duplicate merged in")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        withdrawn = data.get("withdrawn", {})
        added = _organizations_text(data) or _("none (all already took part)")
        return _(
            "“%(title)s” (id %(id)s) was merged into this event and withdrawn. "
            "Organizations added: %(added)s."
        ) % {"title": withdrawn.get("title", ""), "id": withdrawn.get("id", ""), "added": added}


class WithdrawnFormatter(LogFormatter):
    label = _("Withdrawn as a duplicate")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        kept = data.get("kept", {})
        return _(
            "Merged into “%(title)s” (id %(id)s) and withdrawn; its organizations were moved there."
        ) % {"title": kept.get("title", ""), "id": kept.get("id", "")}


def register_log_actions(actions):
    actions.register_action(MERGED_IN)(MergedInFormatter)
    actions.register_action(WITHDRAWN)(WithdrawnFormatter)

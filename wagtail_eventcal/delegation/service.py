"""Proxy entry (posting rule 6, FAQ 2): delegating one event to one user.

A delegation is a ``Delegation`` row (who, for whom, the two
acknowledgements, expiry) plus a django-guardian grant of
``change_eventpage`` on that one EventPage. Access needs both, checked at
request time: the grant alone (e.g. left behind by a missed expiry run) or an
expired delegation alone opens nothing.
"""

import string
from datetime import timedelta

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import CharField, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import UserObjectPermission
from guardian.shortcuts import assign_perm, remove_perm

from ..conf import get_setting
from ..dates import format_datetime
from ..models import Delegation, EventPage, Organization
from ..workflow.models import is_reviewer

GRANT = "wagtail_eventcal.change_eventpage"
_CACHE = "_eventcal_delegated_event_ids"


# --- Pure rules ------------------------------------------------------------


def default_expiry(event_end, days=None):
    """A delegation ends ``DELEGATION_EXPIRY_DAYS`` after the event ends:
    long enough to correct the page after the event, never open-ended. It is
    also the latest expiry an official may choose (:func:`check_expiry`)."""
    if days is None:
        days = get_setting("DELEGATION_EXPIRY_DAYS")
    return event_end + timedelta(days=days)


_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def normalise_email(address):
    """The form in which invited addresses are stored and compared, exactly
    (never ``iexact``: PostgreSQL's UPPER() folds U+017F 'ſ' to 'S', so a
    look-alike address would match another). Only the spaces around it are
    dropped and A-Z lowered: the mail goes to the address as typed, but for
    ASCII case; no Unicode folding (NFKC and casefold() turn 'ſ' into 's')."""
    return address.strip().translate(_ASCII_LOWER)


# --- Who may delegate --------------------------------------------------------


def is_reviewer_for(user, event):
    """Reviewers (publishers of the event) and superusers may delegate any
    event. Deliberately the plain Wagtail tester: a delegation never counts."""
    from wagtail.models import PagePermissionTester

    return user.is_active and PagePermissionTester(user, event).can_publish()


def delegating_organizations(user, event):
    """The participating public bodies ``user`` may delegate ``event`` for.

    FAQ 2: proxy entry happens at the request of a public body's staff
    member (同担当者からの依頼によって), who tells the proxy that it is proxy
    entry and for this event only. So only staff of a public body taking part
    in the event delegate, on that body's behalf — never staff of a company
    or association that takes part, and never the secretariat on its own
    (reviewers and superusers as such delegate nothing; they may revoke).
    Empty for anyone else, in particular for a proxy: what a delegation
    grants can never be delegated on (no re-delegation)."""
    if not user.is_authenticated or not user.is_active:
        return Organization.objects.none()
    participating = Organization.objects.filter(participations__event_id=event.pk, members=user)
    return participating.public_bodies().distinct().order_by("name_ja")


#: The refusal for someone with nothing to do with the event: the only one
#: that says nothing about the event itself.
NOT_INVOLVED = _("You may delegate only events in which your public body takes part.")
#: The refusal for a reviewer who is not a member of a participating public body.
NOT_ON_ITS_OWN = _(
    "The secretariat does not delegate events on its own: proxy entry is asked for by the "
    "staff of a public body taking part in the event, who tell the proxy that it is proxy "
    "entry for this event only (posting rule 6, FAQ 2). Ask them to delegate it."
)


def delegation_refusal(user, event):
    """Why ``user`` may not delegate ``event`` (a message), or None."""
    if delegating_organizations(user, event).exists():
        return None
    participating = Organization.objects.filter(participations__event_id=event.pk)
    if not participating.filter(members=user).exists():
        if user.is_active and is_reviewer_for(user, event):
            return NOT_ON_ITS_OWN
        return NOT_INVOLVED
    if not participating.public_bodies().exists():
        return _(
            "This event has no public body (ministry or agency, local government, "
            "incorporated administrative agency, chamber or society of commerce and "
            "industry, university) as organizer, co-organizer or supporter, so nobody can "
            "ask for proxy entry on its behalf (posting rule 6, FAQ 2). Add the public body "
            "first."
        )
    return _(
        "Only staff of a public body taking part in the event may ask for proxy entry "
        "(posting rule 6, FAQ 2); staff of a company or association that takes part "
        "may not. Ask the public body's staff to delegate it."
    )


def can_delegate(user, event):
    return delegating_organizations(user, event).exists()


def can_revoke(user, event):
    """Those who may delegate ``event``, and the secretariat: ending a
    proxy's access needs no request from the body."""
    return can_delegate(user, event) or (user.is_active and is_reviewer_for(user, event))


# --- Granting and revoking ---------------------------------------------------


def check_delegation(event, delegate, granted_by, organization, expires_at, now):
    """Raise ValidationError unless ``granted_by`` may delegate ``event`` to
    ``delegate`` for ``organization`` until ``expires_at``."""
    check_may_delegate(event, granted_by, organization)
    check_expiry(event, expires_at, now)
    check_delegate(event, delegate, granted_by, now)


def check_may_delegate(event, granted_by, organization):
    refusal = delegation_refusal(granted_by, event)
    if refusal is not None:
        raise ValidationError(refusal, code="not_allowed")
    if not delegating_organizations(granted_by, event).filter(pk=organization.pk).exists():
        raise ValidationError(
            _("You may not delegate this event on behalf of this organization."),
            code="not_allowed",
        )


def check_expiry(event, expires_at, now):
    """In the future, and at most ``DELEGATION_EXPIRY_DAYS`` after the event's
    end (no open-ended delegation, issue 18 item 6)."""
    if expires_at <= now:
        raise ValidationError(_("The expiry must be in the future."), code="expiry_past")
    latest = default_expiry(event.end)
    if expires_at > latest:
        raise ValidationError(
            _(
                "A delegation ends at the latest %(days)s days after the event ends: "
                "%(latest)s (JST)."
            ),
            code="expiry_too_late",
            params={"days": get_setting("DELEGATION_EXPIRY_DAYS"), "latest": format_jst(latest)},
        )


def format_jst(moment):
    return format_datetime(moment)


def check_delegate(event, delegate, granted_by, now):
    """Whether the account ``delegate`` may become the event's proxy (when it
    accepts an invitation, or is given one directly)."""
    if delegate.pk == granted_by.pk:
        raise ValidationError(_("You cannot delegate an event to yourself."), code="self")
    if not delegate.is_active:
        raise ValidationError(_("This account is deactivated."), code="inactive")
    if delegate.is_superuser or is_reviewer_for(delegate, event):
        raise ValidationError(
            _("This account can already edit every event: no delegation is needed."),
            code="already_editor",
        )
    if Delegation.objects.active(now).filter(event=event, delegate=delegate).exists():
        raise ValidationError(
            _("This account already holds an active delegation for this event."),
            code="duplicate",
        )


def _acknowledged(event, acknowledged_proxy_entry, acknowledged_this_event_only, expires_at):
    """(the EventPage, the expiry) of a new delegation or invitation, or
    ValidationError unless both FAQ 2 statements were confirmed."""
    # Guardian matches the grant on the content type: always the EventPage.
    event = event if isinstance(event, EventPage) else EventPage.objects.get(pk=event.pk)
    if not (acknowledged_proxy_entry and acknowledged_this_event_only):
        raise ValidationError(
            _("Both statements of posting rule 6, FAQ 2 must be confirmed."), code="ack"
        )
    return event, expires_at or default_expiry(event.end)


@transaction.atomic
def delegate_event(
    event,
    *,
    delegate,
    granted_by,
    organization,
    acknowledged_proxy_entry,
    acknowledged_this_event_only,
    note="",
    expires_at=None,
    now=None,
):
    """Create the delegation and its guardian grant, or raise ValidationError."""
    now = now or timezone.now()
    event, expires_at = _acknowledged(
        event, acknowledged_proxy_entry, acknowledged_this_event_only, expires_at
    )
    check_delegation(event, delegate, granted_by, organization, expires_at, now)
    delegation = Delegation.objects.create(
        event=event,
        delegate=delegate,
        email=normalise_email(delegate.email or ""),
        accepted_at=now,
        granted_by=granted_by,
        organization=organization,
        acknowledged_proxy_entry_at=now,
        acknowledged_this_event_only_at=now,
        note=note,
        created_at=now,
        expires_at=expires_at,
    )
    _grant(delegation)
    return delegation


def _grant(delegation):
    assign_perm(GRANT, delegation.delegate, delegation.event)
    clear_cache(delegation.delegate)


# --- Invitations -------------------------------------------------------------
#
# The delegation form takes an email address and always invites it: the
# address is never looked up among the accounts (issue 18, item 10 — anyone
# may put any address on their own account, unverified), and the form's
# answer is the same for every address (item 13).

INVITATION_SALT = "wagtail_eventcal.delegation.invitation"


@transaction.atomic
def invite(
    event,
    *,
    email,
    granted_by,
    organization,
    acknowledged_proxy_entry,
    acknowledged_this_event_only,
    note="",
    expires_at=None,
    now=None,
):
    """A pending delegation for whoever reads ``email``, or ValidationError.
    No grant yet: :func:`accept_invitation` makes it."""
    now = now or timezone.now()
    event, expires_at = _acknowledged(
        event, acknowledged_proxy_entry, acknowledged_this_event_only, expires_at
    )
    email = normalise_email(email)
    check_may_delegate(event, granted_by, organization)
    check_expiry(event, expires_at, now)
    if Delegation.objects.pending(now).filter(event=event, email=email).exists():
        raise ValidationError(
            _("An invitation for this event to this address is waiting to be accepted."),
            code="duplicate_invitation",
        )
    return Delegation.objects.create(
        event=event,
        email=email,
        granted_by=granted_by,
        organization=organization,
        acknowledged_proxy_entry_at=now,
        acknowledged_this_event_only_at=now,
        note=note,
        created_at=now,
        expires_at=expires_at,
    )


def invitation_token(delegation):
    """The signed part of the link mailed to the invited address."""
    return signing.dumps({"d": delegation.pk, "e": delegation.email}, salt=INVITATION_SALT)


class InvitationError(Exception):
    """Why an invitation link cannot be used (the message is for its holder)."""


def invitation_from_token(token, now=None):
    """The delegation a link stands for, whatever its state; InvitationError
    when the link was not made here or names another address."""
    try:
        data = signing.loads(token, salt=INVITATION_SALT)
    except signing.BadSignature:
        raise InvitationError(_("This invitation link is not valid.")) from None
    delegation = (
        Delegation.objects.select_related("event", "granted_by", "organization", "delegate")
        .filter(pk=data.get("d"), email=data.get("e"))
        .first()
    )
    if delegation is None:
        raise InvitationError(_("This invitation link is not valid."))
    return delegation


def check_acceptable(delegation, now=None):
    now = now or timezone.now()
    if delegation.revoked_at is not None:
        raise InvitationError(_("This invitation was withdrawn."))
    if delegation.expires_at <= now:
        raise InvitationError(_("This invitation has expired."))
    if delegation.delegate_id is not None:
        raise InvitationError(_("This invitation has already been accepted."))


@transaction.atomic
def accept_invitation(delegation, user, now=None):
    """Give the delegation to ``user``, who holds the link mailed to its
    address. InvitationError (or ValidationError) says why not. Accepting
    again as the same account changes nothing."""
    now = now or timezone.now()
    delegation = Delegation.objects.select_for_update().get(pk=delegation.pk)
    if delegation.delegate_id == user.pk and delegation.is_active(now):
        return delegation
    check_acceptable(delegation, now)
    check_delegate(delegation.event, user, delegation.granted_by, now)
    delegation.delegate = user
    delegation.accepted_at = now
    delegation.save(update_fields=["delegate", "accepted_at"])
    delegation.event = EventPage.objects.get(pk=delegation.event_id)  # the grant's content type
    _grant(delegation)
    return delegation


def _drop_grant_unless_still_delegated(delegation, now):
    if delegation.delegate_id is None:
        return  # an invitation never accepted: no grant
    still = Delegation.objects.active(now).filter(
        event_id=delegation.event_id, delegate_id=delegation.delegate_id
    )
    if not still.exists():
        remove_perm(GRANT, delegation.delegate, delegation.event)
    clear_cache(delegation.delegate)


@transaction.atomic
def revoke(delegation, *, by, now=None):
    """End a delegation now and remove its grant. Idempotent. Returns the
    delegation as it is now: the row is locked and read again, as in
    :func:`accept_invitation`, so that an invitation accepted a moment ago
    loses its grant (and its proxy gets the mail) instead of keeping it."""
    now = now or timezone.now()
    delegation = Delegation.objects.select_for_update().get(pk=delegation.pk)
    if delegation.revoked_at is None:
        delegation.revoked_at = now
        delegation.revoked_by = by
        delegation.save(update_fields=["revoked_at", "revoked_by"])
    _drop_grant_unless_still_delegated(delegation, now)
    return delegation


def expire_delegations(now=None):
    """Remove the guardian grants of expired delegations and tell their
    proxies; returns how many delegations were cleaned. Idempotent (run it
    from cron or a task)."""
    from .mails import notify_delegation_ended  # it imports this module

    now = now or timezone.now()
    cleaned = 0
    expired = (
        Delegation.objects.expired(now)
        .filter(delegate__isnull=False)
        .select_related("event", "delegate", "granted_by", "organization")
    )
    for delegation in expired:
        if _grant_exists(delegation.delegate_id, delegation.event_id):
            with transaction.atomic():
                _drop_grant_unless_still_delegated(delegation, now)
                notify_delegation_ended(delegation)
            cleaned += 1
    return cleaned


def _all_grant_rows():
    from django.contrib.contenttypes.models import ContentType

    return UserObjectPermission.objects.filter(
        permission__codename="change_eventpage",
        content_type=ContentType.objects.get_for_model(EventPage),
    )


def _grant_rows(user_id):
    return _all_grant_rows().filter(user_id=user_id)


def remove_orphan_grants():
    """Delete grants on events that no longer exist (guardian's generic rows
    are not cascaded when a page is deleted). Returns how many."""
    existing = EventPage.objects.annotate(key=Cast("pk", CharField())).values("key")
    deleted, _ = _all_grant_rows().exclude(object_pk__in=Subquery(existing)).delete()
    return deleted


def _grant_exists(user_id, event_id):
    return _grant_rows(user_id).filter(object_pk=str(event_id)).exists()


# --- Request-time checks ---------------------------------------------------


def delegated_event_ids(user):
    """IDs of the events ``user`` may edit as a proxy right now: an active
    delegation AND its guardian grant. Cached on the user object for the
    request, like Wagtail caches page permissions."""
    if not user.is_authenticated or not user.is_active or is_reviewer(user):
        # Reviewers can publish every event, so nobody may delegate to them.
        return frozenset()
    cached = getattr(user, _CACHE, None)
    if cached is None:
        granted = {int(pk) for pk in _grant_rows(user.pk).values_list("object_pk", flat=True)}
        active = set(
            Delegation.objects.active()
            .filter(delegate=user, event_id__in=granted)
            .values_list("event_id", flat=True)
        )
        cached = frozenset(active)
        setattr(user, _CACHE, cached)
    return cached


def is_delegated(user, page):
    return page.pk in delegated_event_ids(user)


def clear_cache(user):
    if hasattr(user, _CACHE):
        delattr(user, _CACHE)


def may_use_delegations(user):
    """Whether the "Proxy delegations" screen has anything for ``user``."""
    if not user.is_active:
        return False
    if user.is_superuser or delegated_event_ids(user):
        return True
    if Organization.objects.filter(members=user).exists():
        return True
    return Delegation.objects.filter(granted_by=user).exists()


def organizations_a_proxy_must_keep(user, event):
    """The organizations on whose behalf ``user`` enters ``event`` as a
    proxy: the proxy may not take them off the event (that would also shut
    their own staff out of it)."""
    if event.pk is None or not is_delegated(user, event):
        return Organization.objects.none()
    return Organization.objects.filter(
        delegations__in=Delegation.objects.active().filter(delegate=user, event_id=event.pk)
    ).distinct()

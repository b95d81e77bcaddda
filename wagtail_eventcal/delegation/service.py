"""Proxy entry (posting rule FAQ 2): delegating one event to one user.

A delegation is a ``Delegation`` row (who, for whom, the two
acknowledgements, expiry) plus a django-guardian grant of
``change_eventpage`` on that one EventPage. Access needs both, checked at
request time: the grant alone (e.g. left behind by a missed expiry run) or an
expired delegation alone opens nothing.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import CharField, Subquery
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _
from guardian.models import UserObjectPermission
from guardian.shortcuts import assign_perm, remove_perm

from ..conf import get_setting
from ..models import Delegation, EventPage, Organization
from ..workflow.models import is_reviewer

GRANT = "wagtail_eventcal.change_eventpage"
_CACHE = "_eventcal_delegated_event_ids"


# --- Pure rules ------------------------------------------------------------


def default_expiry(event_end, days=None):
    """A delegation ends ``DELEGATION_EXPIRY_DAYS`` after the event ends:
    long enough to correct the page after the event, never open-ended."""
    if days is None:
        days = get_setting("DELEGATION_EXPIRY_DAYS")
    return event_end + timedelta(days=days)


# --- Who may delegate --------------------------------------------------------


def is_reviewer_for(user, event):
    """Reviewers (publishers of the event) and superusers may delegate any
    event. Deliberately the plain Wagtail tester: a delegation never counts."""
    from wagtail.models import PagePermissionTester

    return user.is_active and PagePermissionTester(user, event).can_publish()


def delegating_organizations(user, event):
    """The participating organizations ``user`` may delegate ``event`` for.

    Empty for anyone else, in particular for a proxy: what a delegation
    grants can never be delegated on (no re-delegation)."""
    if not user.is_authenticated or not user.is_active:
        return Organization.objects.none()
    participating = Organization.objects.filter(participations__event_id=event.pk)
    if not is_reviewer_for(user, event):
        participating = participating.filter(members=user)
    return participating.distinct().order_by("name_ja")


def can_delegate(user, event):
    return delegating_organizations(user, event).exists()


# --- Granting and revoking ---------------------------------------------------


def check_delegation(event, delegate, granted_by, organization, expires_at, now):
    """Raise ValidationError unless ``granted_by`` may delegate ``event`` to
    ``delegate`` for ``organization`` until ``expires_at``."""
    if not delegating_organizations(granted_by, event).filter(pk=organization.pk).exists():
        raise ValidationError(
            _("You may not delegate this event on behalf of this organization."),
            code="not_allowed",
        )
    if delegate.pk == granted_by.pk:
        raise ValidationError(_("You cannot delegate an event to yourself."), code="self")
    if not delegate.is_active:
        raise ValidationError(_("This account is deactivated."), code="inactive")
    if delegate.is_superuser or is_reviewer_for(delegate, event):
        raise ValidationError(
            _("This account can already edit every event: no delegation is needed."),
            code="already_editor",
        )
    if expires_at <= now:
        raise ValidationError(_("The expiry must be in the future."), code="expiry_past")
    if Delegation.objects.active(now).filter(event=event, delegate=delegate).exists():
        raise ValidationError(
            _("This account already holds an active delegation for this event."),
            code="duplicate",
        )


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
    # Guardian matches the grant on the content type: always the EventPage.
    event = event if isinstance(event, EventPage) else EventPage.objects.get(pk=event.pk)
    if not (acknowledged_proxy_entry and acknowledged_this_event_only):
        raise ValidationError(
            _("Both statements of posting rule FAQ 2 must be confirmed."), code="ack"
        )
    expires_at = expires_at or default_expiry(event.end)
    check_delegation(event, delegate, granted_by, organization, expires_at, now)
    delegation = Delegation.objects.create(
        event=event,
        delegate=delegate,
        granted_by=granted_by,
        organization=organization,
        acknowledged_proxy_entry_at=now,
        acknowledged_this_event_only_at=now,
        note=note,
        created_at=now,
        expires_at=expires_at,
    )
    assign_perm(GRANT, delegate, event)
    clear_cache(delegate)
    return delegation


def _drop_grant_unless_still_delegated(delegation, now):
    still = Delegation.objects.active(now).filter(
        event_id=delegation.event_id, delegate_id=delegation.delegate_id
    )
    if not still.exists():
        remove_perm(GRANT, delegation.delegate, delegation.event)
    clear_cache(delegation.delegate)


@transaction.atomic
def revoke(delegation, *, by, now=None):
    """End a delegation now and remove its grant. Idempotent."""
    now = now or timezone.now()
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
    expired = Delegation.objects.expired(now).select_related(
        "event", "delegate", "granted_by", "organization"
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


# --- Invitations -------------------------------------------------------------


def find_account(identifier):
    """The existing account to delegate to, by username or email address;
    None when ``identifier`` is an email address with no account yet (the
    caller then invites it). Raises ValidationError otherwise."""
    User = get_user_model()
    identifier = identifier.strip()
    user = User.objects.filter(username=identifier).first()
    if user is not None:
        return user
    if "@" not in identifier:
        raise ValidationError(
            _("No account with this username. Enter an email address to invite someone."),
            code="unknown_user",
        )
    validate_email(identifier)
    matches = list(User.objects.filter(email__iexact=identifier)[:2])
    if len(matches) > 1:
        raise ValidationError(
            _("Several accounts use this email address: enter the username."),
            code="ambiguous",
        )
    return matches[0] if matches else None


def invite_account(email):
    """A new account for an invited proxy. It has no usable password: the
    invitation mail carries a set-password link (there is no self sign-up)."""
    user = get_user_model()(username=email[:150], email=email)
    user.set_unusable_password()
    user.save()
    return user


def set_password_url(user):
    """An absolute link to Wagtail's set-password form (Django's reset token:
    single use, valid for PASSWORD_RESET_TIMEOUT)."""
    from ..base_url import absolute

    path = reverse(
        "wagtailadmin_password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return absolute(path)


def is_proxy_only(user):
    """A user whose only page access is delegations: Wagtail's own widening
    (page chooser, ...) must be narrowed to the delegated events for them."""
    from wagtail.models import GroupPagePermission

    return bool(delegated_event_ids(user)) and not (
        GroupPagePermission.objects.filter(group__user=user).exists()
    )


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

"""Who is offered what in the admin. Pure questions about a user; the
menus, panels and pages ask them (``roles.admin``)."""

from ..delegation.access import is_proxy_only
from ..delegation.service import delegated_event_ids
from ..organizations.permissions import is_public_body_staff
from ..workflow.models import is_reviewer


def enters_events(user):
    """Public-body staff who are not reviewers: the submitter's menus and
    dashboard (their own submissions, import, proxy delegations, images)."""
    return user.is_active and not is_reviewer(user) and is_public_body_staff(user)


def submits_events(user):
    """Who follows submissions of their own: staff who enter events, and
    proxies (their delegated events)."""
    return enters_events(user) or (user.is_active and bool(delegated_event_ids(user)))


def is_outsider(user):
    """Admin users who may not enter events: neither reviewer nor superuser
    nor public-body staff nor a proxy whose only access is a delegation —
    typically a member of a company or association (posting rule 6, FAQ 2).
    They are shown the page that explains how to be invited as a proxy."""
    return (
        user.is_active
        and not user.is_superuser
        and not is_reviewer(user)
        and not is_public_body_staff(user)
        and not is_proxy_only(user)
    )

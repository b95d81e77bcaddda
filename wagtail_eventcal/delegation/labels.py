"""Proxy entry made visible: "proxy entry by X for organization O, delegated
by Y" on submissions (through the review workflow's
``eventcal_submission_context`` hook, so the mails, the reviewers' screens and
the submitters' view show it, and the delegating official receives the
receipt and every decision) and on each revision a proxy saves (a page
history entry)."""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter
from wagtail.models import PageLogEntry

from ..bilingual import pick
from ..models import Delegation
from .service import is_delegated

PROXY_ENTRY_ACTION = "wagtail_eventcal.proxy_entry"


def display_name(user):
    return user.get_full_name() or user.get_username()


def proxy_labels(delegation):
    """The label in both languages, from a delegation."""
    proxy = display_name(delegation.delegate)
    official = display_name(delegation.granted_by)
    organization = delegation.organization
    return {
        "label_ja": f"{proxy}による代理入力（{organization.name_ja}の依頼、委任者：{official}）",
        "label_en": (
            f"Proxy entry by {proxy} for {organization.name_en or organization.name_ja}, "
            f"delegated by {official}"
        ),
    }


def in_force(delegation, moment):
    """Whether the delegation had been granted at ``moment`` and was
    neither revoked nor expired then."""
    return delegation.created_at <= moment < delegation.expires_at and (
        delegation.revoked_at is None or delegation.revoked_at > moment
    )


def delegations_at(acts):
    """For each ``(event id, user, moment)`` in ``acts``, the delegation
    under which ``user`` acted on the event at ``moment`` (the latest one in
    force then) or None; one query for them all."""
    acts = list(acts)
    users = {user.pk for _event_id, user, _moment in acts if user is not None}
    candidates = {}
    if users:
        found = (
            Delegation.objects.filter(
                event_id__in={event_id for event_id, _user, _moment in acts}, delegate_id__in=users
            )
            .select_related("delegate", "granted_by", "organization")
            .order_by("-created_at", "-pk")
        )
        for delegation in found:
            candidates.setdefault((delegation.event_id, delegation.delegate_id), []).append(
                delegation
            )

    def under(event_id, user, moment):
        if user is None:
            return None
        in_event = candidates.get((event_id, user.pk), [])
        return next((d for d in in_event if in_force(d, moment)), None)

    return [under(*act) for act in acts]


def delegation_at(event_id, user, moment):
    """The delegation under which ``user`` acted on the event at ``moment``."""
    return delegations_at([(event_id, user, moment)])[0]


def add_proxy_to_submissions(contexts):
    """``eventcal_submission_context`` hook: label the rounds submitted by a
    proxy and copy their mails to the proxy and the delegating official."""
    acts = [
        (context["page"].pk, context["submitter"], context["task_state"].started_at)
        for context in contexts
    ]
    for context, delegation in zip(contexts, delegations_at(acts), strict=True):
        if delegation is not None:
            context["proxy"] = {**proxy_labels(delegation), "delegation": delegation}
            context["extra_recipients"] += [delegation.delegate, delegation.granted_by]


def log_proxy_revision(request, page):
    """``after_edit_page`` / ``after_create_page`` hook: a revision saved by
    a proxy gets a page history entry carrying the label."""
    user = request.user
    if not is_delegated(user, page) or page.permissions_for_user(user).can_publish():
        return
    revision = page.get_latest_revision()
    delegation = delegation_at(page.pk, user, revision.created_at)
    if delegation is None:
        return
    PageLogEntry.objects.log_action(
        instance=page,
        action=PROXY_ENTRY_ACTION,
        user=user,
        revision=revision,
        data={**proxy_labels(delegation), "delegation_id": delegation.pk},
    )


class ProxyEntryFormatter(LogFormatter):
    label = _("Proxy entry")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        return pick(data.get("label_ja", ""), data.get("label_en", "")).value


def register_log_actions(actions):
    actions.register_action(PROXY_ENTRY_ACTION)(ProxyEntryFormatter)

"""Proxy entry made visible: "proxy entry by X for organization O, delegated
by Y" on submissions (through the review workflow's
``eventcal_submission_context`` hook, so the mails, the reviewers' screens and
the submitters' view show it, and the delegating official receives the
receipt and every decision) and on each revision a proxy saves (a page
history entry)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter
from wagtail.models import PageLogEntry

from .bilingual import pick
from .delegation import is_delegated
from .models import Delegation

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


def delegation_at(event_id, user, moment):
    """The delegation under which ``user`` acted on the event at ``moment``:
    it had been granted and was neither revoked nor expired then."""
    if user is None:
        return None
    return (
        Delegation.objects.filter(
            event_id=event_id,
            delegate=user,
            created_at__lte=moment,
            expires_at__gt=moment,
        )
        .filter(Q(revoked_at__isnull=True) | Q(revoked_at__gt=moment))
        .select_related("delegate", "granted_by", "organization")
        .order_by("-created_at")
        .first()
    )


def add_proxy_to_submission(context, task_state):
    """``eventcal_submission_context`` hook: label a round submitted by a
    proxy and copy its mails to the proxy and the delegating official."""
    delegation = delegation_at(context["page"].pk, context["submitter"], task_state.started_at)
    if delegation is None:
        return
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

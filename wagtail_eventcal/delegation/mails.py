"""Mails about delegations, through the same stored outbox as the review
mails: a failing mail backend never loses an invitation."""

from django.urls import reverse

from ..base_url import absolute
from ..workflow.models import Notification
from ..workflow.notifications import (
    bilingual_message,
    mail_renderer,
    queue_mail,
    recipient_language,
)
from .service import set_password_url

TEMPLATE = "wagtail_eventcal/mail/delegation_granted.txt"
ENDED_TEMPLATE = "wagtail_eventcal/mail/delegation_ended.txt"


def admin_url(path):
    return absolute(path)


def notify_delegate(delegation, *, invited):
    """Tell the proxy what was delegated, on whose behalf, until when and —
    as FAQ 2 requires — that it is proxy entry for this event only."""
    delegate = delegation.delegate
    if not delegate.email:
        return
    context = {
        "delegation": delegation,
        "event": delegation.event,
        "edit_url": admin_url(reverse("wagtailadmin_pages:edit", args=[delegation.event_id])),
        "set_password_url": set_password_url(delegate) if invited else "",
        "login_url": admin_url(reverse("wagtailadmin_login")),
    }

    language = recipient_language(delegate)
    message = bilingual_message(mail_renderer(TEMPLATE, context), language)
    queue_mail("delegation_granted", delegate, language, message)


def notify_delegation_ended(delegation):
    """Tell the proxy, and the official who delegated unless they ended it
    themselves, that the proxy can no longer edit the event (revoked or
    expired). Once per delegation, however often it is called."""
    context = {"delegation": delegation, "event": delegation.event}
    recipients = [delegation.delegate]
    if delegation.granted_by_id != delegation.revoked_by_id:
        recipients.append(delegation.granted_by)
    for user in recipients:
        key = f"delegation_ended:{delegation.pk}:{user.pk}"
        if not user.email or Notification.objects.filter(dedupe_key=key).exists():
            continue
        language = recipient_language(user)
        message = bilingual_message(mail_renderer(ENDED_TEMPLATE, context), language)
        queue_mail("delegation_ended", user, language, message, dedupe_key=key)

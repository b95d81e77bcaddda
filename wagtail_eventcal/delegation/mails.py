"""Mails about delegations, through the same stored outbox as the review
mails: a failing mail backend never loses an invitation."""

from django.urls import reverse
from django.utils import translation

from ..base_url import absolute
from ..workflow.models import Notification
from ..workflow.notifications import (
    bilingual_message,
    mail_renderer,
    queue_mail,
    recipient_language,
)
from .service import invitation_token

INVITATION_TEMPLATE = "wagtail_eventcal/mail/delegation_invitation.txt"
ENDED_TEMPLATE = "wagtail_eventcal/mail/delegation_ended.txt"


def accept_url(delegation, lang):
    with translation.override(lang):  # /ja/… or /en/…: the page's language
        return absolute(reverse("eventcal_accept_invitation", args=[invitation_token(delegation)]))


def notify_invitation(delegation):
    """Mail the invitation to the address the official typed — never to an
    account found by it. It says what was delegated, on whose behalf, until
    when and, as FAQ 2 requires, that it is proxy entry for this event only.
    Written in the official's language first (the invitee's is unknown)."""
    context = {"delegation": delegation, "event": delegation.event}
    language = recipient_language(delegation.granted_by)
    render = mail_renderer(
        INVITATION_TEMPLATE,
        context,
        lambda context, lang: {"accept_url": accept_url(delegation, lang)},
    )
    queue_mail(
        "delegation_invitation", delegation.email, language, bilingual_message(render, language)
    )


def notify_delegation_ended(delegation):
    """Tell the proxy, and the official who delegated unless they ended it
    themselves, that the proxy can no longer edit the event (revoked or
    expired). Once per delegation, however often it is called. An invitation
    never accepted ends without a mail."""
    if delegation.delegate_id is None:
        return
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

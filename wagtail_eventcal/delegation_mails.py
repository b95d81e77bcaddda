"""Mails about delegations, through the same stored outbox as the review
mails: a failing mail backend never loses an invitation."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from .delegation import set_password_url
from .workflow.notifications import bilingual_message, queue_mail, recipient_language

TEMPLATE = "wagtail_eventcal/mail/delegation_granted.txt"


def admin_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


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

    def render(_lang):
        # The template's first line is the subject; gettext gives the language.
        subject, body = render_to_string(TEMPLATE, context).split("\n", 1)
        return subject, body

    language = recipient_language(delegate)
    queue_mail("delegation_granted", delegate, language, bilingual_message(render, language))

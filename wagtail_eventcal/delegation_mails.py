"""Mails about delegations: one mail, Japanese first then English."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .delegation import set_password_url

logger = logging.getLogger(__name__)


def render_bilingual(template_name, context):
    """(subject, body): the template rendered in Japanese, then in English."""
    parts = []
    for language in ("ja", "en"):
        with translation.override(language):
            parts.append(render_to_string(template_name, context).strip())
    subjects, bodies = zip(*(part.split("\n", 1) for part in parts), strict=True)
    return " / ".join(subjects), "\n\n----------\n\n".join(body.strip() for body in bodies)


def admin_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def notify_delegate(delegation, *, invited):
    """Tell the proxy what was delegated, on whose behalf, until when and —
    as FAQ 2 requires — that it is proxy entry for this event only."""
    context = {
        "delegation": delegation,
        "event": delegation.event,
        "edit_url": admin_url(reverse("wagtailadmin_pages:edit", args=[delegation.event_id])),
        "set_password_url": set_password_url(delegation.delegate) if invited else "",
        "login_url": admin_url(reverse("wagtailadmin_login")),
    }
    subject, body = render_bilingual("wagtail_eventcal/mail/delegation_granted.txt", context)

    def send():
        try:
            send_mail(subject, body, None, [delegation.delegate.email])
        except Exception:  # a mail failure must not undo the delegation
            logger.exception("Delegation mail to %s failed", delegation.delegate.email)

    if delegation.delegate.email:
        transaction.on_commit(send)

"""Notification mails: Japanese and English in one mail (the recipient's
language first), plain text and HTML.

A mail is first stored as a :class:`Notification` row in the same
transaction as the change that caused it, then delivered through django-tasks
once the transaction commits. A failing mail backend therefore never rolls
back or loses a submission: the failure is logged on the row and the mail is
retried — by the task backend when it can defer a run, and by
``manage.py eventcal_send_mail`` (run it from cron) in any case.
"""

import logging
import re
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import escape, format_html, linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import pgettext
from django_tasks import task
from wagtail.users.models import UserProfile

from .. import outbox
from ..bilingual import pick
from ..conf import get_setting
from ..models.pages import event_zone
from .context import submission_context
from .models import REVIEW_PERMISSION, Notification, scheduled_go_live

logger = logging.getLogger(__name__)

LANGUAGES = ("ja", "en")
#: One template per kind (submitted, resubmitted, receipt, return,
#: request_confirmation, approve, overdue), written in English with gettext.
TEMPLATE = "wagtail_eventcal/mail/{kind}.txt"


def recipient_language(user):
    language = UserProfile.get_for_user(user).get_preferred_language() or "ja"
    return "en" if language.startswith("en") else "ja"


def reviewers():
    # Holders of the review permission (the reviewer group), not every superuser.
    return get_user_model().objects.with_perm(
        REVIEW_PERMISSION,
        include_superusers=False,
        backend="django.contrib.auth.backends.ModelBackend",
    )


def bilingual_message(render, language):
    """(subject, text, html) of a mail in both languages, ``language`` first.

    ``render(lang)`` returns that language's (subject, body); it runs with
    ``lang`` active so that templates may use gettext as well.
    """
    order = (language, *[lang for lang in LANGUAGES if lang != language])
    subjects, parts = [], []
    for lang in order:
        with translation.override(lang):
            subject, body = render(lang)
        subjects.append(subject.strip())
        parts.append((lang, body.strip()))
    subject = " / ".join(subjects)
    text = "\n\n----------------------------------------\n\n".join(body for _lang, body in parts)
    with translation.override(language):
        html = render_to_string(
            "wagtail_eventcal/mail/message.html",
            {"subject": subject, "parts": [(lang, text_to_html(body)) for lang, body in parts]},
        )
    return subject, text, html


# A URL ends at white space or at punctuation that cannot be in one
# unescaped, Japanese brackets and full stops included.
_URL = re.compile(r"https?://[^\s<>\"'「」『』（）【】、。，]+")


def text_to_html(text):
    """A mail's plain text as HTML paragraphs with every http(s) URL a link.

    Not Django's ``urlize``: a Japanese label runs into its URL without a
    space ("公開ページ：https://…"), which urlize either skips (no links in
    Japanese) or links as a whole (``href="http://公開ページ：https://…"``).
    """
    pieces, position = [], 0
    for match in _URL.finditer(text):
        url = match.group().rstrip(".,;:!?)")
        pieces.append(escape(text[position : match.start()]))
        pieces.append(format_html('<a href="{}">{}</a>', url, url))
        position = match.start() + len(url)
    pieces.append(escape(text[position:]))
    return mark_safe(linebreaks("".join(pieces), autoescape=False))


def mail_renderer(template, context, values=None):
    """``render(lang)`` for :func:`bilingual_message` from a text template
    whose first line is the subject; gettext gives the language.
    ``values(context, lang)`` adds what differs by language beyond gettext.
    Times are written in JST whoever triggered the mail."""

    def render(lang):
        rendered = {**context, **values(context, lang)} if values else context
        with timezone.override(event_zone()):
            subject, body = render_to_string(template, rendered).split("\n", 1)
        return subject, body

    return render


def in_language(context, lang):
    """What a review mail prints differently in ``lang``, beyond gettext:
    the title, the organizations and their roles, the proxy label, the
    secretariat's name and the public page (dates: ``eventcal_tags``)."""
    proxy = context["proxy"]
    secretariat = context["secretariat"]
    return {
        "title": pick(context["title_ja"], context["title_en"], lang).value,
        "organizations": _organizations(context, lang),
        "proxy_label": pick(proxy["label_ja"], proxy["label_en"], lang).value if proxy else "",
        "secretariat_name": pick(
            secretariat.get("name_ja", ""), secretariat.get("name_en", ""), lang
        ).value,
        "live_url": context[f"live_url_{lang}"],
    }


def _organizations(context, lang):
    # Role labels afresh: the context's were translated when it was built.
    event = context["event"]
    if hasattr(event, "participations"):
        pairs = [(p.organization, p.get_role_display()) for p in event.participations.all()]
    else:
        pairs = context["participations"]
    return pgettext("list separator", ", ").join(
        pgettext("organization and its role", "%(name)s (%(role)s)")
        % {"name": pick(organization.name_ja, organization.name_en, lang).value, "role": role}
        for organization, role in pairs
    )


def compose(kind, context, language):
    """(subject, text, html) of a review mail of ``kind``."""
    render = mail_renderer(TEMPLATE.format(kind=kind), context, in_language)
    return bilingual_message(render, language)


def queue_mail(kind, user, language, message, *, task_state=None, dedupe_key=None):
    """Store one mail and deliver it once the current transaction commits.
    ``user``: an account, or an address (a delegation's invitation)."""
    subject, text, html = message
    notification = Notification.objects.create(
        kind=kind,
        recipient=user if isinstance(user, str) else user.email,
        language=language,
        subject=subject[:255],
        body_text=text,
        body_html=html,
        task_state=task_state,
        dedupe_key=dedupe_key,
    )
    outbox.enqueue_after_commit(deliver_notification, notification.pk)
    return notification


def notify(kind, task_state, users, *, dedupe_key=None, context=None):
    """Store one ``kind`` mail per user (with an email address) and deliver
    them after commit."""
    context = context or submission_context(task_state)
    seen = set()
    for user in users:
        if user is None or not user.email or user.pk in seen:
            continue
        seen.add(user.pk)
        key = f"{dedupe_key}:{user.pk}" if dedupe_key else None
        if key and Notification.objects.filter(dedupe_key=key).exists():
            continue
        language = recipient_language(user)
        message = compose(kind, context, language)
        queue_mail(kind, user, language, message, task_state=task_state, dedupe_key=key)


RETRY_AFTER = timedelta(minutes=10)


@task()
def deliver_notification(pk):
    notification = Notification.objects.filter(pk=pk, sent_at__isnull=True).first()
    if notification is None or deliver(notification):
        return
    outbox.retry_later(
        deliver_notification,
        notification,
        max_attempts=get_setting("MAIL_MAX_ATTEMPTS"),
        delay=retry_delay,
    )


def retry_delay(attempts):
    return RETRY_AFTER * attempts


def deliver(notification):
    """Send one stored mail; record a failure instead of raising it."""
    return outbox.attempt(notification, retry_delay)


def pending_notifications():
    """The mails to try now (their back-off passed, attempts left)."""
    return outbox.due(
        Notification.objects.filter(
            sent_at__isnull=True, attempts__lt=get_setting("MAIL_MAX_ATTEMPTS")
        )
    )


# --- What is sent when ---------------------------------------------------


def submitters(context):
    return [context["submitter"], context["requested_by"], *context["extra_recipients"]]


def notify_submitted(task_state):
    context = submission_context(task_state)
    first_round = not task_state.workflow_state.task_states.exclude(pk=task_state.pk).exists()
    notify("submitted" if first_round else "resubmitted", task_state, reviewers(), context=context)
    receivers = [context["submitter"], *context["extra_recipients"]]
    notify("receipt", task_state, receivers, context=context)


def notify_decision(task_state):
    # The decision may just have published the page: read its state afresh.
    task_state.refresh_from_db(fields=["page"])  # drops the cached page
    context = submission_context(task_state)
    # An approval of a revision with a future go-live date schedules it.
    context["scheduled_at"] = (
        scheduled_go_live(task_state.page) if task_state.decision == "approve" else None
    )
    notify(task_state.decision, task_state, submitters(context), context=context)


def notify_overdue(task_state, today):
    notify("overdue", task_state, reviewers(), dedupe_key=f"overdue:{task_state.pk}:{today}")

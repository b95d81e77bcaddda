"""The mail to the submitter (and proxy) of an event merged into another
and withdrawn (``merge.py``): stored in the outbox in the merge's
transaction, sent after it commits, in the recipient's language first."""

from django.urls import reverse
from django.utils.translation import pgettext

from ..base_url import absolute, page_url
from ..bilingual import pick
from ..choices import Role
from ..conf import get_setting
from .notifications import bilingual_message, mail_renderer, queue_mail, recipient_language

KIND = "merged"
TEMPLATE = "wagtail_eventcal/mail/merged.txt"


def merge_context(record, done, user):
    """What the mail says to ``user``; the kept event's admin link only for
    someone who may open it (a draft of another organization stays closed)."""
    kept = done.kept
    may_open = kept.permissions_for_user(user).can_edit()
    return {
        "record": record,
        "done": done,
        "comment": record.comment,
        "secretariat": get_setting("SECRETARIAT"),
        "kept_edit_url": absolute(reverse("wagtailadmin_pages:edit", args=[kept.pk]))
        if may_open
        else "",
    }


def in_language(context, lang):
    done, secretariat = context["done"], context["secretariat"]
    kept, withdrawn = done.kept, done.withdrawn
    return {
        "title": pick(withdrawn.title, withdrawn.title_en, lang).value,
        "kept_title": pick(kept.title, kept.title_en, lang).value,
        "kept_live_url": page_url(kept, lang) if kept.live else "",
        "added": pgettext("list separator", ", ").join(
            pgettext("organization and its role", "%(name)s (%(role)s)")
            % {"name": pick(o.name_ja, o.name_en, lang).value, "role": Role(role).label}
            for o, role in done.added
        ),
        "secretariat_name": pick(
            secretariat.get("name_ja", ""), secretariat.get("name_en", ""), lang
        ).value,
    }


def compose_merged(record, done, user, language):
    render = mail_renderer(TEMPLATE, merge_context(record, done, user), in_language)
    return bilingual_message(render, language)


def notify_merged(record, done):
    for user in done.recipients:
        if not user.email:
            continue
        language = recipient_language(user)
        queue_mail(
            KIND,
            user,
            language,
            compose_merged(record, done, user, language),
            dedupe_key=f"merged:{record.pk}:{user.pk}",
        )

"""The admin language of a new account is the site's language (issue 14).

Wagtail otherwise follows the browser's Accept-Language until the user picks
a language: a Japanese secretariat's staff with an English browser got an
English admin and English review mails' context. A new account's profile is
created with ``LANGUAGE_CODE`` as its preferred language; the user can still
choose another in their account settings."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models.signals import post_save


def _site_language_for_new_account(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    from wagtail.users.models import UserProfile

    UserProfile.objects.get_or_create(
        user=instance, defaults={"preferred_language": settings.LANGUAGE_CODE}
    )


def connect_signals():
    post_save.connect(
        _site_language_for_new_account,
        sender=get_user_model(),
        dispatch_uid="eventcal_admin_language",
    )

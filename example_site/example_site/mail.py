"""Mail settings for Django 5.2 and 6.1 alike: 6.1 deprecates
``EMAIL_BACKEND`` and the SMTP ``EMAIL_*`` settings in favour of ``MAILERS``,
which 5.2 does not know."""

import sys

import django
from django.core.mail.backends.base import BaseEmailBackend

#: SMTP backend keyword argument → the setting that held it before MAILERS.
LEGACY_NAMES = {
    "host": "EMAIL_HOST",
    "port": "EMAIL_PORT",
    "username": "EMAIL_HOST_USER",
    "password": "EMAIL_HOST_PASSWORD",
    "use_tls": "EMAIL_USE_TLS",
}


def mail_settings(backend, **options):
    """The settings that make ``backend`` (a dotted path) the default mailer,
    with ``options`` (the backend's keyword arguments, e.g. ``host``)."""
    if django.VERSION >= (6, 1):
        return {"MAILERS": {"default": {"BACKEND": backend, "OPTIONS": options}}}
    return {"EMAIL_BACKEND": backend, **{LEGACY_NAMES[k]: v for k, v in options.items()}}


class OneLineConsoleBackend(BaseEmailBackend):
    """The example site's default: one line per mail on the console (who,
    what), so that loading the demo does not bury its summary under MIME
    text. ``EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend``
    prints whole messages."""

    def send_messages(self, email_messages):
        for message in email_messages:
            sys.stdout.write(f"Mail to {', '.join(message.recipients())}: {message.subject}\n")
        sys.stdout.flush()
        return len(email_messages)

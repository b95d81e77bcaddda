"""Removes a user's authenticator and recovery codes, for someone who lost
both: at the next sign-in they set up a new authenticator (the secretariat
first makes sure who is asking)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from wagtail_eventcal.twofactor import devices


class Command(BaseCommand):
    help = "Reset a user's two-factor sign-in: the next sign-in sets up a new authenticator."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(f"No user named {username!r}.") from None
        devices.remove_all(user)
        self.stdout.write(
            f"Two-factor sign-in of {username} reset: their next admin page asks for a new "
            "authenticator. If their password may be known to anyone else, set a new one "
            "too (a new password signs every session out)."
        )

from django.core.management.base import BaseCommand

from wagtail_eventcal.delegation.service import expire_delegations, remove_orphan_grants


class Command(BaseCommand):
    help = (
        "Remove the django-guardian grants of expired proxy delegations. "
        "Expired delegations already open nothing (checked at request time); "
        "this keeps the grant table clean. Idempotent: run it daily from cron."
    )

    def handle(self, *args, **options):
        count = expire_delegations()
        orphans = remove_orphan_grants()
        self.stdout.write(
            f"Removed the grants of {count} expired delegation(s) "
            f"and {orphans} grant(s) on deleted events."
        )

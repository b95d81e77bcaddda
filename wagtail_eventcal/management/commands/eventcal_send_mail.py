from django.core.management.base import BaseCommand

from wagtail_eventcal.workflow.notifications import deliver, pending_notifications


class Command(BaseCommand):
    help = "Retry notification mails that could not be delivered yet (run it from cron)."

    def handle(self, *args, **options):
        sent = failed = 0
        for notification in pending_notifications():
            if deliver(notification):
                sent += 1
            else:
                failed += 1
        self.stdout.write(f"{sent} sent, {failed} failed.")

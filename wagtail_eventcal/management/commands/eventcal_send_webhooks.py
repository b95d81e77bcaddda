from django.core.management.base import BaseCommand

from wagtail_eventcal.models import WebhookEndpoint
from wagtail_eventcal.webhooks.delivery import send_pending


class Command(BaseCommand):
    help = "Retry webhook deliveries that could not be delivered yet (run it from cron)."

    def handle(self, *args, **options):
        sent = failed = 0
        for endpoint_id in WebhookEndpoint.objects.values_list("pk", flat=True):
            delivered, failure = send_pending(endpoint_id, when_due=True)
            sent += delivered
            failed += failure is not None
        self.stdout.write(f"{sent} sent, {failed} endpoint(s) failing.")

from django.core.management.base import BaseCommand

from wagtail_eventcal.workflow.setup import setup_review


class Command(BaseCommand):
    help = (
        "Attach the event review workflow to every calendar and create the reviewer and "
        "submitter groups with their permissions. Safe to run again."
    )

    def handle(self, *args, **options):
        calendars = setup_review()
        self.stdout.write(f"Review workflow and groups set up for {len(calendars)} calendar(s).")

from django.core.management.base import BaseCommand

from wagtail_eventcal.workflow.models import EventReviewTaskState, today_in_japan
from wagtail_eventcal.workflow.notifications import notify_overdue


class Command(BaseCommand):
    help = (
        "Remind the reviewers of every overdue submission, at most once a day per "
        "submission (run it from cron; running it again the same day sends nothing)."
    )

    def handle(self, *args, **options):
        today = today_in_japan()
        overdue = EventReviewTaskState.objects.filter(
            status=EventReviewTaskState.STATUS_IN_PROGRESS, due_date__lt=today
        ).for_contexts()
        for task_state in overdue:
            notify_overdue(task_state, today)
        self.stdout.write(f"{len(overdue)} overdue submission(s).")

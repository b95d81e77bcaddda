"""The review workflow and its task get one bilingual name (issue 14): they
were "Event review" in one menu and "Secretariat review" in another."""

from django.db import migrations

NEW = "事務局審査 / Secretariat review"
OLD_WORKFLOW = "Event review"
OLD_TASK = "Secretariat review"


def rename(apps, schema_editor, workflow_from, task_from, to_workflow, to_task):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    EventReviewTask = apps.get_model("wagtail_eventcal", "EventReviewTask")
    Workflow.objects.filter(name=workflow_from).update(name=to_workflow)
    EventReviewTask.objects.filter(name=task_from).update(name=to_task)


def forwards(apps, schema_editor):
    rename(apps, schema_editor, OLD_WORKFLOW, OLD_TASK, NEW, NEW)


def backwards(apps, schema_editor):
    rename(apps, schema_editor, NEW, NEW, OLD_WORKFLOW, OLD_TASK)


class Migration(migrations.Migration):
    dependencies = [
        ("wagtail_eventcal", "0014_exchange_import_keys_duplicate_reason"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]

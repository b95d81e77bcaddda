import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def fill_pages(apps, schema_editor):
    """Rounds opened before the field existed: their workflow state's object."""
    TaskState = apps.get_model("wagtail_eventcal", "EventReviewTaskState")
    Page = apps.get_model("wagtailcore", "Page")
    rounds = list(TaskState.objects.filter(page__isnull=True).select_related("workflow_state"))
    object_ids = {
        int(r.workflow_state.object_id) for r in rounds if r.workflow_state.object_id.isdigit()
    }
    existing = set(Page.objects.filter(pk__in=object_ids).values_list("pk", flat=True))
    for task_state in rounds:
        object_id = task_state.workflow_state.object_id
        if object_id.isdigit() and int(object_id) in existing:
            task_state.page_id = int(object_id)
            task_state.save(update_fields=["page"])


class Migration(migrations.Migration):
    dependencies = [
        ("wagtail_eventcal", "0007_review_permission"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="eventreviewtaskstate",
            name="page",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to=settings.WAGTAIL_PAGE_MODEL,
                verbose_name="page",
            ),
        ),
        migrations.RunPython(fill_pages, migrations.RunPython.noop),
    ]

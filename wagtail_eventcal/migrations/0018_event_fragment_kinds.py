"""Stored fragments of several kinds (issue 17): besides the VEVENT, an
event's list card and month-grid entry, each with the version of what
rendered it."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("wagtail_eventcal", "0017_merge_eventmerge"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="eventfeedfragment", name="eventcal_fragment_unique"
        ),
        migrations.RenameField(model_name="eventfeedfragment", old_name="vevent", new_name="text"),
        migrations.AlterField(
            model_name="eventfeedfragment", name="text", field=models.TextField(verbose_name="text")
        ),
        migrations.AddField(
            model_name="eventfeedfragment",
            name="kind",
            field=models.CharField(default="vevent", max_length=16, verbose_name="kind"),
        ),
        migrations.AddField(
            model_name="eventfeedfragment",
            name="version",
            field=models.CharField(blank=True, default="", max_length=40, verbose_name="version"),
        ),
        migrations.AlterModelOptions(
            name="eventfeedfragment",
            options={"verbose_name": "event fragment", "verbose_name_plural": "event fragments"},
        ),
        migrations.AddConstraint(
            model_name="eventfeedfragment",
            constraint=models.UniqueConstraint(
                fields=("event", "language", "kind"), name="eventcal_fragment_unique"
            ),
        ),
    ]

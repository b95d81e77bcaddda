from django.db import migrations, models

INDEX = "wagtail_eventcal_eventpage_search_trgm"


def fill(apps, schema_editor):
    # Historical models have no methods: the same values as
    # EventPage.searched_values(), folded by the same function.
    from wagtail_eventcal.folding import search_text

    EventPage = apps.get_model("wagtail_eventcal", "EventPage")
    fields = (
        "title",
        "title_en",
        "summary_ja",
        "summary_en",
        "venue_name_ja",
        "venue_name_en",
        "address_ja",
        "address_en",
    )
    for event in EventPage.objects.prefetch_related("participations__organization"):
        values = [getattr(event, name) for name in fields]
        for participation in event.participations.all():
            values += [participation.organization.name_ja, participation.organization.name_en]
        EventPage.objects.filter(pk=event.pk).update(search_text=search_text(values))


def add_trigram_index(apps, schema_editor):
    # PostgreSQL: substring search (LIKE '%word%') on a GIN trigram index.
    # pg_trgm is a trusted extension: the database owner may create it.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtail_eventcal_eventpage "
            "USING gin (search_text gin_trgm_ops)"
        )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("wagtail_eventcal", "0010_preview_tokens"),
    ]

    operations = [
        migrations.AddField(
            model_name="eventpage",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(add_trigram_index, drop_trigram_index),
    ]

from django.db import migrations

# Frozen copy of choices.BodyType at the time of this migration.
CODES = [
    "ministry",
    "local_government",
    "incorporated_administrative_agency",
    "chamber_of_commerce",
    "society_of_commerce",
    "university",
    "general_incorporated_association",
    "general_foundation",
    "public_interest_foundation",
    "company",
    "other",
]


def create_tags(apps, schema_editor):
    BodyTypeTag = apps.get_model("wagtail_eventcal", "BodyTypeTag")
    for code in CODES:
        BodyTypeTag.objects.get_or_create(code=code)


class Migration(migrations.Migration):
    dependencies = [("wagtail_eventcal", "0001_initial")]

    operations = [migrations.RunPython(create_tags, migrations.RunPython.noop)]

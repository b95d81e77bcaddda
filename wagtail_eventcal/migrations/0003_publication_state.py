from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("wagtail_eventcal", "0002_body_type_tags"),
    ]

    operations = [
        migrations.CreateModel(
            name="PublicationState",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("counter", models.PositiveBigIntegerField(default=0, verbose_name="counter")),
                ("changed_at", models.DateTimeField(verbose_name="changed at")),
            ],
            options={
                "verbose_name": "publication state",
                "verbose_name_plural": "publication state",
            },
        ),
    ]

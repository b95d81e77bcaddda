from django.db import migrations


def grant_to_reviewer_group(apps, schema_editor):
    """Reviewers were recognised by their group's name before this permission
    existed: give it to that group, so an upgraded site keeps its reviewers.
    (Permissions are otherwise created after migrating, hence get_or_create.)"""
    from wagtail_eventcal.conf import get_setting

    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=get_setting("REVIEWER_GROUP")).first()
    if group is None:
        return
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _created = ContentType.objects.get_or_create(
        app_label="wagtail_eventcal", model="eventpage"
    )
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type,
        codename="review_eventpage",
        defaults={"name": "Can review submitted events"},
    )
    group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtail_eventcal", "0006_review_workflow"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="eventpage",
            options={
                "permissions": [("review_eventpage", "Can review submitted events")],
                "verbose_name": "event",
                "verbose_name_plural": "events",
            },
        ),
        migrations.RunPython(grant_to_reviewer_group, migrations.RunPython.noop),
    ]

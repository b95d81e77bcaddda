from django.conf import settings
from django.db import migrations


def name_the_site(apps, schema_editor):
    """The dashboard's header is the site's name for every user whose pages
    lie in one site (everyone but superusers, who see WAGTAIL_SITE_NAME):
    give the demo site the portal's name instead of "Example"."""
    Site = apps.get_model("wagtailcore.Site")
    Site.objects.filter(site_name="Example").update(site_name=settings.WAGTAIL_SITE_NAME)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_create_homepage"),
    ]

    operations = [migrations.RunPython(name_the_site, migrations.RunPython.noop)]

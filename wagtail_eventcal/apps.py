from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WagtailEventcalConfig(AppConfig):
    name = "wagtail_eventcal"
    label = "wagtail_eventcal"
    verbose_name = _("Event calendar")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import publication

        publication.connect_signals()

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportedEvent(models.Model):
    """Which draft an import made from which row, so that importing the same
    file again updates that draft instead of adding a second one. The key is
    the ``.ics`` UID (``ics:<uid>``) or the CSV's code and NO
    (``csv:<code>:<no>``), per organization."""

    organization = models.ForeignKey(
        "wagtail_eventcal.Organization", on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(_("import key"), max_length=255)
    page = models.ForeignKey(
        "wagtail_eventcal.EventPage", on_delete=models.CASCADE, related_name="import_keys"
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("imported event")
        verbose_name_plural = _("imported events")
        constraints = [
            models.UniqueConstraint(fields=["organization", "key"], name="eventcal_import_key")
        ]

    def __str__(self):
        return self.key

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


class ImportJob(models.Model):
    """Drafts being created from a previewed file in the background (a
    large file takes minutes): its progress, shown to the submitter who
    started it, and the summary when done."""

    QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
    STATUS_CHOICES = [
        (QUEUED, _("Waiting")),
        (RUNNING, _("Creating drafts")),
        (DONE, _("Done")),
        (FAILED, _("Failed")),
    ]

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    organization = models.ForeignKey(
        "wagtail_eventcal.Organization", on_delete=models.CASCADE, related_name="+"
    )
    calendar = models.ForeignKey(
        "wagtail_eventcal.CalendarPage", on_delete=models.CASCADE, related_name="+"
    )
    role = models.CharField(max_length=16)
    defaults = models.JSONField(default=dict)
    filename = models.CharField(max_length=255, blank=True)
    payload = models.BinaryField()
    status = models.CharField(max_length=8, choices=STATUS_CHOICES, default=QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")

    def __str__(self):
        return self.filename or str(self.pk)

    @property
    def finished(self):
        return self.status in (self.DONE, self.FAILED)

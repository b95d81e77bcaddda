from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DetailUrlCheck(models.Model):
    """One check of an event's detail URL (see ``url_checks.py``)."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("event")
    )
    url = models.URLField(_("URL"), max_length=500)
    checked_at = models.DateTimeField(_("checked"), default=timezone.now)
    status_code = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("detail URL check")
        verbose_name_plural = _("detail URL checks")
        ordering = ["-checked_at", "-pk"]

    def __str__(self):
        return f"{self.url}: {self.status_code or self.error}"

    @property
    def is_reachable(self):
        return self.status_code is not None and self.status_code < 400

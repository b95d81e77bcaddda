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

    #: ``error`` holds one of these codes (url_checks.probe); older rows
    #: hold a raw text, shown as it is.
    ERROR_MESSAGES = {
        "name_not_found": _("could not reach the site: name not found"),
        "connection_refused": _("could not reach the site: connection refused"),
        "timeout": _("could not reach the site: no answer in time"),
        "tls_error": _("could not reach the site: its HTTPS certificate is not valid"),
        "network_error": _("could not reach the site: network error"),
        "bad_response": _("could not reach the site: not a valid HTTP answer"),
        "too_many_redirects": _("could not reach the site: too many redirects"),
        "invalid_url": _("not checked: not an http or https address"),
        "internal_address": _("not checked: the address is on an internal network"),
    }

    class Meta:
        verbose_name = _("detail URL check")
        verbose_name_plural = _("detail URL checks")
        ordering = ["-checked_at", "-pk"]

    def __str__(self):
        return f"{self.url}: {self.status_code or self.error}"

    @property
    def error_message(self):
        return self.ERROR_MESSAGES.get(self.error, self.error)

    @property
    def is_reachable(self):
        return self.status_code is not None and self.status_code < 400

"""Publication webhooks: the endpoints a front-end registers, and the stored
deliveries to them (the outbox of ``outbox.py``)."""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..fields import HttpURLField
from ..outbox import OutboxEntry


def new_secret():
    return secrets.token_urlsafe(32)


class WebhookEndpoint(models.Model):
    name = models.CharField(_("name"), max_length=100)
    url = HttpURLField(
        _("URL"), help_text=_("Receives a signed JSON POST on every change of public events.")
    )
    secret = models.CharField(
        _("signing secret"),
        max_length=100,
        default=new_secret,
        help_text=_(
            "Shared with the receiver, which checks the X-Eventcal-Signature header with it. "
            "Generated for you; change it to rotate."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        ordering = ["name"]

    def __str__(self):
        return self.name


class WebhookDelivery(OutboxEntry):
    """One POST of one change to one endpoint. ``body`` is stored as sent, so
    a resend carries the same bytes (and the same delivery id)."""

    endpoint = models.ForeignKey(
        WebhookEndpoint,
        verbose_name=_("endpoint"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    action = models.CharField(_("action"), max_length=20)
    page_id = models.PositiveBigIntegerField(_("page id"))
    body = models.TextField(_("body"))
    response_status = models.PositiveSmallIntegerField(_("response status"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-pk"]

    #: Why nothing was sent (``webhooks.delivery.AddressRefused``): one
    #: sentence per reason, never a detail of the internal network.
    REFUSALS = {
        "internal_address": _(
            "Not sent: the endpoint is not on a public address "
            "(internal hosts must be allowed in the site's settings)."
        ),
        "name_not_found": _("Not sent: the endpoint's host name was not found."),
        "invalid_url": _("Not sent: the endpoint is not an http or https address."),
    }

    def __str__(self):
        return f"{self.action} #{self.page_id} → {self.endpoint}"

    @property
    def error_message(self):
        """The last error as shown on the Deliveries page."""
        kind, _sep, code = self.last_error.partition(": ")
        if kind == "AddressRefused" and code in self.REFUSALS:
            return self.REFUSALS[code]
        return self.last_error

    def send(self):
        from ..webhooks.delivery import post

        try:
            post(self)  # sets response_status, raises unless it is 2xx
        finally:
            self.save(update_fields=["response_status"])

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DelegationQuerySet(models.QuerySet):
    def active(self, now=None):
        """Delegations that grant access right now: not revoked, not expired.

        Checked on every request, so an expired delegation never works even
        before ``eventcal_expire_delegations`` has removed its grant."""
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=now, delegate__isnull=False)

    def expired(self, now=None):
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__lte=now)

    def pending(self, now=None):
        """Invitations mailed and not yet accepted, still acceptable."""
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=now, delegate__isnull=True)


class Delegation(models.Model):
    """Proxy entry (posting rule 6, FAQ 2): a public body's staff member asks the
    body running the event to enter this one event on the body's behalf.

    The official types an email address; the row is an invitation to it
    (``delegate`` empty) until someone follows the signed link mailed there
    and accepts, proving they read that address: the delegation then belongs
    to that account (``accepted_at``). An address is never matched to an
    existing account: anyone can put any address on their own account."""

    event = models.ForeignKey(
        "wagtail_eventcal.EventPage",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="delegations",
    )
    delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proxy"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="eventcal_delegations",
    )
    email = models.EmailField(
        _("invited address"),
        blank=True,
        help_text=_("Normalised: surrounding spaces removed, A-Z in lower case."),
    )
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("delegated by"),
        on_delete=models.PROTECT,
        related_name="eventcal_delegations_granted",
    )
    organization = models.ForeignKey(
        "wagtail_eventcal.Organization",
        verbose_name=_("on behalf of"),
        on_delete=models.PROTECT,
        related_name="delegations",
    )
    acknowledged_proxy_entry_at = models.DateTimeField(
        _("told: this is proxy entry"),
        help_text=_(
            "When the official confirmed telling the proxy it enters on the body's behalf."
        ),
    )
    acknowledged_this_event_only_at = models.DateTimeField(
        _("told: this event only"),
        help_text=_("When the official confirmed telling the proxy it is for this event only."),
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = DelegationQuerySet.as_manager()

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["delegate", "expires_at"], name="eventcal_delegate_expiry")]

    def __str__(self):
        return f"{self.delegate or self.email} → {self.event}"

    @property
    def proxy_name(self):
        """The proxy's username once accepted, the invited address before."""
        return self.delegate.get_username() if self.delegate_id else self.email

    def is_active(self, now=None):
        now = now or timezone.now()
        return self.revoked_at is None and self.expires_at > now and self.delegate_id is not None

    @property
    def status(self):
        if self.revoked_at is not None:
            return _("Revoked")
        if self.expires_at <= timezone.now():
            return _("Expired")
        if self.delegate_id is None:
            return _("Invited")
        return _("Active")

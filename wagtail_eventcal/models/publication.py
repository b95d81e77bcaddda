from django.db import models
from django.utils.translation import gettext_lazy as _


class PublicationState(models.Model):
    """One row: how many times public calendar content has changed, and when.

    Read through :mod:`wagtail_eventcal.publication`, never directly.
    """

    counter = models.PositiveBigIntegerField(_("counter"), default=0)
    changed_at = models.DateTimeField(_("changed at"))
    #: The latest changes, oldest first, as JSON: ``[[counter, changed_at
    #: (ISO), event ids or null for a change of everything], ...]``. Caches
    #: brought up to date event by event (:mod:`wagtail_eventcal.public.spliced`)
    #: read it. Text, decoded only then: every public page reads this row.
    recent = models.TextField(_("recent changes"), default="[]", blank=True)

    class Meta:
        verbose_name = _("publication state")
        verbose_name_plural = _("publication state")

    def __str__(self):
        return f"#{self.counter} ({self.changed_at:%Y-%m-%d %H:%M:%S})"

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventFeedFragment(models.Model):
    """The VEVENT of one event in one language, rendered from its live revision.

    Feeds join these instead of serializing every event on each request; a
    fragment is re-rendered when the event's live revision differs from
    ``revision_id`` (and deleted when something else it shows changes, see
    :mod:`wagtail_eventcal.ical_feed`).
    """

    event = models.ForeignKey(
        "wagtail_eventcal.EventPage", on_delete=models.CASCADE, related_name="feed_fragments"
    )
    language = models.CharField(_("language"), max_length=8)
    revision_id = models.PositiveBigIntegerField(_("revision"), null=True)
    # The number of publications after the first (iCalendar SEQUENCE).
    sequence = models.PositiveIntegerField(_("sequence"), default=0)
    last_modified = models.DateTimeField(_("last modified"), null=True)
    vevent = models.TextField(_("VEVENT"))

    class Meta:
        verbose_name = _("feed fragment")
        verbose_name_plural = _("feed fragments")
        constraints = [
            models.UniqueConstraint(fields=["event", "language"], name="eventcal_fragment_unique")
        ]

    def __str__(self):
        return f"{self.event_id} [{self.language}] r{self.revision_id}"

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EventMerge(models.Model):
    """A reviewer merged two submissions of one event (issue 15, item 2):
    ``withdrawn``'s participating organizations were moved onto ``kept`` and
    ``withdrawn`` left the calendar and the review.

    A row of its own, not a field of the page: a page's fields are copied
    from its revisions on every publication, so a marker there would be
    wiped by publishing an older revision. The one-to-one key makes "merged
    twice" impossible in the database itself, whatever two requests do."""

    kept = models.ForeignKey(
        "wagtail_eventcal.EventPage",
        verbose_name=_("kept event"),
        on_delete=models.CASCADE,
        related_name="merged_in",
    )
    withdrawn = models.OneToOneField(
        "wagtail_eventcal.EventPage",
        verbose_name=_("withdrawn event"),
        on_delete=models.CASCADE,
        related_name="merged_into",
    )
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("merged by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    merged_at = models.DateTimeField(_("merged"), default=timezone.now)
    #: ``[{"organization": pk, "role": role}]`` moved onto the kept event.
    added = models.JSONField(_("organizations added"), default=list, blank=True)
    comment = models.TextField(_("message to the submitter"), blank=True)

    class Meta:
        verbose_name = _("event merge")
        verbose_name_plural = _("event merges")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kept=models.F("withdrawn")), name="eventcal_merge_not_itself"
            )
        ]

    def __str__(self):
        return f"{self.withdrawn_id} → {self.kept_id}"

"""The edit form's list of what an event still lacks for submission
(:mod:`..rules.completeness`)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from ..rules.completeness import field_labels, missing_for_submission


class MissingForSubmissionPanel(Panel):
    """On the edit form: "Before you submit …, complete: …" (nothing when
    the event is complete)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "wagtail_eventcal/admin/missing_for_submission.html"

        @property
        def missing(self):
            return field_labels(self.instance, missing_for_submission(self.instance))

        def is_shown(self):
            return bool(self.instance.pk) and bool(self.missing)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["missing"] = self.missing
            context["intro"] = _("Before you submit this event for review, complete:")
            return context

from django.utils import timezone
from wagtail.admin.ui.components import Component

from ..conf import get_setting
from ..models import Delegation
from ..rules import quotes
from .service import delegated_event_ids


class DelegatedEventsPanel(Component):
    """The proxy's dashboard: only the events delegated to them, each with
    on whose behalf, by whom and until when; the secretariat's contact."""

    name = "eventcal_delegated_events"
    template_name = "wagtail_eventcal/admin/delegations/dashboard_panel.html"
    order = 50

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["delegations"] = (
            Delegation.objects.active(timezone.now())
            .filter(delegate=self.user, event_id__in=delegated_event_ids(self.user))
            .select_related("event", "granted_by", "organization")
            .order_by("event__start")
        )
        # Whom to ask when no answer comes, as submitters are told; and ※2.
        context["secretariat"] = get_setting("SECRETARIAT")
        context["review_days"] = get_setting("REVIEW_BUSINESS_DAYS")
        context["note2"] = quotes.NOTE_2
        return context

from django.utils import timezone
from wagtail.admin.ui.components import Component

from ..models import Delegation
from .service import delegated_event_ids


class DelegatedEventsPanel(Component):
    """The proxy's dashboard: only the events delegated to them, each with
    on whose behalf, by whom and until when."""

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
        return context

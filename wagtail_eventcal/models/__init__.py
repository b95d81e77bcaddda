"""The data: calendars, events and their participations, organizations,
delegations, stored feed fragments, import keys, merges of duplicates, the
publication token, URL checks, webhook endpoints and deliveries (and the
review's models, defined in ``workflow.models``).

Never imports ``public``, ``feeds`` or ``delegation`` at module level: the
page models' routes import their views lazily. The edit form and panels the
models declare come from ``editing`` and ``workflow``.
"""

from ..workflow.models import EventReviewTask, EventReviewTaskState, Notification
from .delegations import Delegation
from .exchange import ImportedEvent, ImportJob
from .feed_cache import EventFeedFragment
from .merges import EventMerge
from .organizations import BodyTypeTag, Organization
from .pages import CalendarPage, EventPage, Participation
from .preview import PreviewToken
from .publication import PublicationState
from .url_checks import DetailUrlCheck
from .webhooks import WebhookDelivery, WebhookEndpoint

__all__ = [
    "BodyTypeTag",
    "CalendarPage",
    "Delegation",
    "DetailUrlCheck",
    "EventFeedFragment",
    "EventMerge",
    "EventPage",
    "EventReviewTask",
    "EventReviewTaskState",
    "ImportedEvent",
    "ImportJob",
    "Notification",
    "Organization",
    "Participation",
    "PreviewToken",
    "PublicationState",
    "WebhookDelivery",
    "WebhookEndpoint",
]

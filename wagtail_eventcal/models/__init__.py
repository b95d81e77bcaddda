from ..workflow.models import EventReviewTask, EventReviewTaskState, Notification
from .delegations import Delegation
from .feed_cache import EventFeedFragment
from .organizations import BodyTypeTag, Organization
from .pages import CalendarPage, EventPage, Participation
from .publication import PublicationState
from .url_checks import DetailUrlCheck

__all__ = [
    "BodyTypeTag",
    "CalendarPage",
    "Delegation",
    "DetailUrlCheck",
    "EventFeedFragment",
    "EventPage",
    "EventReviewTask",
    "EventReviewTaskState",
    "Notification",
    "Organization",
    "Participation",
    "PublicationState",
]

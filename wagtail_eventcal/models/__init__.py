from .delegations import Delegation
from .feed_cache import EventFeedFragment
from .organizations import BodyTypeTag, Organization
from .pages import CalendarPage, EventPage, Participation
from .publication import PublicationState

__all__ = [
    "BodyTypeTag",
    "CalendarPage",
    "Delegation",
    "EventFeedFragment",
    "EventPage",
    "Organization",
    "Participation",
    "PublicationState",
]

from .organizations import BodyTypeTag, Organization
from .pages import CalendarPage, EventPage, Participation
from .publication import PublicationState

__all__ = [
    "BodyTypeTag",
    "CalendarPage",
    "EventPage",
    "Organization",
    "Participation",
    "PublicationState",
]

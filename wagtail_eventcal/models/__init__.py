from .organizations import BodyTypeTag, Organization
from .pages import CalendarPage, EventPage, Participation

__all__ = [
    "BodyTypeTag",
    "CalendarPage",
    "EventPage",
    "Organization",
    "Participation",
]

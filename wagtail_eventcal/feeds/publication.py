"""The "last publication" token: one cheap read that tells whether anything
public in the calendars may have changed.

Every cache of public output (the iCalendar feed bytes, ETags and
Last-Modified of the feeds and the API) is keyed on :func:`current`. The token
is a counter in a single database row, bumped inside the same transaction as
the change, so that it is right across processes (gunicorn workers) without a
shared cache, and read in one primary-key query.

It is bumped when an event or calendar is published, unpublished, deleted or
moved, and also when something that changes public output without a
publication happens: a view restriction is added or removed, an organization
(its name appears in feeds, its body types in filters), a Site (its host
appears in absolute URLs) or a live event's image (its renditions' URLs)
is saved or deleted.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save, pre_delete
from django.utils import timezone
from wagtail.models import PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

ROW_ID = 1
# Before anything was ever published (an empty calendar).
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Publication:
    token: int
    changed_at: datetime


def current():
    """The current token, in one query (no write, even on a fresh database)."""
    from ..models import PublicationState

    row = PublicationState.objects.filter(pk=ROW_ID).values_list("counter", "changed_at").first()
    return Publication(*row) if row else Publication(0, EPOCH)


def bump():
    """Record a change of public content (inside the caller's transaction)."""
    from ..models import PublicationState

    now = timezone.now()
    with transaction.atomic():
        updated = PublicationState.objects.filter(pk=ROW_ID).update(
            counter=F("counter") + 1, changed_at=now
        )
        if not updated:
            PublicationState.objects.get_or_create(
                pk=ROW_ID, defaults={"counter": 1, "changed_at": now}
            )


def _is_calendar_page(instance):
    from ..models import CalendarPage, EventPage

    return isinstance(instance, EventPage | CalendarPage)


def _on_page_change(sender, instance, **kwargs):
    if _is_calendar_page(instance):
        bump()


def _on_any_change(sender, **kwargs):
    bump()


def _on_image_change(sender, instance, **kwargs):
    # A live event's image changes its public output (new rendition URLs, or
    # none once deleted) without a publication.
    from ..models import EventPage

    if EventPage.objects.filter(image=instance, live=True).exists():
        bump()


def connect_signals():
    """Called once from ``AppConfig.ready``."""
    from wagtail.images import get_image_model

    from ..models import CalendarPage, EventPage, Organization

    image_model = get_image_model()
    post_save.connect(_on_image_change, sender=image_model, dispatch_uid="eventcal-pub-image")
    pre_delete.connect(_on_image_change, sender=image_model, dispatch_uid="eventcal-pub-image-del")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_on_page_change, dispatch_uid=f"eventcal-publication-{id(signal)}")
    for model in (EventPage, CalendarPage):
        post_delete.connect(
            _on_any_change, sender=model, dispatch_uid=f"eventcal-publication-del-{model.__name__}"
        )
    for model in (PageViewRestriction, Organization, Site):
        for signal in (post_save, post_delete):
            signal.connect(
                _on_any_change,
                sender=model,
                dispatch_uid=f"eventcal-publication-{model.__name__}-{id(signal)}",
            )

"""The "last publication" token: one cheap read that tells whether anything
public in the calendars may have changed.

Every cache of public output (the iCalendar feed bytes, ETags and
Last-Modified of the feeds and the API) is keyed on :func:`current`
(:attr:`Publication.version`). The token
is a counter in a single database row, bumped inside the same transaction as
the change, so that it is right across processes (gunicorn workers) without a
shared cache, and read in one primary-key query.

It is bumped when an event or calendar is published, unpublished, deleted or
moved, and also when something that changes public output without a
publication happens: a view restriction is added or removed, an organization
(its name appears in feeds, its body types in filters), a Site (its host
appears in absolute URLs) or a live event's image (its renditions' URLs)
is saved or deleted.

Each bump also records which events changed (``recent``, the last
:data:`KEEP` changes): a cache built at an earlier token can then be brought
up to date by re-reading only those events (:meth:`Publication.changes_since`)
instead of being rebuilt after every publication.
"""

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.utils import timezone
from wagtail.models import PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

ROW_ID = 1
#: How many changes the row remembers (a cache older than that is rebuilt).
KEEP = 64
# Before anything was ever published (an empty calendar).
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Publication:
    token: int
    changed_at: datetime
    #: ``PublicationState.recent`` (JSON text)
    recent: str = "[]"

    @property
    def version(self):
        """What names this state uniquely, for every key of kept output and
        every ETag: the counter alone starts again at 1 on a new database and
        goes back on one restored from a backup or on a promoted replica that
        lagged, while a shared cache keeps what it held; the time tells them
        apart."""
        return (self.token, self.changed_at.isoformat())

    def changes_since(self, version):
        """The ids of the events changed after ``version`` (an earlier
        :attr:`version`) up to this state, or None when that is not known:
        ``version`` is older than the remembered changes, or one of the
        changes was not about single events (a calendar, an organization, a
        site, a bulk load: everything may have changed)."""
        if version == self.version:
            return frozenset()
        changed = set()
        found = False
        for counter, changed_at, events in _entries(self.recent):
            if found:
                if events is None:
                    return None
                changed.update(events)
            elif [counter, changed_at] == list(version):
                found = True
        return frozenset(changed) if found else None


@lru_cache(maxsize=16)
def _entries(recent):
    # Several kept caches ask one state in a request.
    return json.loads(recent)


def current():
    """The current token, in one query (no write, even on a fresh database)."""
    from ..models import PublicationState

    row = (
        PublicationState.objects.filter(pk=ROW_ID)
        .values_list("counter", "changed_at", "recent")
        .first()
    )
    if not row:
        return Publication(0, EPOCH)
    return Publication(*row)


def bump(events=None):
    """Record a change of public content (inside the caller's transaction):
    of the events with the ids in ``events``, or of anything (None)."""
    from ..models import PublicationState

    now = timezone.now()
    with transaction.atomic():
        PublicationState.objects.get_or_create(
            pk=ROW_ID, defaults={"counter": 0, "changed_at": now}
        )
        # The row lock orders concurrent publications: each change gets its
        # own counter and its place in ``recent``.
        row = PublicationState.objects.select_for_update().get(pk=ROW_ID)
        row.counter += 1
        row.changed_at = now
        entry = [row.counter, now.isoformat(), None if events is None else sorted(events)]
        row.recent = json.dumps([*json.loads(row.recent), entry][-KEEP:])
        row.save(update_fields=["counter", "changed_at", "recent"])


def _on_page_change(sender, instance, **kwargs):
    from ..models import CalendarPage, EventPage

    if isinstance(instance, EventPage):
        bump([instance.pk])
    elif isinstance(instance, CalendarPage):
        bump()


def _on_move(sender, instance, **kwargs):
    from ..models import CalendarPage, EventPage

    if isinstance(instance, EventPage | CalendarPage):
        _on_page_change(sender, instance)
    elif CalendarPage.objects.descendant_of(instance).exists():
        # A page moved above calendars moves their events' URLs, and may put
        # them under a view restriction: anything may have changed.
        bump()


def _on_any_change(sender, **kwargs):
    bump()


def _on_image_change(sender, instance, **kwargs):
    # A live event's image changes its public output (new rendition URLs, or
    # none once deleted) without a publication.
    from ..models import EventPage

    events = list(EventPage.objects.filter(image=instance, live=True).values_list("pk", flat=True))
    if events:
        bump(events)


def connect_signals():
    """Called once from ``AppConfig.ready``."""
    from wagtail.images import get_image_model

    from ..models import CalendarPage, EventPage, Organization

    image_model = get_image_model()
    post_save.connect(_on_image_change, sender=image_model, dispatch_uid="eventcal-pub-image")
    pre_delete.connect(_on_image_change, sender=image_model, dispatch_uid="eventcal-pub-image-del")
    for signal in (page_published, page_unpublished):
        signal.connect(_on_page_change, dispatch_uid=f"eventcal-publication-{id(signal)}")
    post_page_move.connect(_on_move, dispatch_uid="eventcal-publication-move")
    for model in (EventPage, CalendarPage):
        post_delete.connect(
            _on_page_change, sender=model, dispatch_uid=f"eventcal-publication-del-{model.__name__}"
        )
    for model in (PageViewRestriction, Organization, Site):
        for signal in (post_save, post_delete):
            signal.connect(
                _on_any_change,
                sender=model,
                dispatch_uid=f"eventcal-publication-{model.__name__}-{id(signal)}",
            )

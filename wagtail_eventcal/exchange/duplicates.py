"""Is this event already in the calendar? A score on two events' normalised
titles (both languages), start date, venue/address and detail URL.

Precision matters more than recall (a false alarm makes a submitter explain
an event that is not a duplicate): the start date is a gate (the same
seminar series on different days is not a duplicate), and titles that
differ in a number (第1回 / 第2回) are not the same title. The measured
precision and recall on the labelled pairs of
``tests/exchange/data/duplicate_pairs.json`` are stated in the README.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from difflib import SequenceMatcher

from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import WorkflowState

from ..models.pages import event_zone
from .normalize import fold, numbers, url_key

THRESHOLD = 0.7
TITLE_WEIGHT, URL_WEIGHT, PLACE_WEIGHT = 0.6, 0.35, 0.15


@dataclass(frozen=True)
class Features:
    titles: tuple  # folded, non-empty, both languages
    numbers: frozenset
    day: object  # the local start date
    place: str
    url: str

    @classmethod
    def of(cls, *, title="", title_en="", start=None, venue="", address="", url=""):
        titles = tuple(t for t in {fold(title), fold(title_en)} if t)
        nums = frozenset(numbers(title)) | frozenset(numbers(title_en))
        day = timezone.localtime(start, event_zone()).date() if start else None
        return cls(titles, nums, day, fold(f"{venue}{address}"), url_key(url))

    @classmethod
    def of_event(cls, event):
        return cls.of(
            title=event.title,
            title_en=event.title_en,
            start=event.start,
            venue=event.venue_name_ja or event.venue_name_en,
            address=event.address_ja or event.address_en,
            url=event.detail_url,
        )

    @classmethod
    def of_values(cls, values):
        return cls.of(
            title=values.get("title", ""),
            title_en=values.get("title_en", ""),
            start=values.get("start"),
            venue=values.get("venue_name_ja", ""),
            address=values.get("address_ja", ""),
            url=values.get("detail_url", ""),
        )


def _ratio(a, b):
    return SequenceMatcher(None, a, b, autojunk=False).ratio() if a and b else 0.0


def title_similarity(a, b):
    if a.numbers and b.numbers and a.numbers != b.numbers:
        return 0.0  # 第1回 vs 第2回, 2025 vs 2026: another edition
    return max((_ratio(x, y) for x in a.titles for y in b.titles), default=0.0)


def score(a, b):
    """0 … 1; two events on different start dates score 0."""
    if a.day is None or a.day != b.day:
        return 0.0
    title = title_similarity(a, b)
    same_url = 1.0 if a.url and a.url == b.url else 0.0
    place = _ratio(a.place, b.place) if a.place and b.place else 0.0
    if same_url and title == 0.0 and a.numbers and b.numbers:
        return 0.0  # one page for a series: the numbers tell the editions apart
    return min(1.0, TITLE_WEIGHT * title + URL_WEIGHT * same_url + PLACE_WEIGHT * place)


def is_duplicate(a, b):
    return score(a, b) >= THRESHOLD


def day_events(day):
    """The events starting on ``day`` (JST), as :func:`candidates` compares
    them; an import reads each day once for all its rows."""
    from ..models import EventPage

    first = datetime.combine(day, time.min, tzinfo=event_zone())
    return list(
        EventPage.objects.filter(start__gte=first, start__lt=first + timedelta(days=1))
        # Merged into another event by a reviewer: no longer in the calendar.
        .filter(merged_into__isnull=True)
        .prefetch_related("participations__organization")
    )


def candidates(features, *, exclude=(), same_day=None):
    """Events starting on the same local day that score over the threshold,
    best first: ``[(score, event)]``. ``same_day``: that day's
    :func:`day_events`, when the caller has them already."""
    if features.day is None:
        return []
    excluded = {pk for pk in exclude if pk}
    events = day_events(features.day) if same_day is None else same_day
    found = [
        (score(features, Features.of_event(event)), event)
        for event in events
        if event.pk not in excluded
    ]
    return sorted(((s, e) for s, e in found if s >= THRESHOLD), key=lambda p: (-p[0], p[1].pk))


def submitted_by(event):
    participations = sorted(event.participations.all(), key=lambda p: (p.sort_order or 0, p.pk))
    return participations[0].organization if participations else None


def describe(event, user):
    """What ``user`` may learn of a possible duplicate: a link and its title
    where they may open it, the title of a published event, and otherwise
    only that some organization submitted an event (no draft titles leak)."""
    from django.urls import reverse

    organization = submitted_by(event)
    may_edit = event.permissions_for_user(user).can_edit()
    return {
        "event": event,
        "title": event.title if may_edit or event.live else None,
        "url": reverse("wagtailadmin_pages:edit", args=[event.pk])
        if may_edit
        else (event.url if event.live else None),
        "organization": organization.name if organization else "",
    }


def warning_text(description):
    if description["title"]:
        return _("This looks like “%(event)s” already submitted by %(organization)s.") % {
            "event": description["title"],
            "organization": description["organization"],
        }
    return _("This looks like an event already submitted by %(organization)s.") % {
        "organization": description["organization"]
    }


def refuse_unexplained_duplicate(form):
    """On submission: a possible duplicate needs the submitter's reason."""
    instance = form.instance
    if form.errors or instance.duplicate_reason.strip() or not instance.start:
        return
    found = candidates(Features.of_event(instance), exclude=[instance.pk])
    user = getattr(form, "for_user", None)
    for _score, event in found[:3]:
        form.add_error(
            "duplicate_reason",
            warning_text(describe(event, user))
            + " "
            + _("If it is another event, say why in “Not a duplicate because”, then submit again."),
        )


# --- Which way round ---------------------------------------------------------


@dataclass(frozen=True)
class Standing:
    """What decides which of two duplicates is kept."""

    live: bool
    submitted: bool  # ever sent to the review
    first_published_at: object  # datetime or None
    pk: int

    @classmethod
    def of(cls, page):
        return cls(
            live=page.live,
            submitted=WorkflowState.objects.for_instance(page).exists(),
            first_published_at=page.first_published_at,
            pk=page.pk,
        )

    def rank(self):
        """Lower is safer to keep: live, then submitted, then the older one
        (first published earlier, else created earlier)."""
        published = self.first_published_at
        return (
            not self.live,
            not self.submitted,
            published is None,
            published.timestamp() if published else 0,
            self.pk,
        )


def keeps_first(first, second):
    """Whether, of two :class:`Standing`, ``first`` is the one to keep."""
    return first.rank() <= second.rank()


def safe_direction(a, b):
    """``(kept, withdrawn)`` for two duplicate events: the default the
    reviewer is offered, which never withdraws the live (or submitted, or
    older) one of the two when the other is not."""
    return (a, b) if keeps_first(Standing.of(a), Standing.of(b)) else (b, a)

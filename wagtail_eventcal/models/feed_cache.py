"""Stored per-event fragments: an event's VEVENT, list card or month-grid
entry, rendered once per published revision and language (issue 5 for the
feeds, issue 17 for the HTML pages).

A page or a feed joins stored texts instead of rendering every event on
each request; a publication re-renders the events it changed, not the page.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

RENDER_BATCH = 500


class FragmentKind:
    """What one kind of fragment is and how it is rendered (subclassed next to
    the code that shows it: ``feeds.ical_feed``, ``public.fragments``)."""

    #: Stored in ``EventFeedFragment.kind``.
    name = ""
    #: Fields besides ``text`` that ``render`` fills (e.g. the VEVENT's SEQUENCE).
    extra_fields = ()

    def version(self):
        """What a stored text depends on besides the revision and the
        language (e.g. the templates' source): another value re-renders it."""
        return ""

    def is_current(self, text):
        return True

    def render(self, pks, language):
        """{pk: {"revision_id": …, "text": …, **extra_fields}} for the live
        events among ``pks``, in a constant number of queries."""
        raise NotImplementedError


class FragmentQuerySet(models.QuerySet):
    def texts(self, kind, language, rows, pks=None):
        """{pk: text} for ``rows`` — (pk, live revision id) pairs — reusing
        stored fragments and rendering the missing or stale ones in batches.

        ``pks`` (a list or a ``values("pk")`` subquery) selects the stored
        rows; it defaults to the pks of ``rows``. Two queries when every
        fragment is fresh; an event unpublished meanwhile has no text.
        """
        rows = list(rows)
        version = kind.version()
        selected = [pk for pk, _revision in rows] if pks is None else pks
        stored = {
            event_id: (revision_id, text)
            for event_id, revision_id, text in self.filter(
                kind=kind.name, language=language, version=version, event_id__in=selected
            ).values_list("event_id", "revision_id", "text")
        }
        stale = [
            pk
            for pk, revision_id in rows
            if stored.get(pk, (None,))[0] != revision_id or not kind.is_current(stored[pk][1])
        ]
        texts = {pk: stored[pk][1] for pk, _revision in rows if pk not in stale}
        for start in range(0, len(stale), RENDER_BATCH):
            texts.update(self.render(kind, language, stale[start : start + RENDER_BATCH]))
        return texts

    def current_text(self, kind, language):
        """An expression for ``annotate()`` on events: the stored text of the
        event's live revision, or None when it is missing or stale."""
        return models.Subquery(
            self.filter(
                event=models.OuterRef("pk"),
                kind=kind.name,
                language=language,
                version=kind.version(),
                revision_id=models.OuterRef("live_revision_id"),
            ).values("text")[:1]
        )

    def render(self, kind, language, pks):
        """Render and store the fragments of ``pks``; {pk: text}."""
        rendered = kind.render(pks, language)
        version = kind.version()
        fragments = [
            self.model(event_id=pk, kind=kind.name, language=language, version=version, **values)
            for pk, values in rendered.items()
        ]
        # An upsert: two workers rendering the same cold page must not collide.
        self.bulk_create(
            fragments,
            update_conflicts=True,
            unique_fields=["event", "language", "kind"],
            update_fields=["revision_id", "version", "text", *kind.extra_fields],
        )
        return {pk: values["text"] for pk, values in rendered.items()}


class EventFeedFragment(models.Model):
    """One event's fragment of one kind in one language, rendered from its
    live revision.

    A fragment is re-rendered when the event's live revision differs from
    ``revision_id`` or its kind's version from ``version`` (and deleted when
    something else it shows changes, see :mod:`wagtail_eventcal.feeds.ical_feed`).
    """

    event = models.ForeignKey(
        "wagtail_eventcal.EventPage", on_delete=models.CASCADE, related_name="feed_fragments"
    )
    kind = models.CharField(_("kind"), max_length=16, default="vevent")
    language = models.CharField(_("language"), max_length=8)
    revision_id = models.PositiveBigIntegerField(_("revision"), null=True)
    version = models.CharField(_("version"), max_length=40, blank=True, default="")
    # The number of publications after the first (iCalendar SEQUENCE).
    sequence = models.PositiveIntegerField(_("sequence"), default=0)
    last_modified = models.DateTimeField(_("last modified"), null=True)
    text = models.TextField(_("text"))

    objects = FragmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("event fragment")
        verbose_name_plural = _("event fragments")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "language", "kind"], name="eventcal_fragment_unique"
            )
        ]

    def __str__(self):
        return f"{self.event_id} {self.kind} [{self.language}] r{self.revision_id}"

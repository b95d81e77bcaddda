"""RSS 2.0 and Atom feeds of a calendar (Django's syndication framework),
per language, filtered like the calendar, with conditional GET."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Enclosure
from django.utils.translation import gettext as _

from .. import base_url
from ..bilingual import active_language, localized
from ..conf import get_setting
from ..dates import format_date, format_datetime
from ..event_images import absolute_url, mime_type, share_renditions
from ..models.pages import event_zone
from ..public.query_params import bad_request, bound_filter_form, feed_title, with_query
from . import publication
from .conditional import conditional_response, make_etag


def _today_start():
    today = timezone.localdate(timezone=event_zone())
    return datetime.combine(today, time.min, tzinfo=event_zone())


class EventRssFeed(Feed):
    """Events that end today or later, soonest first."""

    kind = "rss"

    def __call__(self, request, calendar):
        form = bound_filter_form(request)
        if form.is_bound and not form.is_valid():
            return bad_request(form)
        state = publication.current()
        today = _today_start()
        key = make_etag(
            self.kind,
            calendar.pk,
            active_language(),
            today.date(),
            state.version,
            form.canonical_query(),
        )
        self.request, self.form = request, form
        return conditional_response(
            request,
            etag=key,
            last_modified=max(state.changed_at, today),
            build=lambda: super(EventRssFeed, self).__call__(request, calendar=calendar),
        )

    def get_object(self, request, calendar):
        return calendar

    # A filtered feed names its filters and links to itself (self) and to the
    # same filtered calendar page (alternate), query string included.
    def title(self, calendar):
        return feed_title(str(localized(calendar, "title")), self.form)

    def link(self, calendar):
        return with_query(base_url.page_url(calendar), self.form)

    def feed_url(self, calendar):
        return with_query(base_url.absolute(self.request.path), self.form)

    def description(self, calendar):
        return _("Upcoming events of %(calendar)s") % {"calendar": self.title(calendar)}

    def items(self, calendar):
        events = calendar.events()
        if self.form.is_bound:
            events = self.form.filter(events)
        events = events.filter(end__gte=_today_start()).order_by("start", "pk")
        return events.with_related()[: get_setting("SYNDICATION_ITEMS")]

    def item_title(self, event):
        title = str(localized(event, "title"))
        if event.cancelled:
            return _("[Cancelled] %(title)s") % {"title": title}
        return title

    def item_description(self, event):
        when = (format_date if event.all_day else format_datetime)(event.local_start)
        parts = [when, str(localized(event, "venue_name")), str(localized(event, "summary"))]
        return " — ".join(part for part in parts if part)

    def item_link(self, event):
        return base_url.page_url(event)

    def item_guid(self, event):
        return self.item_link(event)

    item_guid_is_permalink = True

    def item_pubdate(self, event):
        return event.first_published_at

    def item_updateddate(self, event):
        return event.last_published_at

    def item_categories(self, event):
        return [str(event.get_category_display())]

    def item_enclosures(self, event):
        # The 16:9 share rendition; RSS requires its length in bytes (read
        # from the storage once per feed build: feeds are cached).
        renditions = share_renditions(event)
        if not renditions:
            return []
        image = renditions[0]
        return [Enclosure(absolute_url(image), str(image.file.size), mime_type(image))]

    def item_author_name(self, event):
        names = [str(localized(org, "name")) for org in event.organizers()]
        return ", ".join(names) or None


class LanguageTaggedAtomFeed(Atom1Feed):
    """Atom with ``xml:lang`` on each entry whose text is in another
    language than the feed's (an untranslated event in the English feed).
    RSS 2.0 has no per-item language: its items stay unmarked."""

    def item_attributes(self, item):
        attributes = super().item_attributes(item)
        if item.get("language") and item["language"] != self.feed.get("language"):
            attributes["xml:lang"] = item["language"]
        return attributes


class EventAtomFeed(EventRssFeed):
    kind = "atom"
    feed_type = LanguageTaggedAtomFeed

    def item_extra_kwargs(self, event):
        # The title's language: an event untranslated in its title is
        # untranslated throughout (the English side is filled or not).
        return {"language": localized(event, "title").language}

    def subtitle(self, calendar):
        return self.description(calendar)

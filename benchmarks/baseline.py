"""The baseline for the iCalendar feed: a plain django-ical ``ICalFeed``
subclass, written the way its documentation shows, over the same events as
the plugin's English feed."""

from django.utils import translation
from django_ical.views import ICalFeed

from wagtail_eventcal.bilingual import localized
from wagtail_eventcal.feeds.ical_feed import feed_events as plugin_feed_events
from wagtail_eventcal.models import CalendarPage
from wagtail_eventcal.public.filters import EventFilterForm


def feed_events(calendar):
    """Exactly the events of the plugin's unfiltered feed."""
    return plugin_feed_events(calendar, EventFilterForm()).with_related()


class DjangoIcalBaselineFeed(ICalFeed):
    product_id = "-//wagtail-eventcal benchmarks//django-ical baseline//EN"
    timezone = "Asia/Tokyo"
    file_name = "baseline.ics"
    title = "Event calendar (django-ical baseline)"

    def __call__(self, request, *args, **kwargs):
        # The plugin's feed under comparison is the English one.
        with translation.override("en"):
            return super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return CalendarPage.objects.live().first()

    def items(self, calendar):
        return feed_events(calendar)

    def item_guid(self, event):
        return f"event-{event.pk}@{self.request.get_host()}"

    def item_title(self, event):
        return str(localized(event, "title"))

    def item_description(self, event):
        return str(localized(event, "summary"))

    def item_link(self, event):
        return event.get_full_url(self.request)

    def item_start_datetime(self, event):
        return event.local_start

    def item_end_datetime(self, event):
        return event.local_end

    def item_location(self, event):
        return str(localized(event, "venue_name"))

    def item_categories(self, event):
        return [event.get_category_display()]

    def item_updateddate(self, event):
        return event.last_published_at

    def item_status(self, event):
        return "CANCELLED" if event.cancelled else "CONFIRMED"

    def item_organizer(self, event):
        from icalendar import vCalAddress

        organizers = event.organizers()
        if not organizers:
            return None
        address = vCalAddress("MAILTO:" + (event.contact_email or "noreply@example.org"))
        address.params["cn"] = str(organizers[0].name)
        return address

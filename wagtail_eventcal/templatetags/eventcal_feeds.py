"""Feed, "add to calendar" and JSON-LD tags for the public templates."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .. import base_url
from ..bilingual import active_language, localized
from ..conf import get_setting
from ..event_images import share_image
from ..feeds.ical import location_text
from ..feeds.jsonld import as_script_json, event_jsonld
from ..public import links as calendar_links
from ..public.query_params import echoed_query

register = template.Library()


@register.simple_tag(takes_context=True)
def event_jsonld_script(context, event):
    data = event_jsonld(event, active_language(), base_url.page_url(event))
    return format_html(
        '<script type="application/ld+json">{}</script>', mark_safe(as_script_json(data))
    )


@register.simple_tag(takes_context=True)
def event_calendar_links(context, event):
    """``.ics`` download, Google Calendar and Outlook "add" links."""
    language = active_language()
    page_url = base_url.page_url(event)
    title = str(localized(event, "title", language))
    details = "\n\n".join(
        part for part in (str(localized(event, "summary", language)), page_url) if part
    )
    when = {
        "title": title,
        "start": event.local_start,
        "end": event.local_end,
        "all_day": event.all_day,
        "details": details,
        "location": location_text(event, language),
    }
    return {
        "ics": event.url.rstrip("/") + ".ics",
        "google": calendar_links.google_event_url(**when, time_zone=get_setting("TIME_ZONE")),
        "outlook": calendar_links.outlook_event_url(**when),
    }


@register.simple_tag(takes_context=True)
def calendar_feed_links(context, calendar):
    """Feed URLs of ``calendar`` in the active language, with the filters
    the visitor chose (so a filtered view subscribes to a filtered feed)."""
    request = context["request"]
    filters = echoed_query(request, extra=())
    query = f"?{filters.urlencode()}" if filters else ""
    base = base_url.page_url(calendar)
    ics = f"{base}feed.ics{query}"
    name = str(localized(calendar, "title"))
    return {
        "ics": ics,
        "webcal": calendar_links.webcal_url(ics),
        "google": calendar_links.google_subscribe_url(ics),
        "outlook": calendar_links.outlook_subscribe_url(ics, name),
        "rss": f"{base}feed.rss{query}",
        "atom": f"{base}feed.atom{query}",
        "name": name,
    }


@register.inclusion_tag("wagtail_eventcal/includes/share_meta.html")
def event_share_meta(event):
    """Open Graph and Twitter card tags: what a shared link shows."""
    language = active_language()
    return {
        "title": str(localized(event, "title", language)),
        "description": str(localized(event, "summary", language)),
        "url": base_url.page_url(event),
        "locale": "en_US" if language == "en" else "ja_JP",
        "image": share_image(event, language),
    }

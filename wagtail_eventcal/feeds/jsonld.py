"""schema.org/Event as JSON-LD for an event page (Google's Event rich
results: name, startDate, location are required; endDate, eventStatus,
eventAttendanceMode, description, offers and organizer are recommended)."""

import json
import re

from django.utils import timezone

from ..bilingual import localized
from ..choices import EventFormat, Prefecture
from ..event_images import absolute_url, share_renditions
from .plain_text import rich_text_to_plain

SCHEMA = "https://schema.org/"
ATTENDANCE = {
    EventFormat.IN_PERSON: "OfflineEventAttendanceMode",
    EventFormat.ONLINE: "OnlineEventAttendanceMode",
    EventFormat.HYBRID: "MixedEventAttendanceMode",
}
NOT_A_PLACE = {Prefecture.ONLINE, Prefecture.OVERSEAS}
# Characters that could end the <script> element or start a comment in it.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def event_jsonld(event, language, url):
    """The schema.org Event of ``event`` in ``language`` as a dict."""
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": str(localized(event, "title", language)),
        "startDate": _when(event.local_start, event.all_day),
        "endDate": _when(event.local_end, event.all_day),
        "eventStatus": SCHEMA + ("EventCancelled" if event.cancelled else "EventScheduled"),
        "eventAttendanceMode": SCHEMA + ATTENDANCE[event.event_format],
        "location": _locations(event, language),
        "description": _description(event, language),
        "url": url,
        "inLanguage": [code for code in event.event_languages or [] if code != "other"] or language,
        "isAccessibleForFree": event.is_free,
        "organizer": [
            {
                "@type": "Organization",
                "name": str(localized(p.organization, "name", language)),
                **({"url": p.organization.website} if p.organization.website else {}),
            }
            for p in event.participations.all()
            if p.role == "organizer"
        ],
    }
    # Google's Event rich result: several aspect ratios (16:9, 4:3, 1:1).
    if images := share_renditions(event):
        data["image"] = [absolute_url(rendition) for rendition in images]
    # An offer is for what can still be had: none once the event is over.
    if event.end > timezone.now():
        data["offers"] = _offer(event, language)
    return data


def _when(moment, all_day):
    return moment.date().isoformat() if all_day else moment.isoformat()


def _description(event, language):
    summary = str(localized(event, "summary", language))
    return summary or rich_text_to_plain(localized(event, "description", language).value)


def _locations(event, language):
    locations = []
    if event.event_format in (EventFormat.IN_PERSON, EventFormat.HYBRID):
        address = {"@type": "PostalAddress"}
        street = str(localized(event, "address", language))
        if street:
            address["streetAddress"] = street
        if event.prefecture not in NOT_A_PLACE:
            address["addressRegion"] = str(event.get_prefecture_display())
            address["addressCountry"] = "JP"
        locations.append(
            {
                "@type": "Place",
                "name": str(localized(event, "venue_name", language))
                or str(event.get_prefecture_display()),
                "address": address,
            }
        )
    if event.event_format in (EventFormat.ONLINE, EventFormat.HYBRID):
        locations.append({"@type": "VirtualLocation", "url": event.online_url or event.detail_url})
    return locations[0] if len(locations) == 1 else locations


def _offer(event, language):
    offer = {
        "@type": "Offer",
        "url": event.detail_url,
        "priceCurrency": "JPY",
        "availability": SCHEMA + ("SoldOut" if event.cancelled else "InStock"),
    }
    price = 0 if event.is_free else fee_amount(event.fee_ja)
    if price is not None:
        offer["price"] = price
    return offer


def fee_amount(text):
    """The first amount in a free-text fee ("3,000円", "¥5000 / 人"), or None."""
    match = re.search(r"\d[\d,]*", text or "")
    return int(match.group().replace(",", "")) if match else None


def as_script_json(data):
    """JSON safe to embed in ``<script type="application/ld+json">``."""
    return json.dumps(data, ensure_ascii=False, default=str).translate(_SCRIPT_ESCAPES)

"""schema.org/Event as JSON-LD for an event page (Google's Event rich
results: name, startDate, location are required; endDate, eventStatus,
eventAttendanceMode, description, offers and organizer are recommended)."""

import json
import re

from django.utils import timezone

from ..bilingual import localized
from ..choices import EventFormat, Prefecture
from ..event_images import absolute_url, share_renditions
from ..models.pages import event_zone
from .plain_text import rich_text_to_plain
from .postal_address import performer_names, split_address

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
        "name": _text(localized(event, "title", language), language),
        "startDate": _when(event.local_start, event.all_day),
        "endDate": _when(event.local_end, event.all_day),
        "eventStatus": SCHEMA + ("EventCancelled" if event.cancelled else "EventScheduled"),
        "eventAttendanceMode": SCHEMA + ATTENDANCE[event.event_format],
        "location": _locations(event, language),
        "description": _description(event, language),
        "url": url,
        # The languages the event is held in (not the page's).
        "inLanguage": [code for code in event.event_languages or [] if code != "other"] or language,
        "isAccessibleForFree": event.is_free,
        "organizer": [
            _organization(p.organization, language)
            for p in event.participations.all()
            if p.role == "organizer"
        ],
    }
    performers = localized(event, "performers", language)
    if names := performer_names(str(performers)):
        data["performer"] = [
            {"@type": "Person", "name": _text(performers, language, name)} for name in names
        ]
    # Google's Event rich result: several aspect ratios (16:9, 4:3, 1:1).
    if images := share_renditions(event):
        data["image"] = [absolute_url(rendition) for rendition in images]
    # An offer is for what can still be had: none once the event is over.
    if event.end > timezone.now():
        data["offers"] = _offer(event)
    return data


def _text(value, language, text=None):
    """``value`` (a :class:`~wagtail_eventcal.bilingual.LocalizedValue`) as
    a string, or as a JSON-LD value object with ``@language`` when it is in
    the other language (an untranslated event on an English page)."""
    text = str(value) if text is None else text
    if value.language == language:
        return text
    return {"@value": text, "@language": value.language}


def _organization(organization, language):
    data = {
        "@type": "Organization",
        "name": _text(localized(organization, "name", language), language),
    }
    if organization.website:
        data["url"] = organization.website
    if organization.contact_email:
        data["email"] = organization.contact_email
    return data


def _when(moment, all_day):
    return moment.date().isoformat() if all_day else moment.isoformat()


def _description(event, language):
    summary = localized(event, "summary", language)
    if summary:
        return _text(summary, language)
    description = localized(event, "description", language)
    return _text(description, language, rich_text_to_plain(description.value))


def _locations(event, language):
    locations = []
    if event.event_format in (EventFormat.IN_PERSON, EventFormat.HYBRID):
        locations.append(_place(event, language))
    if event.event_format in (EventFormat.ONLINE, EventFormat.HYBRID):
        locations.append({"@type": "VirtualLocation", "url": event.online_url or event.detail_url})
    return locations[0] if len(locations) == 1 else locations


def _place(event, language):
    region = "" if event.prefecture in NOT_A_PLACE else str(event.get_prefecture_display())
    locality = localized(event, "locality", language)
    typed = localized(event, "address", language)
    address = {"@type": "PostalAddress"}
    if region:
        address.update(addressRegion=region, addressCountry="JP")
    if locality:
        address["addressLocality"] = _text(locality, language)
    parts = split_address(str(typed), region=region, locality=str(locality))
    if "postalCode" in parts:
        address["postalCode"] = parts["postalCode"]
    if "streetAddress" in parts:
        address["streetAddress"] = _text(typed, language, parts["streetAddress"])
    venue = localized(event, "venue_name", language)
    return {
        "@type": "Place",
        "name": _text(venue, language) if venue else region,
        "address": address,
    }


def _offer(event):
    offer = {
        "@type": "Offer",
        "url": event.detail_url,
        "priceCurrency": "JPY",
        "availability": SCHEMA + _availability(event),
    }
    # Applications open when the event is published; they close at the
    # deadline, else when the event starts.
    if event.first_published_at:
        offer["validFrom"] = _moment(event.first_published_at)
    offer["validThrough"] = _moment(event.application_deadline or event.start)
    price = 0 if event.is_free else fee_amount(event.fee_ja)
    if price is not None:
        offer["price"] = price
    return offer


def _moment(value):
    return value.astimezone(event_zone()).replace(microsecond=0).isoformat()


def _availability(event):
    # Google's Event offers know InStock, SoldOut and PreOrder only.
    if event.cancelled:
        return "SoldOut"
    closes = event.application_deadline or event.start
    return "InStock" if closes > timezone.now() else "SoldOut"


def fee_amount(text):
    """The first amount in a free-text fee ("3,000円", "¥5000 / 人"), or None."""
    match = re.search(r"\d[\d,]*", text or "")
    return int(match.group().replace(",", "")) if match else None


def as_script_json(data):
    """JSON safe to embed in ``<script type="application/ld+json">``."""
    return json.dumps(data, ensure_ascii=False, default=str).translate(_SCRIPT_ESCAPES)

"""The JSON body a webhook receives for one change of a public page."""

import json

from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from .. import base_url
from ..feeds import publication

LANGUAGES = ("ja", "en")


def _api_url(page, lang):
    from ..models import EventPage

    if not isinstance(page, EventPage):
        name, args, query = "wagtailapi:events:listing", [], f"?lang={lang}&calendar={page.pk}"
    else:
        name, args, query = "wagtailapi:events:detail", [page.pk], f"?lang={lang}"
    try:
        path = reverse(name, args=args)
    except NoReverseMatch:  # the site does not mount the API
        return None
    return base_url.absolute(f"{path}{query}")


def build(page, action):
    """The body for ``action`` (published, updated, unpublished, moved,
    deleted) of an event or a calendar, as bytes."""
    from ..models import EventPage

    urls, api_urls = {}, {}
    for lang in LANGUAGES:
        # On the configured base URL, like every other channel.
        urls[lang] = base_url.page_url(page, lang) or None
        api_urls[lang] = _api_url(page, lang)
    data = {
        "type": "event" if isinstance(page, EventPage) else "calendar",
        "id": page.pk,
        "action": action,
        "occurred_at": timezone.now().isoformat(),
        "languages": list(LANGUAGES),
        "urls": urls,
        "api_urls": api_urls,
        # Changes with each publication: a receiver can tell whether its
        # copy of the API is older than this change.
        "publication_token": publication.current().token,
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True)

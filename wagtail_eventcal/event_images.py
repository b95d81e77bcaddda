"""An event's optional image, as the public pages, feeds and API show it
(issue 15, item 4).

Everything public reads the event as published: the page row (Wagtail keeps
a live page's row at its live revision) of a live, public event — the same
querysets the pages, feeds and API already use — so the image of a draft or
of an unpublished change is never turned into a URL here. Renditions are
Wagtail's, read through its rendition cache (``EventPageQuerySet.with_related``
joins the image row); the widths and crops are settings (``IMAGE_WIDTHS``,
``IMAGE_SHARE_FILTERS``).
"""

import logging
import mimetypes

from wagtail.images.models import ResponsiveImage, SourceImageIOError
from wagtail.models import Collection

from . import base_url
from .bilingual import pick
from .conf import get_setting

logger = logging.getLogger(__name__)


def _renditions(event, specs):
    """{spec: rendition} of the event's image, or {} without an image or
    when its file is missing from the storage (logged): a lost file must not
    take the event page, the list, the feeds and the API down with it."""
    if event.image is None:
        return {}
    try:
        return event.image.get_renditions(*specs)
    except SourceImageIOError:
        logger.warning("Image %s of event %s: source file missing", event.image_id, event.pk)
        return {}


def srcset_specs():
    return tuple(f"width-{width}" for width in get_setting("IMAGE_WIDTHS"))


def share_specs():
    return tuple(get_setting("IMAGE_SHARE_FILTERS"))


def image_alt(event, language=None):
    """The alt text in ``language`` (English falls back to Japanese, like
    every paired field): a :class:`~.bilingual.LocalizedValue`."""
    return pick(event.image_alt_ja, event.image_alt_en, language)


def responsive_img(event, sizes, language=None):
    """``<img>`` with ``srcset``, ``sizes``, width, height and lazy loading
    (what Wagtail's ``{% srcset_image %}`` renders), or "" without an image.
    An alt text written in Japanese on an English page gets ``lang="ja"``."""
    renditions = _renditions(event, srcset_specs())
    if not renditions:
        return ""
    alt = image_alt(event, language)
    attrs = {"alt": str(alt), "sizes": sizes, "loading": "lazy", "decoding": "async"}
    if alt.is_fallback:
        attrs["lang"] = alt.language
    return ResponsiveImage(renditions, attrs)


def srcset_renditions(event):
    """The renditions of ``srcset``, narrowest first, or []."""
    return list(_renditions(event, srcset_specs()).values())


def share_renditions(event):
    """The renditions for sharing (16:9 first), or [] without an image."""
    return list(_renditions(event, share_specs()).values())


def absolute_url(rendition):
    """A rendition's URL for another site (feeds, cards, JSON-LD): media
    served by the site itself get its base URL; a storage's own absolute
    URL (a CDN, S3) is kept."""
    url = rendition.url
    return url if "://" in url else base_url.absolute(url)


def mime_type(rendition):
    return mimetypes.guess_type(rendition.file.name)[0] or "application/octet-stream"


def share_image(event, language=None):
    """What Open Graph, Twitter cards and feed enclosures show:
    ``{"url", "width", "height", "type", "alt"}``, or None."""
    renditions = share_renditions(event)
    if not renditions:
        return None
    first = renditions[0]
    return {
        "url": absolute_url(first),
        "width": first.width,
        "height": first.height,
        "type": mime_type(first),
        "alt": str(image_alt(event, language)),
    }


# --- Collections -----------------------------------------------------------
def named_collection(setting_name):
    """The collection named by ``setting_name`` (a child of the root), made
    on first use so that a site needs no set-up step for it."""
    name = get_setting(setting_name)
    found = Collection.objects.filter(name=name, depth=2).first()
    if found is None:
        found = Collection.get_first_root_node().add_child(name=name)
    return found


def event_collection():
    """Where submitters upload (their group may add and choose there)."""
    return named_collection("IMAGE_COLLECTION")


def proxy_collection():
    """Where proxies upload: no submitter group has permissions on it, so
    a proxy's picture is seen by the secretariat and on its event only."""
    return named_collection("PROXY_IMAGE_COLLECTION")

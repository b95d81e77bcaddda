"""Short ASCII slugs for new events (issue 14).

The admin fills the slug from the Japanese title, which gives a long
percent-encoded URL (/ja/events/%E9%AB%98%E5%BA%A6.../). A new event whose
slug is not plain ASCII gets one from its English title, or else from its
start date ("event-20261210"), made unique among its siblings. Existing
events keep their slugs, so their URLs keep working."""

from django.utils.text import slugify

MAX_LENGTH = 50


def is_short_ascii(slug):
    return bool(slug) and slug.isascii() and len(slug) <= MAX_LENGTH


def ascii_slug(title_en, start=None):
    base = slugify(title_en or "")[:MAX_LENGTH].strip("-")
    if not base and start is not None:
        base = f"event-{start:%Y%m%d}"
    return base or "event"


def unique_among_siblings(slug, parent_page, instance=None):
    """``slug``, or ``slug-2``, ``slug-3`` … when a sibling has it."""
    from wagtail.models import Page

    if parent_page is None:
        return slug
    taken = set(
        parent_page.get_children()
        .exclude(pk=getattr(instance, "pk", None))
        .filter(slug__startswith=slug)
        .values_list("slug", flat=True)
    )
    candidate, n = slug, 1
    while candidate in taken or not Page._slug_is_available(candidate, parent_page, instance):
        n += 1
        candidate = f"{slug[: MAX_LENGTH - len(str(n)) - 1]}-{n}"
    return candidate

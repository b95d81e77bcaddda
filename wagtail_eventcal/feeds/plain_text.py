"""Rich text as plain text, for feeds (iCalendar DESCRIPTION, RSS)."""

import html
import re

from django.utils.html import strip_tags
from wagtail.rich_text import expand_db_html

_BREAKS = re.compile(r"<br\s*/?>|</(p|h[1-6]|li|ol|ul|div|blockquote)>|<hr\s*/?>", re.IGNORECASE)
_ITEMS = re.compile(r"<li[^>]*>", re.IGNORECASE)
_BLANK_LINES = re.compile(r"\n\s*\n\s*\n+")


def rich_text_to_plain(value):
    """Paragraphs and list items on their own lines, entities decoded,
    links reduced to their text."""
    if not value:
        return ""
    markup = expand_db_html(str(value))
    markup = _ITEMS.sub("• ", markup)
    markup = _BREAKS.sub("\n", markup)
    text = html.unescape(strip_tags(markup))
    lines = [line.strip() for line in text.splitlines()]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()

"""Paired Japanese / English fields and the fallback rule.

Every text field has a Japanese and an English twin (``summary_ja`` /
``summary_en``; the Japanese title is Wagtail's own ``title``). The Japanese
side is authoritative; when the English side is blank, English pages show
the Japanese text with a "Japanese only" marker.
"""

from dataclasses import dataclass

from django.utils import translation
from django.utils.html import format_html

FALLBACK_LANGUAGE = "ja"


@dataclass(frozen=True)
class LocalizedValue:
    value: object
    language: str  # the language the value is actually written in
    is_fallback: bool

    def __str__(self):
        return "" if self.value is None else str(self.value)

    def __bool__(self):
        return bool(self.value)


def active_language():
    lang = (translation.get_language() or FALLBACK_LANGUAGE).split("-")[0]
    return "en" if lang == "en" else "ja"


def pick(ja_value, en_value, language=None):
    """Choose the value for ``language`` (the active one by default)."""
    language = language or active_language()
    if language == "en" and not _is_blank(en_value):
        return LocalizedValue(en_value, "en", False)
    if language == "en" and not _is_blank(ja_value):
        return LocalizedValue(ja_value, "ja", True)
    return LocalizedValue(ja_value, "ja", False)


def localized(obj, name, language=None):
    """``localized(event, "summary")`` reads ``summary_ja`` / ``summary_en``."""
    ja_name = "title" if name == "title" else f"{name}_ja"
    return pick(getattr(obj, ja_name), getattr(obj, f"{name}_en"), language)


def lang_marked(text, language):
    """``text`` in a ``<span lang>`` when written in another language than
    the active one (a Japanese name on an English page), so that screen
    readers and fonts switch; else the text itself (escaped by the caller)."""
    if not text or language == active_language():
        return text
    return format_html('<span lang="{}">{}</span>', language, text)


def _is_blank(value):
    if value is None:
        return True
    text = str(value)
    # An emptied rich-text field saves as an empty paragraph.
    return not text.strip() or text.strip() in ("<p></p>", '<p data-block-key=""></p>')

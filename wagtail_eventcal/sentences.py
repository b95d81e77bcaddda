"""Sentences joined into one text in the active language: Japanese runs
them together (「…。…。」), English puts a space between ("…. …."); never
"。; " (docs/japanese-typography.md)."""

from django.utils.translation import pgettext


def join_sentences(parts):
    text = ""
    for part in parts:
        text = (
            pgettext("two sentences", "%(first)s %(second)s") % {"first": text, "second": part}
            if text
            else str(part)
        )
    return text

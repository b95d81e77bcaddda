"""How keyword search folds text: the same rule for what is stored and for
what a visitor types, so that a search ignores case and full-/half-width
forms alike on SQLite and PostgreSQL (a plain ``LIKE`` on both)."""

import unicodedata


def fold(text):
    """NFKC (full-width letters and digits to ASCII, half-width kana to the
    usual kana), then Unicode case folding ("CAFÉ" → "café")."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())


def search_text(values):
    """One stored text from the searchable values (both languages), folded;
    a newline between values so that no word spans two of them."""
    return "\n".join(fold(value) for value in values if value)

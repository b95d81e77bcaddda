"""The API's query and path parameters: their bounds and syntax, in one
place. The views validate with these and the OpenAPI document
(:mod:`.openapi`) is built from them, so the two cannot disagree."""

import re

from django.conf import settings

from ..conf import get_setting

#: Path ids: at most this many digits (beyond the 64-bit ids of every
#: database the route does not match: the API's 404, never an overflow).
ID_DIGITS = 18
ID_MAX = 10**ID_DIGITS - 1


def limit_max():
    return getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20) or 20


def offset_max():
    """The deepest page a listing serves, like the HTML pages' ``MAX_PAGE``."""
    return get_setting("MAX_PAGE") * limit_max()


def search_max_length():
    """``?search=`` is matched like the pages' keyword, and as long."""
    from ..public.filters import EventFilterForm

    return EventFilterForm.base_fields["q"].max_length


def _one_of(names):
    return "(?:" + "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True)) + ")"


def fields_pattern(names):
    """``?fields=`` as Wagtail API v2 parses it, limited to ``names``:
    ``_`` (none) followed by names to add, ``*`` (all) followed by names to
    remove (``-name``), or names to add or remove; an empty value selects
    the default fields."""
    name = _one_of({"id", *names})
    return rf"^(?:_(?:,{name})*|\*(?:,-{name})*|-?{name}(?:,-?{name})*)?$"


def list_pattern(names):
    """A comma-separated list of ``names`` (``?facets=``); empty items and
    spaces around an item are ignored."""
    item = rf" *(?:{_one_of(names)} *)?"
    return f"^{item}(?:,{item})*$"


def year_range_pattern(first, last):
    """ISO dates whose year lies in the whole centuries from ``first`` (a
    1 January) to ``last`` (a 31 December): what a date filter accepts."""
    if (first.month, first.day, first.year % 100) != (1, 1, 0) or (
        last.month,
        last.day,
        last.year % 100,
    ) != (12, 31, 99):
        raise ValueError("the date range must cover whole centuries")
    centuries = range(first.year // 100, last.year // 100 + 1)
    return rf"^(?:{'|'.join(str(c) for c in centuries)})[0-9]{{2}}-[0-9]{{2}}-[0-9]{{2}}$"

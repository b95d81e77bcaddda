"""``?fields=`` of the API with Wagtail API v2's syntax and meaning.

``fields=title,start`` adds to the default fields (here: all of them),
``-title`` removes one, a leading ``_`` starts from none and a leading ``*``
from all; ``id`` is always there. Meta fields (``html_url``, ``ics_url`` …)
are named on their own and come back inside ``meta``. An unknown name is a
400, as in Wagtail; sub-field selection (``participations(role)``) is not
offered and is a 400 too.
"""

import re

from django.utils.translation import gettext as _
from wagtail.api.v2.utils import BadRequestError, parse_fields_parameter

from ..public.filters import shorten
from .api_params import fields_pattern


def echoed(names):
    """Names a client sent, listed in an error at most as long as the
    pages echo a value (a 5,000-character name comes back cut)."""
    return shorten(", ".join(sorted(names)))


def select_fields(raw, body_fields, meta_fields):
    """The set of field names to output, or None for all of them."""
    if raw is None:
        return None
    try:
        config = parse_fields_parameter(raw)
    except ValueError as error:
        message = _("fields error: %(error)s") % {"error": shorten(str(error))}
        raise BadRequestError(message) from error
    available = set(body_fields) | set(meta_fields)
    fields = set(available)
    if config and config[0][0] == "*":
        config = config[1:]
    elif config and config[0][0] == "_":
        fields = set()
        config = config[1:]
    mentioned, nested = set(), []
    for name, negated, sub_fields in config:
        mentioned.add(name)
        if sub_fields:
            nested.append(name)
        if negated:
            fields.discard(name)
        else:
            fields.add(name)
    unknown = mentioned - available - {"id"}
    if unknown:
        raise BadRequestError(
            _("unknown fields: %(names)s") % {"names": echoed(unknown)}
        )
    if nested:
        raise BadRequestError(
            _("fields: sub-field selection is not supported (%(names)s)")
            % {"names": echoed(nested)}
        )
    if not re.fullmatch(fields_pattern(available), raw):
        # What Wagtail's parser lets through but the documented syntax does
        # not (a negated "*" or "_", a trailing comma …).
        raise BadRequestError(
            _("fields: names separated by commas, each optionally after “-”; “*” or “_” only first")
        )
    return fields


def apply(data, fields):
    """``data`` (one item's dict with ``id`` and ``meta``) cut to ``fields``."""
    if fields is None:
        return data
    result = {"id": data["id"]}
    meta = {name: value for name, value in data.get("meta", {}).items() if name in fields}
    if meta:
        result["meta"] = meta
    result.update(
        (name, value)
        for name, value in data.items()
        if name in fields and name not in ("id", "meta")
    )
    return result

"""A Japanese address as typed, split for schema.org ``PostalAddress``.

The postal code (〒100-8901) is reliably recognisable and the prefecture is
a field of its own; the municipality is a field too (no rule short of the
municipal register splits 四日市市 or 市川市 correctly). What remains of the
typed text after those is the street address."""

import re

_CODE = r"(?:〒|郵便番号)?\s*([0-9０-９]{3})\s*[-‐－ー−]\s*([0-9０-９]{4})"
_POSTAL_CODE_FIRST = re.compile(rf"^\s*{_CODE}[\s,、]*")
_POSTAL_CODE_LAST = re.compile(rf"[\s,、]*{_CODE}\s*$")
_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def split_address(text, *, region="", locality=""):
    """``{"postalCode", "streetAddress"}`` (each only when found) of
    ``text``: the postal code taken off its start, then ``region`` and
    ``locality`` when the text repeats them (in either order of a Japanese
    or an English address)."""
    result = {}
    rest = (text or "").strip()
    if match := _POSTAL_CODE_FIRST.search(rest) or _POSTAL_CODE_LAST.search(rest):
        result["postalCode"] = f"{match[1]}-{match[2]}".translate(_WIDTH)
        rest = (rest[: match.start()] + rest[match.end() :]).strip()
    for part in (region, locality):
        if part and rest.startswith(part):
            rest = rest[len(part) :].lstrip(" ,、")
    for part in (region, locality):
        if part and rest.endswith(part):
            rest = rest[: -len(part)].rstrip(" ,、")
    if rest:
        result["streetAddress"] = rest
    return result


def performer_names(text):
    """Names separated by 、, commas or new lines."""
    return [name.strip() for name in re.split(r"[、,，\n]", text or "") if name.strip()]

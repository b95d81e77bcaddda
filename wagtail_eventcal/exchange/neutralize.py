"""CSV cells that a spreadsheet would run as a formula (=, +, -, @, tab,
carriage return first) are written with a leading apostrophe, and read back
without it, so an export re-imports to the same text.

A minimal helper of this package's own (the admin's CSV exports get a
shared one elsewhere; merge them when both have landed).
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralize(value):
    value = "" if value is None else str(value)
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def unneutralize(value):
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value

"""The one way a number is read from a URL, a query string or a form.

ASCII digits only, at most 18 of them: Python's ``int()`` and
``str.isdigit()`` also take "¹", "١" or "１", signs, spaces and
underscores, and an id beyond 64 bits overflows the database driver. Whatever
is not such a number is ``None`` for the caller to refuse or ignore — never an
exception that becomes a 500.
"""

import re

from django import forms
from django.urls import register_converter

#: Up to 18 ASCII digits: below 2**63 (the ids of every database).
DIGITS = "[0-9]{1,18}"
LARGEST = 10**18 - 1
#: What is read at all (a form field then says which bound was crossed).
_NUMBER = re.compile("[0-9]{1,30}")


def parse_int(value, minimum=0, maximum=LARGEST):
    """``value`` (a string of ASCII digits) as an int within
    ``minimum``…``maximum``, else None."""
    if not isinstance(value, str) or not _NUMBER.fullmatch(value):
        return None
    number = int(value)
    return number if minimum <= number <= maximum else None


def parse_id(value):
    """A positive database id, else None."""
    return parse_int(value, minimum=1)


class IdConverter:
    """A path converter for ids: a longer or non-ASCII number does not match
    the route (a 404, like any unknown id)."""

    regex = DIGITS
    to_python = staticmethod(int)
    to_url = staticmethod(str)


#: The path converter's name: ``path(f"<{ID}:pk>/", …)``.
ID = "eventcal_id"
register_converter(IdConverter, ID)


class NumberField(forms.IntegerField):
    """Django's ``IntegerField`` reading only ASCII digits: "１" or "+1" is
    "Enter a whole number"; its bounds (``min_value``, ``max_value``,
    validators) give their own messages."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        number = parse_int(value if isinstance(value, str) else str(value), maximum=10**30)
        if number is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return number

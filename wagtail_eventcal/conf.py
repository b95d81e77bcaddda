"""Every setting of the plugin, with its default, in one place.

A project overrides a setting by defining ``EVENTCAL_<NAME>`` in its Django
settings; code reads it through :func:`get_setting` so that
``override_settings`` works in tests.
"""

from django.conf import settings

DEFAULTS = {
    # Time zone in which event times are entered, shown and exported.
    "TIME_ZONE": "Asia/Tokyo",
    # Events per page in the upcoming list and the archive.
    "PAGE_SIZE": 20,
    # Highest page number accepted in a query string (guards against abuse).
    "MAX_PAGE": 1000,
}


def get_setting(name):
    if name not in DEFAULTS:
        raise KeyError(f"Unknown wagtail-eventcal setting: {name}")
    return getattr(settings, f"EVENTCAL_{name}", DEFAULTS[name])

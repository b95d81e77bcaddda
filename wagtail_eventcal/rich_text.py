"""Deprecated: moved to ``wagtail_eventcal.editing.rich_text`` (issue 11).

This alias is removed in the next release.
"""

import warnings

from .editing.rich_text import *  # noqa: F403

warnings.warn(
    "wagtail_eventcal.rich_text moved to wagtail_eventcal.editing.rich_text",
    DeprecationWarning,
    stacklevel=2,
)

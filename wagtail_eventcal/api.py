"""Deprecated: moved to ``wagtail_eventcal.feeds.api`` (issue 11).

This alias is removed in the next release.
"""

import warnings

from .feeds.api import *  # noqa: F403

warnings.warn(
    "wagtail_eventcal.api moved to wagtail_eventcal.feeds.api",
    DeprecationWarning,
    stacklevel=2,
)

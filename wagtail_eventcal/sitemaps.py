"""Deprecated: moved to ``wagtail_eventcal.feeds.sitemaps`` (issue 11).

This alias is removed in the next release.
"""

import warnings

from .feeds.sitemaps import *  # noqa: F403

warnings.warn(
    "wagtail_eventcal.sitemaps moved to wagtail_eventcal.feeds.sitemaps",
    DeprecationWarning,
    stacklevel=2,
)

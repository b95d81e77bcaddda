"""Deprecated: moved to ``wagtail_eventcal.rules.business_days`` (issue 11).

This alias is removed in the next release.
"""

import warnings

from .rules.business_days import *  # noqa: F403

warnings.warn(
    "wagtail_eventcal.business_days moved to wagtail_eventcal.rules.business_days",
    DeprecationWarning,
    stacklevel=2,
)

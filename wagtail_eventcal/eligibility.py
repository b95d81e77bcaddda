"""Deprecated: moved to ``wagtail_eventcal.rules.eligibility`` (issue 11).

This alias is removed in the next release.
"""

import warnings

from .rules.eligibility import *  # noqa: F403

warnings.warn(
    "wagtail_eventcal.eligibility moved to wagtail_eventcal.rules.eligibility",
    DeprecationWarning,
    stacklevel=2,
)

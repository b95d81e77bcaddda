"""Deprecated: moved to ``wagtail_eventcal.delegation.backends`` (issue 11).

This alias is removed in the next release.
"""

import warnings

from ..delegation.backends import *  # noqa: F403

warnings.warn(
    "wagtail_eventcal.permissions.backends moved to wagtail_eventcal.delegation.backends",
    DeprecationWarning,
    stacklevel=2,
)

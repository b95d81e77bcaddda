"""Who must confirm a sign-in with a second factor."""

from ..conf import get_setting
from ..delegation.access import is_proxy_only


def is_required(user):
    """Whether ``user`` may not work in the admin without a second factor:
    those who publish (superusers, reviewers) and, when the site says so,
    proxies. Submitters choose for themselves."""
    if user.is_superuser:
        return True
    if user.groups.filter(name=get_setting("REVIEWER_GROUP")).exists():
        return True
    return get_setting("TWO_FACTOR_FOR_PROXIES") and is_proxy_only(user)


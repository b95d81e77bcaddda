from django.contrib.auth.backends import BaseBackend

ADMIN_ACCESS = "wagtailadmin.access_admin"


class DelegationBackend(BaseBackend):
    """Lets a user with an active delegation into the Wagtail admin, and
    nobody else. Proxies belong to no group: when the last delegation is
    revoked or expires, admin access ends with it, at the next request."""

    def has_perm(self, user_obj, perm, obj=None):
        if obj is not None or perm != ADMIN_ACCESS:
            return False
        from .service import delegated_event_ids

        return bool(delegated_event_ids(user_obj))

"""System checks: a setting the plugin's security depends on is never left
out silently."""

from django.conf import settings
from django.core.checks import Error

MIDDLEWARE = "wagtail_eventcal.middleware.AdminAccessMiddleware"
AUTHENTICATION = "django.contrib.auth.middleware.AuthenticationMiddleware"


def check_admin_access_middleware(app_configs, **kwargs):
    """Without the middleware a proxy reaches Wagtail's whole admin, and
    some admin views show other organizations' draft titles."""
    middleware = list(settings.MIDDLEWARE)
    if MIDDLEWARE not in middleware:
        return [
            Error(
                f"{MIDDLEWARE} is not in MIDDLEWARE.",
                hint=f"Add it after {AUTHENTICATION} (README, Installing).",
                id="wagtail_eventcal.E001",
            )
        ]
    if AUTHENTICATION in middleware and middleware.index(MIDDLEWARE) < middleware.index(
        AUTHENTICATION
    ):
        return [
            Error(
                f"{MIDDLEWARE} must come after {AUTHENTICATION} in MIDDLEWARE.",
                id="wagtail_eventcal.E002",
            )
        ]
    return []

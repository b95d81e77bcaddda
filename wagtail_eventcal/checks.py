"""System checks: a setting the plugin's security depends on is never left
out silently."""

from django.conf import settings
from django.core.checks import Error
from django.core.checks import Warning as CheckWarning

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


def check_import_post_size(app_configs, **kwargs):
    """The import preview posts the file back (base64, 4/3 of its size) with
    "Create drafts": Django refuses a larger request body with a 400."""
    from .conf import get_setting

    needed = get_setting("IMPORT_MAX_BYTES") * 4 // 3 + 100_000
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if limit is not None and limit < needed:
        return [
            CheckWarning(
                f"DATA_UPLOAD_MAX_MEMORY_SIZE ({limit:,}) is too small for importing files "
                f"of EVENTCAL_IMPORT_MAX_BYTES: previewed files over {limit * 3 // 4:,} "
                "bytes cannot be turned into drafts.",
                hint=f"Set DATA_UPLOAD_MAX_MEMORY_SIZE to at least {needed:,}, or lower "
                "EVENTCAL_IMPORT_MAX_BYTES (docs/import.md).",
                id="wagtail_eventcal.W001",
            )
        ]
    return []


OTP_MIDDLEWARE = "django_otp.middleware.OTPMiddleware"
TWO_FACTOR_MIDDLEWARE = "wagtail_eventcal.twofactor.middleware.TwoFactorMiddleware"
OTP_APPS = ("django_otp", "django_otp.plugins.otp_totp", "django_otp.plugins.otp_static")


def check_two_factor(app_configs, **kwargs):
    """Without the middleware (in this order) reviewers sign in with a
    password alone."""
    from django.apps import apps

    from .conf import get_setting

    if not get_setting("TWO_FACTOR_ENFORCED"):
        return []
    errors = [
        Error(f"{app} is not in INSTALLED_APPS.", id="wagtail_eventcal.E003")
        for app in OTP_APPS
        if not apps.is_installed(app)
    ]
    middleware = list(settings.MIDDLEWARE)
    order = [AUTHENTICATION, OTP_MIDDLEWARE, TWO_FACTOR_MIDDLEWARE]
    if not all(name in middleware for name in order) or [
        middleware.index(name) for name in order
    ] != sorted(middleware.index(name) for name in order):
        errors.append(
            Error(
                f"MIDDLEWARE must list {OTP_MIDDLEWARE} and then {TWO_FACTOR_MIDDLEWARE} "
                f"after {AUTHENTICATION}.",
                hint="Or set EVENTCAL_TWO_FACTOR_ENFORCED = False where single sign-on "
                "asks for a second factor already (docs/two-factor.md).",
                id="wagtail_eventcal.E004",
            )
        )
    return errors

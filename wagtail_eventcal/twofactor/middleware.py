"""Every admin URL waits for the second factor.

Add ``django_otp.middleware.OTPMiddleware`` and then
``wagtail_eventcal.twofactor.middleware.TwoFactorMiddleware`` to
``MIDDLEWARE`` after ``AuthenticationMiddleware`` and before
``AdminAccessMiddleware`` (a system check insists). A signed-in user who
needs a second factor and has not given it in this session reaches only the
pages that ask for it, signing out and the admin's script and icon assets
(which anonymous visitors get too); any other admin URL — named by Wagtail,
this plugin or a later version of either — redirects there.
"""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device

from ..conf import get_setting
from ..middleware import admin_prefix
from .policy import is_required

#: Open to a signed-in user who has not given the second factor yet.
OPEN_BEFORE_VERIFYING = {
    "eventcal_two_factor:verify",
    "eventcal_two_factor:set_up",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
}


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not get_setting("TWO_FACTOR_ENFORCED"):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None  # Wagtail sends anonymous visitors to the login form
        if not request.path_info.startswith(admin_prefix()) or user.is_verified():
            return None
        enrolled = user_has_device(user, confirmed=True)
        if not (enrolled or is_required(user)):
            return None
        name = request.resolver_match.view_name
        # Setting up a new authenticator needs the old one first: a stolen
        # password must not be enough to replace it.
        if name in OPEN_BEFORE_VERIFYING and not (enrolled and name.endswith(":set_up")):
            return None
        target = "eventcal_two_factor:verify" if enrolled else "eventcal_two_factor:set_up"
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")

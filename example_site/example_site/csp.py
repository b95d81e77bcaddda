"""The Content-Security-Policy of the example site (README, Deployment).

Public pages (the calendar, events, feeds' HTML links) load only the site's
own scripts and styles: the plugin's templates have no inline script, style
or event handler, so an injected ``<script>`` does not run. Wagtail's admin
still renders some inline scripts (the inline panel of participations, the
date and time pickers) without a nonce, so under ``/admin/`` scripts and
styles may also be inline; everything else stays same-origin there too.

Django 6 sends the header itself (``SECURE_CSP``); on Django 5.2 django-csp
4 does (``CONTENT_SECURITY_POLICY``). Both take the policy as the same
``{directive: [sources]}`` mapping, and both read a per-response override
from ``response._csp_config`` (``csp_override`` in Django 6, ``@csp`` in
django-csp), which :class:`AdminPolicyMiddleware` sets for the admin.
"""

import django

SELF = "'self'"

PUBLIC_POLICY = {
    "default-src": [SELF],
    "script-src": [SELF],
    "style-src": [SELF],
    "img-src": [SELF, "data:"],
    "font-src": [SELF],
    "connect-src": [SELF],
    "frame-src": [SELF],  # the admin's preview panel
    "frame-ancestors": [SELF],
    "form-action": [SELF],
    "base-uri": [SELF],
    "object-src": ["'none'"],
}
ADMIN_POLICY = {
    **PUBLIC_POLICY,
    "script-src": [SELF, "'unsafe-inline'"],
    "style-src": [SELF, "'unsafe-inline'"],
    "img-src": [SELF, "data:", "blob:"],  # image previews before upload
}
ADMIN_PREFIX = "/admin/"

if django.VERSION >= (6, 0):
    MIDDLEWARE = "django.middleware.csp.ContentSecurityPolicyMiddleware"
    SETTINGS = {"SECURE_CSP": PUBLIC_POLICY}
else:
    MIDDLEWARE = "csp.middleware.CSPMiddleware"
    SETTINGS = {"CONTENT_SECURITY_POLICY": {"DIRECTIVES": PUBLIC_POLICY}}


class AdminPolicyMiddleware:
    """Gives the admin's responses :data:`ADMIN_POLICY` (list it after the
    CSP middleware, so that it sees the response first)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(ADMIN_PREFIX):
            response._csp_config = ADMIN_POLICY
        return response

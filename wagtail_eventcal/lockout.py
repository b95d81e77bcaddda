"""The page a locked-out user sees (django-axes' ``AXES_LOCKOUT_CALLABLE``).

The admin is the only way in for public-body staff and proxies, so a
password-guessing run is throttled by django-axes (README, Deployment). A
real user who is locked out needs to know how long to wait and whom to ask:
the secretariat, whose contact is a setting of this plugin.
"""

from django.conf import settings
from django.shortcuts import render

from .conf import get_setting

TEMPLATE = "wagtail_eventcal/admin/locked_out.html"


def locked_out(request, original_response=None, credentials=None):
    cool_off = getattr(settings, "AXES_COOLOFF_TIME", None)
    minutes = int(cool_off.total_seconds() // 60) if hasattr(cool_off, "total_seconds") else None
    context = {"secretariat": get_setting("SECRETARIAT"), "minutes": minutes}
    # Rendered now (the middleware returns it past the template-response
    # phase); 429 Too Many Requests, as django-axes answers by default.
    return render(request, TEMPLATE, context, status=429)

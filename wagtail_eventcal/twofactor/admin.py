"""The two-factor pages in the admin, and their link on the account page."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from . import urls


def admin_urls():
    return [path("eventcal/two-factor/", include(urls))]


def account_menu_item(request):
    return {
        "url": reverse("eventcal_two_factor:overview"),
        "label": _("Two-factor sign-in"),
        "help_text": _("An authenticator app and recovery codes confirm your sign-ins."),
    }

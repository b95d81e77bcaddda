"""Public URLs of the plugin, inside ``i18n_patterns``: feed URLs ending in a
file name (``/ja/events/feed.ics``) and the page of a delegation invitation.

Wagtail's page URLs end in a slash; calendar clients expect feed URLs that
end in ``.ics``. Include these patterns just before ``wagtail.urls`` (inside
``i18n_patterns``): they hand the request to Wagtail's own page serving with
the slash added, so routing, view restrictions and hooks stay Wagtail's.
"""

from django.urls import path, re_path
from wagtail import views as wagtail_views

from .delegation.views import AcceptInvitationView

FEED_FILE = r"^((?:[\w\-]+/)*[\w\-]+\.(?:ics|rss|atom|csv|json))$"


def serve_feed_file(request, path):
    return wagtail_views.serve(request, f"{path}/")


urlpatterns = [
    re_path(FEED_FILE, serve_feed_file, name="eventcal_feed_file"),
    # The link of a proxy delegation's invitation mail (outside the admin:
    # the invitee may have no account yet).
    path(
        "proxy-invitation/<str:token>/",
        AcceptInvitationView.as_view(),
        name="eventcal_accept_invitation",
    ),
]

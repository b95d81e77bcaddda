"""Preview in a separate front-end, after Wagtail's headless-preview
convention (README, "Headless preview").

The admin's "Front-end" preview mode stores what is being previewed (the
form's content, or the revision a reviewer previews) under a random token
and sends the browser to the configured front-end URL with ``?preview=<token>
&id=<page>&lang=<ja|en>``. The front-end reads ``/api/v2/preview/<id>/?token=``,
which answers that content for that page only, until the token expires:
no token, a wrong, expired or other page's token is a 404, never the draft.
"""

import hashlib
import secrets
from datetime import timedelta
from urllib.parse import urlencode

from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone, translation
from rest_framework.response import Response

from ..conf import get_setting
from .api import EventsAPIViewSet

MODE = "frontend"


def _digest(token):
    return hashlib.sha256(token.encode()).hexdigest()


def issue(page, user, revision_id=None):
    """A new token for ``page`` as it is now (unsaved edits included)."""
    from ..models import PreviewToken

    now = timezone.now()
    PreviewToken.objects.filter(expires_at__lt=now).delete()
    token = secrets.token_urlsafe(32)
    PreviewToken.objects.create(
        digest=_digest(token),
        page_id=page.pk,
        revision_id=revision_id,
        content=page.serializable_data(),
        created_by=user if user.is_authenticated else None,
        expires_at=now + timedelta(minutes=get_setting("PREVIEW_TOKEN_MINUTES")),
    )
    return token


def resolve(token, page_id):
    """The previewed page object, or None for a wrong, expired or other
    page's token."""
    from ..models import EventPage, PreviewToken

    if not token:
        return None
    stored = PreviewToken.objects.filter(
        digest=_digest(token), page_id=page_id, expires_at__gt=timezone.now()
    ).first()
    if stored is None:
        return None
    page = EventPage.objects.filter(pk=page_id).first()
    return page.with_content_json(stored.content) if page else None


def frontend_redirect(page, request):
    """The answer to the admin's "Front-end" preview of ``page``."""
    base = get_setting("HEADLESS_PREVIEW_URL")
    # The workflow preview names the revision under review; "view draft"
    # shows the latest one; the edit form's preview is no revision yet.
    revision_id = getattr(request, "revision_id", None)
    if revision_id is None and not getattr(request, "is_editing", False):
        revision_id = page.latest_revision_id
    token = issue(page, request.user, revision_id)
    query = urlencode({"preview": token, "id": page.pk, "lang": translation.get_language()})
    return HttpResponseRedirect(f"{base}{'&' if '?' in base else '?'}{query}")


class PreviewAPIViewSet(EventsAPIViewSet):
    """``/api/v2/preview/<id>/?token=…&lang=…``: the previewed content of one
    event, in the events endpoint's shape; never cached."""

    name = "preview"
    extra_query_parameters = frozenset({"lang", "token"})

    def listing_path(self):
        # Items link to where the event will be once published.
        namespace = self.request.resolver_match.namespace.rpartition(":")[0]
        return reverse(f"{namespace}:events:listing")

    def detail_view(self, request, pk):
        self.check_query_parameters(self.model.objects.none())
        page = resolve(request.GET.get("token"), pk)
        if page is None:
            raise Http404
        response = Response(self.get_serializer(page).data)
        response["Cache-Control"] = "private, no-store"
        return response

    @classmethod
    def get_urlpatterns(cls):
        return [path("<eventcal_id:pk>/", cls.as_view({"get": "detail_view"}), name="detail")]

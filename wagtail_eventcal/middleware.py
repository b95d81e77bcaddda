"""Who may open which admin URL, decided before the view runs.

Some Wagtail admin views render a page's title before they check
permission (the move confirmation, the workflow preview's redirect message,
the explorer's "Exploring: <title>", the workflow action views, …), and a
proxy's delegation must open its event and nothing else. Both are checked
here, once, for every admin URL — including the ones a later Wagtail adds:

1. A proxy — a user whose only admin access is a delegation — reaches only
   the URLs of :data:`~wagtail_eventcal.delegation.access.PROXY_ALLOW_LIST`,
   and those only when the pages they name are its delegated events.
2. Nobody reaches an admin URL that names (in its path, or in a query
   parameter that names a page) an event hidden from them: for a submitter,
   another organization's event that is not live or has unpublished changes.

Both answer 403 with the admin's own page (``roles.views.forbidden``: why,
and what to do, in the user's admin language). Add
``wagtail_eventcal.middleware.AdminAccessMiddleware`` to ``MIDDLEWARE``
after ``AuthenticationMiddleware`` (a system check insists when
``DelegationBackend`` is installed).
"""

from functools import cache

from django.urls import reverse

from .delegation.access import is_proxy_only, may_proxy_open, named_pages
from .roles.views import forbidden


@cache
def admin_prefix():
    return reverse("wagtailadmin_home")


class AdminAccessMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None  # Wagtail sends anonymous visitors to the login form
        if not request.path_info.startswith(admin_prefix()):
            return None
        match = request.resolver_match
        pages = named_pages(request, match)
        if is_proxy_only(user):
            if not may_proxy_open(user, match, pages):
                return forbidden(request)
            return None
        from wagtail.models import Page
        from wagtail.permissions import policy_registry

        if pages and policy_registry.get_by_type(Page).hidden_events(user, pages):
            return forbidden(request)
        return None

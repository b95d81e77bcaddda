"""What a proxy may open in the admin: an explicit allow-list (issue 18).

A proxy — a user whose only admin access is a delegation
(:class:`~wagtail_eventcal.delegation.backends.DelegationBackend`) — enters
one event on a public body's behalf and nothing else (posting rule 6, FAQ 2).
Wagtail's generic admin (reports, usage pages, choosers, forms, …) would
otherwise answer it wherever its permission checks are loose, and a URL a
later Wagtail adds would be open by default. So the admin is closed to a
proxy except for the URLs below (``AdminAccessMiddleware`` answers 403), and
the pages such a URL names must be its delegated events.
"""

from django.contrib.auth.backends import ModelBackend
from django.db.models import Q

from ..integers import parse_id
from .service import delegated_event_ids

ADMIN_ACCESS = "wagtailadmin.access_admin"

#: The URL names a proxy may open, each with what the pages it names must be:
#: None (it names no page; any page named in a query parameter must still be
#: a delegated event), EVENT (a delegated event) or EVENT_OR_ABOVE (a
#: delegated event or a page above one: the link chooser browses down to it).
EVENT, EVENT_OR_ABOVE = "event", "event or above"
PROXY_ALLOW_LIST = {
    # The dashboard (its delegated events), one's own account, signing in
    # and out, the admin's assets.
    "wagtailadmin_home": None,
    "wagtailadmin_account": None,
    "wagtailadmin_logout": None,
    "wagtailadmin_login": None,
    "wagtailadmin_password_reset": None,
    "wagtailadmin_password_reset_done": None,
    "wagtailadmin_password_reset_confirm": None,
    "wagtailadmin_password_reset_complete": None,
    "wagtailadmin_javascript_catalog": None,
    "wagtailadmin_sprite": None,
    "wagtailadmin_dismissibles": None,
    # Two-factor sign-in (required of proxies by a setting, else their choice).
    "eventcal_two_factor:overview": None,
    "eventcal_two_factor:verify": None,
    "eventcal_two_factor:set_up": None,
    "eventcal_two_factor:recovery_codes": None,
    "eventcal_two_factor:turn_off": None,
    # The delegated event: edit (save, submit, answer a return), preview,
    # history, revisions, its review's history and cancellation.
    "wagtailadmin_pages:edit": EVENT,
    "wagtailadmin_pages:preview_on_edit": EVENT,
    "wagtailadmin_pages:view_draft": EVENT,
    "wagtailadmin_pages:history": EVENT,
    "wagtailadmin_pages:history_results": EVENT,
    "wagtailadmin_pages:revisions_index": EVENT,
    "wagtailadmin_pages:revisions_view": EVENT,
    "wagtailadmin_pages:revisions_compare": EVENT,
    "wagtailadmin_pages:revisions_revert": EVENT,
    "wagtailadmin_pages:workflow_history": EVENT,
    "wagtailadmin_pages:workflow_history_detail": EVENT,
    "wagtailadmin_pages:confirm_workflow_cancellation": EVENT,
    "wagtailadmin_editing_sessions:ping": EVENT,
    "wagtailadmin_editing_sessions:release": None,  # Wagtail checks the session's owner
    # What the edit form opens: the organization chooser (the registry is
    # public), the rich-text link choosers (the page chooser lists only the
    # delegated events) and the live posting-rules verdict.
    "wagtailsnippetchoosers_wagtail_eventcal_organization:choose": None,
    "wagtailsnippetchoosers_wagtail_eventcal_organization:choose_results": None,
    "wagtailsnippetchoosers_wagtail_eventcal_organization:chosen": None,
    "wagtailadmin_choose_page": None,
    "wagtailadmin_choose_page_child": EVENT_OR_ABOVE,
    "wagtailadmin_choose_page_search": None,
    "wagtailadmin_choose_page_external_link": None,
    "wagtailadmin_choose_page_email_link": None,
    "wagtailadmin_choose_page_phone_link": None,
    "wagtailadmin_choose_page_anchor_link": None,
    "eventcal_review:verdict": None,
    # The image chooser, to upload a picture for the delegated event and to
    # choose among its own uploads: delegation/images.py lists it nothing else.
    # The image library itself stays closed.
    "wagtailimages_chooser:choose": None,
    "wagtailimages_chooser:choose_results": None,
    "wagtailimages_chooser:chosen": None,
    "wagtailimages_chooser:create": None,
    # Its submissions, and answering the secretariat's question on its event.
    "eventcal_review:mine": None,
    "eventcal_review:answer": EVENT,
    # Its own delegations (the list shows it nothing else).
    "wagtail_eventcal_delegations:index": None,
}

#: URL parameters that name a page, whatever the view.
PAGE_KWARGS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id", "page_pk")
#: Query parameters that name a page.
PAGE_QUERY_PARAMS = ("page_id", "parent_page_id")
#: Views whose ``pk`` is a page's.
PAGE_PK_VIEWS = ("wagtailadmin_pages:", "wagtailadmin_api:pages:")


def _ids(values):
    ids = {parse_id(str(value)) for value in values}
    return ids - {None}


def named_pages(request, match):
    """Ids of the pages an admin request names, in its path or its query."""
    kwargs = match.kwargs
    ids = _ids(kwargs[key] for key in PAGE_KWARGS if key in kwargs)
    if "pk" in kwargs and match.view_name.startswith(PAGE_PK_VIEWS):
        ids |= _ids([kwargs["pk"]])
    is_page_model = (kwargs.get("app_label"), kwargs.get("model_name")) == ("wagtailcore", "page")
    if "object_id" in kwargs and is_page_model:
        ids |= _ids([kwargs["object_id"]])
    if match.view_name == "wagtail_bulk_action" and is_page_model:
        ids |= _ids(request.GET.getlist("id"))
    for key in PAGE_QUERY_PARAMS:
        ids |= _ids(request.GET.getlist(key))
    return ids


def is_proxy_only(user):
    """Whether ``user``'s only way into the admin is a delegation: no
    superuser, no admin access from their groups or own permissions."""
    # Group permissions first: Wagtail has loaded them for this request
    # already, so staff with admin access cost no query here.
    return (
        user.is_active
        and not user.is_superuser
        and not ModelBackend().has_perm(user, ADMIN_ACCESS)
        and bool(delegated_event_ids(user))
    )


def may_proxy_open(user, match, pages):
    """Whether the proxy ``user`` may open the admin URL ``match`` that
    names ``pages``."""
    if match.view_name not in PROXY_ALLOW_LIST:
        return False
    scope = PROXY_ALLOW_LIST[match.view_name]
    delegated = delegated_event_ids(user)
    if scope == EVENT_OR_ABOVE:
        return pages <= delegated | _pages_above(delegated)
    if scope == EVENT and not pages:
        return False
    return pages <= delegated


def _pages_above(page_ids):
    from wagtail.models import Page

    paths = Page.objects.filter(pk__in=page_ids).values_list("path", flat=True)
    above = {path[:end] for path in paths for end in range(Page.steplen, len(path), Page.steplen)}
    if not above:
        return set()
    return set(Page.objects.filter(Q(path__in=above)).values_list("pk", flat=True))

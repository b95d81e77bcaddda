"""Every admin URL the resolver knows, against what another organization's
draft must keep to itself (issue 18, items 3 and 11).

The URLs are not listed by hand: they are generated from the URL resolver,
with every id in them (and every query parameter that names an object)
filled in with the ids of another organization's draft and of its review.
So a URL that Wagtail (or this plugin) adds later is covered the day it
appears:

- a proxy — a user whose only admin access is a delegation — gets 403 on
  every admin URL outside the allow-list, and on the allow-listed ones too
  when they name anything but its delegated event;
- with its own event's ids the allow-listed URLs open (so the list is not
  simply "nothing");
- a submitter of another organization and a proxy never see the draft's
  title, English title or pending changes, in a page, a redirect or a
  message.
"""

import re

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, WorkflowState

from wagtail_eventcal.delegation import service as rules
from wagtail_eventcal.delegation.access import PAGE_QUERY_PARAMS, PROXY_ALLOW_LIST
from wagtail_eventcal.workflow.setup import setup_review

from ..admin_urls import admin_patterns
from ..factories import make_calendar, make_event, make_organization, make_user
from ..review_helpers import post_edit

# Made-up ids and parameters on every admin URL: Wagtail's own forms answer
# with errors whose ARIA is Wagtail's, not what this sweep checks.
pytestmark = [pytest.mark.django_db, pytest.mark.wagtail_sweep]

SECRET_TITLE = "極秘の下書きイベント"
SECRET_TITLE_EN = "Top secret draft event"
PENDING_TITLE = "未承認の改題タイトル"
IDLE_TITLE = "まだ提出していない下書き"
MARKERS = (SECRET_TITLE, SECRET_TITLE_EN, PENDING_TITLE, IDLE_TITLE)

#: What the proxy flow needs, and nothing else (README "Proxy entry",
#: docs/permission-matrix.md). Page ids in these URLs must be its delegated
#: events'. The test states it independently of the code's list.
EXPECTED_ALLOW_LIST = {
    # the dashboard, one's own account, signing out, the admin's assets
    "wagtailadmin_home",
    "wagtailadmin_account",
    "wagtailadmin_logout",
    "wagtailadmin_login",
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "wagtailadmin_dismissibles",
    # two-factor sign-in: its own authenticator and recovery codes
    "eventcal_two_factor:overview",
    "eventcal_two_factor:verify",
    "eventcal_two_factor:set_up",
    "eventcal_two_factor:recovery_codes",
    "eventcal_two_factor:turn_off",
    # the delegated event: edit, preview, history, revisions, workflow
    "wagtailadmin_pages:edit",
    "wagtailadmin_pages:preview_on_edit",
    "wagtailadmin_pages:view_draft",
    "wagtailadmin_pages:history",
    "wagtailadmin_pages:history_results",
    "wagtailadmin_pages:revisions_index",
    "wagtailadmin_pages:revisions_view",
    "wagtailadmin_pages:revisions_compare",
    "wagtailadmin_pages:revisions_revert",
    "wagtailadmin_pages:workflow_history",
    "wagtailadmin_pages:workflow_history_detail",
    "wagtailadmin_pages:confirm_workflow_cancellation",
    "wagtailadmin_editing_sessions:ping",
    "wagtailadmin_editing_sessions:release",
    # what the edit form opens: organization chooser, link choosers, the
    # live posting-rules verdict
    "wagtailsnippetchoosers_wagtail_eventcal_organization:choose",
    "wagtailsnippetchoosers_wagtail_eventcal_organization:choose_results",
    "wagtailsnippetchoosers_wagtail_eventcal_organization:chosen",
    "wagtailadmin_choose_page",
    "wagtailadmin_choose_page_child",
    "wagtailadmin_choose_page_search",
    "wagtailadmin_choose_page_external_link",
    "wagtailadmin_choose_page_email_link",
    "wagtailadmin_choose_page_phone_link",
    "wagtailadmin_choose_page_anchor_link",
    "eventcal_review:verdict",
    # the image chooser (its own uploads only) and its upload form
    "wagtailimages_chooser:choose",
    "wagtailimages_chooser:choose_results",
    "wagtailimages_chooser:chosen",
    "wagtailimages_chooser:create",
    # its submissions, and answering the secretariat's question on its event
    "eventcal_review:mine",
    "eventcal_review:answer",
    # its own delegations
    "wagtail_eventcal_delegations:index",
}

#: The allow-listed URLs that name a page: open only for the delegated event
#: (and, for the page chooser, the pages above it).
PAGE_SCOPED = {
    name
    for name in EXPECTED_ALLOW_LIST
    if name.startswith(("wagtailadmin_pages:", "wagtailadmin_choose_page_child"))
} | {"wagtailadmin_editing_sessions:ping"}

#: Query parameters that name objects somewhere in the admin (Wagtail's
#: choosers, bulk actions, reports' filters; the plugin's delegation list).
OBJECT_PARAMS = (
    "event",
    "delegate",
    "id",
    "page",
    "page_id",
    "parent_page_id",
    "object_id",
    "revision",
    "revision_id",
    "page_type",
    "content_type",
    "next",
    "q",
)


# --- The world ----------------------------------------------------------------


@pytest.fixture
def world(django_capture_on_commit_callbacks):
    calendar = make_calendar()
    setup_review()
    submitters = Group.objects.get(name="Event submitters")
    org_a = make_organization(name_ja="経済産業省", name_en="METI")
    org_b = make_organization(name_ja="大阪府", body_types=("local_government",))
    submitter_a = make_user("submitter_a", groups=[submitters])
    submitter_b = make_user("submitter_b", groups=[submitters])
    org_a.members.add(submitter_a)
    org_b.members.add(submitter_b)
    proxy = make_user("proxy")
    event_a = make_event(calendar, organizations=[org_a], title="公開イベントA", slug="event-a")
    rules.delegate_event(
        event_a,
        delegate=proxy,
        granted_by=submitter_a,
        organization=org_a,
        acknowledged_proxy_entry=True,
        acknowledged_this_event_only=True,
    )
    secret = make_event(
        calendar,
        organizations=[org_b],
        title=SECRET_TITLE,
        title_en=SECRET_TITLE_EN,
        slug="secret-draft",
        publish=False,
    )
    pending = make_event(calendar, organizations=[org_b], title="公開中イベントB", slug="live-b")
    # A draft never submitted: no review of its own (its URLs borrow the
    # secret's review ids, as an attacker would).
    idle = make_event(
        calendar, organizations=[org_b], title=IDLE_TITLE, slug="idle-draft", publish=False
    )
    client_b = Client()
    client_b.force_login(submitter_b)
    with django_capture_on_commit_callbacks(execute=True):
        # Both of organization B's events go to review: their workflow and
        # task states exist, and the live one carries an unpublished title.
        assert post_edit(client_b, secret, "action-submit").status_code == 302
        assert post_edit(client_b, pending, "action-submit", title=PENDING_TITLE).status_code == 302
        # The proxy's own event is in review too (its workflow views open).
        client_a = Client()
        client_a.force_login(submitter_a)
        assert post_edit(client_a, event_a, "action-submit").status_code == 302
    return {
        "calendar": calendar,
        "event_a": Page.objects.get(pk=event_a.pk),
        "secret": Page.objects.get(pk=secret.pk),
        "pending": Page.objects.get(pk=pending.pk),
        "idle": Page.objects.get(pk=idle.pk),
        "submitter_a": submitter_a,
        "proxy": proxy,
    }


# --- URLs from the resolver ----------------------------------------------------


def parameters(route):
    """The names of the parameters of a route, path converters and regex groups."""
    return re.findall(r"<(?:\w+:)?(\w+)>", route) + re.findall(r"\(\?P<(\w+)>", route)


def object_ids(world, event_key):
    """Ids of ``event_key``'s page, its latest revision and its review."""
    page = world[event_key]
    reviewed = world["secret"] if event_key == "idle" else page
    state = WorkflowState.objects.filter(object_id=str(reviewed.pk)).latest("pk")
    task_state = state.current_task_state or state.task_states.latest("pk")
    return {
        "page": page.pk,
        "revision": page.latest_revision_id,
        "workflow_state": state.pk,
        "task_state": task_state.pk,
        "task": task_state.task_id,
    }


def value_for(name, ids):
    """A value for the URL parameter ``name``: the object's id where it names
    one (any other integer id gets the page's id: another organization's
    draft stands in for every object)."""
    if name in ("revision_id", "revision_id_a", "revision_id_b"):
        return ids["revision"]
    if name == "workflow_state_id":
        return ids["workflow_state"]
    if name == "task_state_id":
        return ids["task_state"]
    if name == "task_id":
        return ids["task"]
    if name in ("app_label", "content_type_app_name", "app_name"):
        return "wagtail_eventcal"
    if name in ("model_name", "content_type_model_name"):
        return "eventpage"
    if name == "action":
        return "publish"
    if name == "action_name":
        return "approve"
    if name == "filter_spec":
        return "original"
    if name in ("uidb64", "token"):
        return "x"
    return ids["page"]


PAGE_MODEL = {"app_label": "wagtailcore", "model_name": "page"}


def build_urls(name, route, ids):
    """The URLs of one pattern: one, or one per page action for the generic
    ones (bulk actions, the admin API's actions)."""
    if name is None:
        # Unnamed: Wagtail's test 404 and its catch-all.
        return ["/" + route.replace("^", "").replace(".*/$", "no-such-view/").lstrip("/")]
    kwargs = {param: value_for(param, ids) for param in parameters(route)}
    variants = [{}]
    if name == "wagtail_bulk_action":
        variants = [{**PAGE_MODEL, "action": a} for a in ("publish", "unpublish", "delete", "move")]
    elif name.startswith("wagtailadmin_editing_sessions:ping"):
        variants = [PAGE_MODEL]
    elif name == "wagtailadmin_api:pages:action":
        actions = ("revert_to_page_revision", "copy", "move", "publish", "unpublish", "delete")
        variants = [{"action_name": action} for action in actions]
    urls = [reverse(name, kwargs={**kwargs, **variant}) for variant in variants]
    if name == "wagtail_bulk_action":
        urls = [f"{url}?id={ids['page']}" for url in urls]
    return urls


def all_admin_urls(ids):
    seen = set()
    for name, route in admin_patterns():
        for url in build_urls(name, route, ids):
            if url not in seen:
                seen.add(url)
                yield name, url


def logged_in(user):
    """A fresh client per request: a message left by one request is then
    blamed on that request, not on the next one."""
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def query_variants(ids):
    """No query; the parameters the middleware reads as pages; the others
    (on their own, so that the first kind cannot hide a leak of the second)."""
    value = str(ids["page"])
    return [
        None,
        {param: value for param in OBJECT_PARAMS if param in PAGE_QUERY_PARAMS},
        {param: value for param in OBJECT_PARAMS if param not in PAGE_QUERY_PARAMS},
    ]


# --- What a response gives away ----------------------------------------------


def leaked(response):
    """The markers found in the body, the redirect or the messages."""
    text = response.content.decode(errors="replace") + response.get("Location", "")
    text += " ".join(str(message) for message in get_messages(response.wsgi_request))
    return [marker for marker in MARKERS if marker in text]


def request(client, method, url, data=None):
    if method == "get":
        return client.get(url, data)
    return client.post(url, data or {})


# --- The tests ---------------------------------------------------------------


def test_the_allow_list_is_the_specified_one():
    assert set(PROXY_ALLOW_LIST) == EXPECTED_ALLOW_LIST


@pytest.mark.parametrize("hidden", ["secret", "pending", "idle"])
def test_proxy_gets_403_on_every_admin_url_naming_another_event(world, hidden):
    ids = object_ids(world, hidden)
    failures = []
    attempts = [("get", data) for data in query_variants(ids)] + [("post", None)]
    for name, url in all_admin_urls(ids):
        for method, data in attempts:
            response = request(logged_in(world["proxy"]), method, url, data)
            if name in EXPECTED_ALLOW_LIST and name not in PAGE_SCOPED:
                # Open to the proxy, but it must give nothing away.
                if leaked(response):
                    failures.append((method, url, data, leaked(response)))
            elif response.status_code != 403 or leaked(response):
                failures.append((method, url, data, response.status_code))
    assert failures == [], "\n".join(map(str, failures))


def test_proxy_reaches_the_allow_listed_urls_of_its_own_event(world):
    ids = object_ids(world, "event_a")
    opened, denied = set(), []
    for name, url in all_admin_urls(ids):
        response = logged_in(world["proxy"]).get(url)
        if name in EXPECTED_ALLOW_LIST:
            if response.status_code != 403:
                opened.add(name)
        elif response.status_code != 403:
            denied.append((url, response.status_code))
    assert denied == [], "reachable although not allow-listed"
    must_open = {
        "wagtailadmin_home",
        "wagtailadmin_account",
        "wagtailadmin_pages:edit",
        "wagtailadmin_pages:view_draft",
        "wagtailadmin_pages:history",
        "wagtailadmin_pages:revisions_index",
        "wagtailadmin_pages:revisions_view",
        "wagtailadmin_pages:revisions_compare",
        "wagtailadmin_pages:workflow_history",
        "wagtailadmin_pages:workflow_history_detail",
        "wagtail_eventcal_delegations:index",
        "wagtailsnippetchoosers_wagtail_eventcal_organization:choose",
    }
    assert must_open - opened == set()


@pytest.mark.parametrize("hidden", ["secret", "pending", "idle"])
def test_submitter_of_another_organization_never_sees_the_draft(world, hidden):
    ids = object_ids(world, hidden)
    failures = []
    for _name, url in all_admin_urls(ids):
        for data in query_variants(ids):
            response = logged_in(world["submitter_a"]).get(url, data)
            if found := leaked(response):
                failures.append((url, data, response.status_code, found))
    assert failures == [], "\n".join(map(str, failures))

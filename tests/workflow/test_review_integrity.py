"""What the secretariat reviewed is what gets published (issue 18, item 1):
while an event is in review nobody but a reviewer makes a revision of it, by
any route; approval refuses content that changed after the submission."""

import json
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, Revision, WorkflowState
from wagtail.users.models import UserProfile

from tests.factories import make_delegation, make_event, make_user
from tests.review_helpers import Cast, post_edit, workflow_action
from wagtail_eventcal.models import EventPage, Notification

pytestmark = pytest.mark.django_db

EVIL = {"title": "EVIL", "detail_url": "https://phish.example/login"}
CLEAN_TITLE = "高度人材セミナー（審査用）"


def set_admin_language(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def logged_in(user, language="en"):
    set_admin_language(user, language)
    client = Client()
    client.force_login(user)
    return client


class World:
    """An event of the ministry delegated to a proxy; a harmful draft saved
    by ``author`` (the proxy or the submitter), then a clean version submitted."""

    def __init__(self, calendar, author):
        cast = Cast(calendar)
        self.cast = cast
        self.reviewer = cast.reviewer
        self.proxy = make_user("contractor", first_name="Taro")
        self.submitter = cast.submitter
        self.event = make_event(calendar, organizations=[cast.ministry], publish=False)
        make_delegation(self.event, self.proxy, cast.submitter, cast.ministry)
        self.author = {"proxy": self.proxy, "submitter": self.submitter}[author]
        client = logged_in(self.author)
        assert post_edit(client, self.event, **EVIL).status_code == 302
        self.evil_revision = self.latest()
        assert self.evil_revision.content["title"] == "EVIL"
        response = post_edit(
            client,
            self.event,
            "action-submit",
            title=CLEAN_TITLE,
            detail_url="https://example.org/seminar",
        )
        assert response.status_code == 302
        self.submitted = self.latest()
        assert self.state().status == WorkflowState.STATUS_IN_PROGRESS

    def latest(self):
        return Page.objects.get(pk=self.event.pk).get_latest_revision()

    def state(self):
        return WorkflowState.objects.for_instance(self.event).get()

    def page(self):
        return EventPage.objects.get(pk=self.event.pk)


@pytest.fixture(params=["proxy", "submitter"])
def world(request, calendar):
    return World(calendar, request.param)


def revert_api_url(page):
    return reverse("wagtailadmin_api:pages:action", args=[page.pk, "revert_to_page_revision"])


def test_the_admin_api_cannot_revert_an_event_in_review(world):
    client = logged_in(world.author)
    response = client.post(
        revert_api_url(world.event),
        json.dumps({"revision_id": world.evil_revision.pk}),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert world.latest() == world.submitted

    response = workflow_action(logged_in(world.reviewer), world.event, "approve")
    assert response.status_code == 302
    page = world.page()
    assert page.live and page.title == CLEAN_TITLE
    assert page.live_revision == world.submitted


# --- Every route, from the URL resolver ------------------------------------
# Each URL the site serves is requested (GET, and POST with a payload that
# fills every form Wagtail shows for a page: the edit form with harmful
# content, a revision to revert to, a copy's new slug, a bulk action's ids)
# as the proxy, the submitter and a reviewer, each request in a transaction
# that is rolled back. The reviewer's run proves the sweep reaches the routes
# that make revisions; the others must make none.

API_ACTIONS = [
    "revert_to_page_revision",
    "copy",
    "convert_alias",
    "copy_for_translation",
    "create_alias",
    "move",
    "publish",
    "unpublish",
    "delete",
]
WORKFLOW_ACTIONS = ["approve", "return", "request_confirmation", "reject"]
BULK_ACTIONS = ["publish", "unpublish", "move", "delete", "add_to_workflow"]
MODELS = [("wagtailcore", "page"), ("wagtail_eventcal", "eventpage")]
EDIT_BUTTONS = [
    {},
    {"action-submit": "1"},
    {"action-publish": "1"},
    {"action-restart-workflow": "1"},
    {"action-workflow-action": "1", "workflow-action-name": "approve"},
    {"action-cancel-workflow": "1"},
]
PAGE_PARAMS = {"page_id", "pk", "page_pk", "page_to_move_id", "object_id"}


class _Rollback(Exception):
    pass


def url_patterns():
    """(name, parameter names) of every named URL pattern of the site."""
    import re

    from django.urls import URLResolver, get_resolver

    def walk(patterns, namespace="", prefix=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
                yield from walk(pattern.url_patterns, inner, route)
            elif pattern.name:
                yield namespace + pattern.name, route

    seen = set()
    for name, route in walk(get_resolver().url_patterns):
        params = tuple(a or b for a, b in re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route))
        if (name, params) not in seen:
            seen.add((name, params))
            yield name, list(params)


def _values(world, param):
    state = world.state()
    page = world.event.pk
    return {
        "revision_id": [world.evil_revision.pk],
        "revision_id_a": ["earliest"],
        "revision_id_b": ["latest"],
        "task_state_id": [state.current_task_state_id],
        "task_id": [state.current_task_state.task_id],
        "workflow_state_id": [state.pk],
        "workflow_pk": [state.workflow_id],
        "destination_id": [world.cast.calendar.pk],
        "parent_page_id": [world.cast.calendar.pk],
        "action_name": API_ACTIONS + WORKFLOW_ACTIONS,
        "action": BULK_ACTIONS,
        "path": [""],
    }.get(param, [page])


def concrete_urls(world):
    import itertools

    from django.urls import NoReverseMatch

    for name, params in url_patterns():
        model_pairs = MODELS if {"app_label", "model_name"} & set(params) else [(None, None)]
        plain = [p for p in params if p not in ("app_label", "model_name", "app_name")]
        for (app, model), combo in itertools.product(
            model_pairs, itertools.product(*(_values(world, p) for p in plain))
        ):
            kwargs = dict(zip(plain, combo, strict=True))
            if app:
                kwargs.update(
                    {
                        k: v
                        for k, v in {"app_label": app, "model_name": model}.items()
                        if k in params
                    }
                )
            try:
                url = reverse(name, kwargs=kwargs)
            except NoReverseMatch:
                continue
            yield name, url, bool(PAGE_PARAMS & set(params))


def revision_state(event):
    """The event's revisions as (pk, created_at): a new revision adds a pair,
    an overwritten one (autosave) changes its time."""
    return set(
        Revision.objects.filter(
            base_content_type=event.get_base_content_type(), object_id=str(event.pk)
        ).values_list("pk", "created_at")
    )


def payload(world):
    from tests.review_helpers import browser_post_data, edit_url

    reviewer = logged_in(world.reviewer)
    form = reviewer.get(edit_url(world.event)).context["form"]
    data = browser_post_data(form, EVIL)
    data.update(
        revision_id=world.evil_revision.pk,
        overwrite_revision_id=world.submitted.pk,
        new_title="EVIL copy",
        new_slug="evil-copy",
        new_parent_page=world.cast.calendar.pk,
        comment="x",
        id=world.event.pk,
    )
    return data


def sweep(world, user):
    """``{route name: [(method, url, variant)]}`` of the requests that made
    or changed a revision of the event, and the 5xx answers of routes that
    name the event."""
    from django.db import transaction

    data = payload(world)
    before = revision_state(world.event)
    changed, errors = {}, []
    client = Client(raise_request_exception=False)

    def request(name, url, takes_page, method, extra=None, headers=None):
        try:
            with transaction.atomic():
                client.force_login(user)
                target = f"{url}?id={world.event.pk}"
                if method == "GET":
                    response = client.get(target)
                else:
                    response = client.post(target, {**data, **(extra or {})}, **(headers or {}))
                if response.status_code >= 500 and takes_page:
                    errors.append((method, url, extra, response.status_code))
                if revision_state(world.event) - before:
                    changed.setdefault(name, []).append((method, url, extra))
                raise _Rollback(response.status_code)
        except _Rollback as answer:
            return answer.args[0]

    for name, url, takes_page in concrete_urls(world):
        request(name, url, takes_page, "GET")
        status = request(name, url, takes_page, "POST")
        if takes_page and status not in (403, 404, 405):
            # Each button of the edit form, and an autosave (JSON) request.
            for button in EDIT_BUTTONS[1:]:
                request(name, url, takes_page, "POST", button)
            request(name, url, takes_page, "POST", headers={"HTTP_ACCEPT": "application/json"})
    return changed, errors


@pytest.mark.wagtail_sweep  # every admin URL with made-up input
def test_no_route_makes_a_revision_of_an_event_in_review_but_a_reviewers(calendar):
    world = World(calendar, "proxy")
    for user in (world.proxy, world.submitter):
        changed, errors = sweep(world, user)
        assert changed == {}, user
        assert errors == [], "\n".join(map(str, errors))

    # The same sweep as a reviewer does reach the routes that make revisions.
    changed, errors = sweep(world, world.reviewer)
    assert {
        "wagtailadmin_pages:edit",
        "wagtailadmin_pages:revisions_revert",
        "wagtailadmin_api:pages:action",
    } <= set(changed), changed
    assert errors == [], "\n".join(map(str, errors))


# --- Approval publishes what the reviewer saw -------------------------------


def slip_in_a_revision(world, user, **changes):
    """A revision made during the review by a route nobody foresaw (Wagtail's
    own save_revision, past the event's guard)."""
    page = world.page()
    for name, value in changes.items():
        setattr(page, name, value)
    return Page.save_revision(page, user=user)


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_approval_is_refused_when_the_event_changed_after_submission(
    world, django_capture_on_commit_callbacks
):
    slip_in_a_revision(world, world.author, **EVIL)
    reviewer = logged_in(world.reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        response = workflow_action(reviewer, world.event, "approve")
    assert response.status_code == 302
    assert any("changed after it was submitted" in m for m in messages_of(response))
    page = world.page()
    assert not page.live and page.live_revision is None
    assert world.state().status == WorkflowState.STATUS_IN_PROGRESS
    assert world.state().current_task_state.status == "in_progress"
    assert not Notification.objects.filter(kind="approve").exists()


def test_the_refusal_is_in_japanese_too(world):
    slip_in_a_revision(world, world.author, title="EVIL")
    response = workflow_action(logged_in(world.reviewer, "ja"), world.event, "approve")
    assert any("提出後に変更" in m for m in messages_of(response)), messages_of(response)


def test_a_submitted_revision_overwritten_in_place_is_refused(world):
    # Autosave overwrites the author's latest revision in place (same pk).
    revision = world.submitted
    revision.content = {**revision.content, "title": "EVIL"}
    revision.save()
    Revision.objects.filter(pk=revision.pk).update(
        created_at=world.state().current_task_state.started_at + timedelta(seconds=5)
    )
    response = workflow_action(logged_in(world.reviewer), world.event, "approve")
    assert any("changed after it was submitted" in m for m in messages_of(response))
    assert not world.page().live


def test_a_reviewers_own_edits_are_published(world):
    client = logged_in(world.reviewer)
    assert post_edit(client, world.event, title="審査で直したタイトル").status_code == 302
    assert workflow_action(client, world.event, "approve").status_code == 302
    page = world.page()
    assert page.live and page.title == "審査で直したタイトル"

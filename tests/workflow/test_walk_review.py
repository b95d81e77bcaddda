"""What the submitter and the reviewer meet in the admin (issue 14): a
refused new event is kept once as a draft and says so; each role sees only
its own review actions; confirmations say what happened and who was told;
one dashboard panel; no false error badge."""

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import WorkflowState

from tests.factories import jst, make_event, make_organization
from tests.review_helpers import (
    Cast,
    add_url,
    create_post_data,
    edit_url,
    post_edit,
    workflow_action,
)
from wagtail_eventcal.models import EventPage

pytestmark = pytest.mark.django_db

WEDNESDAY = jst(2026, 11, 25, 10, 0)


@pytest.fixture
def cast(calendar):
    return Cast(calendar)


def test_refused_new_event_is_kept_once_as_a_draft_and_says_so(client, cast):
    foundation = make_organization(body_types=("general_foundation",))
    client.force_login(cast.submitter)
    data = create_post_data(client, cast, foundation, title="財団のセミナー", slug="zaidan-seminar")
    before = EventPage.objects.count()
    response = client.post(add_url(cast.calendar), {**data, "action-submit": "1"})
    # Kept as a draft: the browser goes to its edit view (not a re-rendered
    # create form that would autosave a second copy).
    assert response.status_code == 302
    assert EventPage.objects.count() == before + 1
    event = EventPage.objects.latest("pk")
    assert response["Location"].startswith(edit_url(event))
    assert not event.live
    assert not WorkflowState.objects.filter(object_id=str(event.pk)).exists()
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    refusal = [t for t in texts if "下書き" in t or "draft" in t]
    assert refusal, texts
    assert any("cannot be submitted" in t or "投稿できません" in t for t in texts), texts
    # Submitting again from the edit view refuses again and creates nothing.
    response = post_edit(client, event, "action-submit")
    assert response.status_code == 200
    assert EventPage.objects.count() == before + 1


def test_valid_new_event_is_still_submitted(client, cast, django_capture_on_commit_callbacks):
    client.force_login(cast.submitter)
    data = create_post_data(client, cast, cast.ministry, title="省のセミナー", slug="sho-seminar")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(add_url(cast.calendar), {**data, "action-submit": "1"})
    assert response.status_code == 302
    event = EventPage.objects.latest("pk")
    assert WorkflowState.objects.get(object_id=str(event.pk)).status == "in_progress"


def test_new_event_with_other_errors_is_not_saved(client, cast):
    foundation = make_organization(body_types=("general_foundation",))
    client.force_login(cast.submitter)
    data = create_post_data(client, cast, foundation, title="")
    before = EventPage.objects.count()
    response = client.post(add_url(cast.calendar), {**data, "action-submit": "1"})
    assert response.status_code == 200
    assert EventPage.objects.count() == before


@pytest.fixture
def submitted(client, cast, django_capture_on_commit_callbacks):
    event = make_event(
        cast.calendar,
        organizations=[cast.ministry],
        publish=False,
        title="高度人材セミナー",
        owner=cast.submitter,
    )
    client.force_login(cast.submitter)
    with (
        time_machine.travel(WEDNESDAY, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        post_edit(client, event, "action-submit")
    return event


def action_names(html):
    import re

    return set(re.findall(r'name="(action-[\w-]+)"', html))


def test_reviewer_publishes_through_the_review_only(client, cast, submitted):
    client.force_login(cast.reviewer)
    html = client.get(edit_url(submitted)).content.decode()
    assert "action-publish" not in action_names(html)
    assert 'data-workflow-action-name="approve"' in html or 'value="approve"' in html
    # Publishing around the review by a hand-made POST is refused too.
    response = post_edit(client, submitted, "action-publish")
    assert response.status_code == 302
    page = EventPage.objects.get(pk=submitted.pk)
    assert not page.live
    assert page.current_workflow_state.status == "in_progress"


def test_submitter_is_not_offered_restart_or_cancel(client, cast, submitted):
    client.force_login(cast.reviewer)
    workflow_action(client, submitted, "return", comment="定員を記入してください。")
    client.force_login(cast.submitter)
    html = client.get(edit_url(submitted)).content.decode()
    names = action_names(html)
    assert "action-submit" in names
    assert "action-restart-workflow" not in names
    assert "action-cancel-workflow" not in names
    for action in ("action-cancel-workflow", "action-restart-workflow"):
        post_edit(client, submitted, action)
        state = EventPage.objects.get(pk=submitted.pk).current_workflow_state
        assert state is not None and state.status == "needs_changes", action


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Returned to METI staff (Hanako); they have been notified by mail."),
        ("ja", "経済産業省のご担当者（Hanako）に差し戻し、メールで通知しました。"),
    ],
)
def test_return_confirmation_says_who_was_told(
    client, cast, submitted, language, expected, django_capture_on_commit_callbacks
):
    from wagtail.users.models import UserProfile

    cast.ministry.name_en = "METI"
    cast.ministry.save()
    UserProfile.get_for_user(cast.reviewer).__class__.objects.filter(user=cast.reviewer).update(
        preferred_language=language
    )
    client.force_login(cast.reviewer)
    extra = '{"comment": "定員を記入してください。"}'
    with django_capture_on_commit_callbacks(execute=True):
        response = post_edit(
            client,
            submitted,
            "action-workflow-action",
            **{"workflow-action-name": "return", "workflow-action-extra-data": extra},
        )
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert expected in texts, texts


def test_one_name_for_the_review():
    from wagtail.models import Task

    from wagtail_eventcal.workflow.setup import review_workflow

    workflow = review_workflow()
    task = Task.objects.get(workflow_tasks__workflow=workflow)
    assert workflow.name == task.name == "事務局審査 / Secretariat review"


def test_submitters_dashboard_has_one_panel(client, cast, submitted):
    client.force_login(cast.submitter)
    client.get(reverse("wagtailadmin_home"))  # shows the submission message
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="eventcal-my-submissions-section"' in html
    assert 'id="objects-in-workflow-section"' not in html  # Wagtail's twin of ours


def test_overdue_notice_is_not_counted_as_an_error(client, cast, submitted):
    client.force_login(cast.submitter)
    with time_machine.travel(jst(2026, 12, 10, 10, 0), tick=False):
        html = client.get(edit_url(submitted)).content.decode()
    import re

    round_block = re.search(r'<div class="([^"]*)" data-eventcal-review-round>', html)
    assert round_block, "review round notice missing"
    # Wagtail counts .help-critical (and .error-message) as validation errors
    # in the tab's error badge.
    assert "help-critical" not in round_block.group(1)
    assert "overdue" in round_block.group(1)


def test_autosave_of_the_create_form_creates_no_hidden_draft(client, cast):
    client.force_login(cast.submitter)
    data = create_post_data(client, cast, cast.ministry, title="自動保存", slug="autosave")
    before = EventPage.objects.count()
    response = client.post(add_url(cast.calendar), data, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert response.json()["success"] is False
    assert EventPage.objects.count() == before

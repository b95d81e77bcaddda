"""Proxy entry through the review workflow: the proxy submits and answers a
return; reviewers, mails and the page history say "proxy entry by X for
organization O, delegated by Y"; the delegating official hears of the
submission and of every decision."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from wagtail.models import PageLogEntry, WorkflowState

from tests.factories import make_delegation, make_event, make_user
from tests.review_helpers import Cast, post_edit, workflow_action
from wagtail_eventcal.delegation.labels import PROXY_ENTRY_ACTION
from wagtail_eventcal.models import EventPage

pytestmark = pytest.mark.django_db

LABEL_EN = "Proxy entry by Taro Contractor for METI, delegated by Hanako"
LABEL_JA = "Taro Contractorによる代理入力（経済産業省の依頼、委任者：Hanako）"


@pytest.fixture
def cast(calendar):
    cast = Cast(calendar)
    cast.ministry.name_en = "METI"
    cast.ministry.save()
    cast.proxy = make_user("contractor", first_name="Taro", last_name="Contractor")
    cast.event = make_event(calendar, organizations=[cast.ministry], publish=False)
    cast.delegation = make_delegation(
        cast.event,
        delegate=cast.proxy,
        granted_by=cast.submitter,
        organization=cast.ministry,
    )
    return cast


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def mails_to(user):
    return [message for message in mail.outbox if user.email in message.to]


def test_proxy_submission_is_labelled_and_copied_to_the_official(
    cast, django_capture_on_commit_callbacks
):
    proxy = logged_in(cast.proxy)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_edit(proxy, cast.event, "action-submit", summary_ja="代理で入力")
    assert response.status_code == 302
    state = WorkflowState.objects.for_instance(cast.event).get()
    assert state.status == "in_progress" and state.requested_by == cast.proxy

    (to_reviewer,) = mails_to(cast.reviewer)
    assert LABEL_EN in to_reviewer.body and LABEL_JA in to_reviewer.body
    (to_official,) = mails_to(cast.submitter)  # the receipt
    assert LABEL_EN in to_official.body
    assert len(mails_to(cast.proxy)) == 1

    # The page history carries the label on the proxy's revision.
    entry = PageLogEntry.objects.get(page=cast.event, action=PROXY_ENTRY_ACTION)
    assert entry.user == cast.proxy
    assert entry.revision == EventPage.objects.get(pk=cast.event.pk).latest_revision
    reviewer = logged_in(cast.reviewer)
    history = reviewer.get(reverse("wagtailadmin_pages:history", args=[cast.event.pk]))
    assert LABEL_JA in history.content.decode()
    # ... and so do the reviewers' report and dashboard (through the context hook).
    assert LABEL_JA in reviewer.get(reverse("eventcal_review:open")).content.decode()
    assert LABEL_JA in reviewer.get(reverse("wagtailadmin_home")).content.decode()


def test_return_answer_and_decision_reach_proxy_and_official(
    cast, django_capture_on_commit_callbacks
):
    proxy, reviewer = logged_in(cast.proxy), logged_in(cast.reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        post_edit(proxy, cast.event, "action-submit")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow_action(reviewer, cast.event, "return", comment="会場の住所を入れてください。")
    for user in (cast.proxy, cast.submitter):
        (message,) = mails_to(user)
        assert "会場の住所を入れてください。" in message.body
        assert LABEL_JA in message.body

    # The proxy answers the return: edits and resubmits the same review.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = post_edit(proxy, cast.event, "action-submit", address_ja="東京都千代田区")
    assert response.status_code == 302
    state = WorkflowState.objects.for_instance(cast.event).get()
    assert state.status == "in_progress"
    assert mails_to(cast.reviewer) and LABEL_EN in mails_to(cast.reviewer)[0].body

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow_action(reviewer, cast.event, "approve", comment="")
    event = EventPage.objects.get(pk=cast.event.pk)
    assert event.live and event.address_ja == "東京都千代田区"
    assert mails_to(cast.submitter) and mails_to(cast.proxy)


def test_submission_by_the_official_is_not_labelled(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post_edit(logged_in(cast.submitter), cast.event, "action-submit")
    assert all("Proxy entry by" not in message.body for message in mail.outbox)
    assert not PageLogEntry.objects.filter(action=PROXY_ENTRY_ACTION).exists()

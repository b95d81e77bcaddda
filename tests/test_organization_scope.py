"""Who may do what: a submitter works on their own organizations' events
only, may submit but never publish, unpublish, delete or move a published
event; reviewers may do everything with events."""

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry, WorkflowState

from tests.factories import make_calendar, make_event, make_organization, make_user
from tests.review_helpers import Cast, edit_url, post_edit
from wagtail_eventcal.models import EventPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(calendar):
    return Cast(calendar)


@pytest.fixture
def osaka_submitter(cast):
    osaka = make_organization(body_types=("local_government",), name_ja="大阪府")
    user = make_user("osaka", groups=[cast.submitters])
    osaka.members.add(user)
    return user


@pytest.fixture
def meti_event(cast):
    return make_event(cast.calendar, organizations=[cast.ministry], title="経産省のイベント")


def latest_title(page):
    return EventPage.objects.get(pk=page.pk).get_latest_revision_as_object().title


def test_submitter_is_denied_another_organizations_event(client, cast, osaka_submitter, meti_event):
    client.force_login(osaka_submitter)
    revisions = meti_event.revisions.count()

    response = client.get(edit_url(meti_event))
    assert response.status_code == 302 and response["Location"] == "/admin/"
    response = client.post(edit_url(meti_event), {"title": "乗っ取り", "action-submit": "1"})
    assert response.status_code == 302
    assert meti_event.revisions.count() == revisions
    assert latest_title(meti_event) == "経産省のイベント"
    assert not WorkflowState.objects.filter(object_id=str(meti_event.pk)).exists()
    for name in ("wagtailadmin_pages:history", "wagtailadmin_pages:view_draft"):
        response = client.get(reverse(name, args=[meti_event.pk]))
        assert response.status_code in (302, 403), name
    tester = EventPage.objects.get(pk=meti_event.pk).permissions_for_user(osaka_submitter)
    assert not tester.can_edit() and not tester.can_delete() and not tester.can_copy()


def test_member_edits_and_submits_but_never_publishes(
    client, cast, meti_event, django_capture_on_commit_callbacks
):
    client.force_login(cast.submitter)
    with django_capture_on_commit_callbacks(execute=True):
        post_edit(client, meti_event, "action-publish", title="公開しようとした")
    page = EventPage.objects.get(pk=meti_event.pk)
    assert page.title == "経産省のイベント"  # the live version did not change
    assert latest_title(page) == "公開しようとした"  # saved as a draft only
    with django_capture_on_commit_callbacks(execute=True):
        post_edit(client, meti_event, "action-submit")
    assert WorkflowState.objects.get(object_id=str(page.pk)).status == "in_progress"

    tester = page.permissions_for_user(cast.submitter)
    assert not tester.can_publish() and not tester.can_unpublish()
    assert not tester.can_delete() and not tester.can_move()  # it is live
    client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
    client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
    assert EventPage.objects.get(pk=page.pk).live
    other = make_calendar(parent=cast.calendar.get_parent(), slug="other")
    client.post(reverse("wagtailadmin_pages:move_confirm", args=[page.pk, other.pk]))
    assert EventPage.objects.get(pk=page.pk).get_parent().pk == cast.calendar.pk


def test_submitter_edits_an_event_they_created(client, osaka_submitter, cast):
    company = make_organization(body_types=("company",))
    own = make_event(cast.calendar, organizations=[company], publish=False, owner=osaka_submitter)
    client.force_login(osaka_submitter)
    response = post_edit(client, own, None, title="自分で作成")
    assert response.status_code == 302
    assert latest_title(own) == "自分で作成"


def test_reviewer_may_do_everything_with_events(client, cast, meti_event):
    client.force_login(cast.reviewer)
    response = post_edit(client, meti_event, "action-publish", title="事務局が修正")
    assert response.status_code == 302
    page = EventPage.objects.get(pk=meti_event.pk)
    assert page.live and page.title == "事務局が修正"
    tester = page.permissions_for_user(cast.reviewer)
    assert tester.can_unpublish() and tester.can_delete() and tester.can_move()
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish").exists()


def test_editable_page_listings_leave_out_other_organizations(cast, osaka_submitter, meti_event):
    from wagtail.models import Page
    from wagtail.permissions import policy_registry

    policy = policy_registry.get_by_type(Page)
    own = make_event(cast.calendar, organizations=[cast.ministry], publish=False)
    editable = set(
        policy.instances_user_has_permission_for(cast.submitter, "change").values_list(
            "pk", flat=True
        )
    )
    assert {meti_event.pk, own.pk} <= editable
    editable = set(
        policy.instances_user_has_permission_for(osaka_submitter, "change").values_list(
            "pk", flat=True
        )
    )
    assert meti_event.pk not in editable and own.pk not in editable
    assert cast.calendar.pk in editable  # the calendar itself is not an event
    reviewer_pages = policy.instances_user_has_permission_for(cast.reviewer, "change")
    assert reviewer_pages.filter(pk=meti_event.pk).exists()


@pytest.fixture
def four_events(cast, osaka_submitter, meti_event):
    """METI's live event, METI's draft, METI's live event with a pending
    change, and Osaka's own draft."""
    draft = make_event(
        cast.calendar, organizations=[cast.ministry], publish=False, title="経産省の下書き"
    )
    pending = make_event(cast.calendar, organizations=[cast.ministry], title="経産省の公開中")
    pending.title = "経産省の未公開の変更"
    pending.save_revision(user=cast.submitter)
    osaka = osaka_submitter.eventcal_organizations.get()
    own = make_event(
        cast.calendar,
        organizations=[osaka],
        publish=False,
        owner=osaka_submitter,
        title="大阪の下書き",
    )
    return meti_event, draft, pending, own


def _listed(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    data = response.json() if response.headers["Content-Type"] == "application/json" else {}
    return data.get("html") or response.content.decode()  # the chooser is a modal: JSON


@pytest.mark.parametrize(
    "url_name", ["explore", "chooser", "sidebar"], ids=["explorer", "page chooser", "sidebar"]
)
def test_submitters_see_other_organizations_events_only_as_published(
    client, cast, osaka_submitter, four_events, url_name
):
    calendar = cast.calendar
    url = {
        "explore": reverse("wagtailadmin_explore", args=[calendar.pk]),
        "chooser": reverse("wagtailadmin_choose_page_child", args=[calendar.pk]),
        "sidebar": f"/admin/api/main/pages/?child_of={calendar.pk}&for_explorer=1&fields=title",
    }[url_name]
    everything = ["経産省のイベント", "経産省の下書き", "経産省の未公開の変更", "大阪の下書き"]

    def shown(user):
        content = _listed(client, user, url)
        return [title for title in everything if title in content]

    assert shown(osaka_submitter) == ["経産省のイベント", "大阪の下書き"]
    # METI's own member and the secretariat see all of METI's work.
    assert shown(cast.submitter)[:3] == everything[:3]
    assert shown(cast.reviewer)[:3] == everything[:3]

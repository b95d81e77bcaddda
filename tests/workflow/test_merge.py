"""Merging two submissions of one event (issue 15, item 2): the reviewer's
"Merge into this event" from the side-by-side duplicates screen moves the
other event's organizations onto the kept one, withdraws the other (review
cancelled, unpublished), records both histories and tells its submitter."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from wagtail.models import PageLogEntry, WorkflowState
from wagtail.users.models import UserProfile

from tests.factories import jst, make_delegation, make_event, make_organization, make_user
from tests.review_helpers import Cast, post_edit, workflow_action
from wagtail_eventcal.models import EventMerge, EventPage, Notification
from wagtail_eventcal.workflow import checklist

pytestmark = pytest.mark.django_db


def merge_url(withdrawn, kept):
    return reverse("eventcal_review:merge", args=[withdrawn.pk, kept.pk])


def duplicates_url(event):
    return reverse("wagtail_eventcal_exchange:duplicates", args=[event.pk])


def set_language(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


class World:
    """The ministry's event (kept) and 大阪府's copy of it (withdrawn), one
    co-organized forum entered twice."""

    def __init__(self, calendar, *, kept_live=True, other_live=True):
        self.cast = cast = Cast(calendar)
        self.osaka = make_organization(
            body_types=("local_government",), name_ja="大阪府", name_en="Osaka Prefecture"
        )
        self.chamber = make_organization(
            body_types=("chamber_of_commerce",), name_ja="大阪商工会議所", name_en="Osaka CCI"
        )
        self.osaka_staff = make_user("osaka_staff", groups=[cast.submitters])
        self.osaka.members.add(self.osaka_staff)
        common = {
            "start": jst(2027, 2, 10, 14, 0),
            "end": jst(2027, 2, 10, 17, 0),
            "venue_name_ja": "大阪国際会議場",
        }
        self.kept = make_event(
            calendar,
            organizations=[cast.ministry],
            title="高度外国人材 就職フォーラム2027",
            title_en="Job Forum 2027",
            detail_url="https://example.org/forum-2027",
            owner=cast.submitter,
            publish=kept_live,
            **common,
        )
        self.other = make_event(
            calendar,
            organizations=[
                (self.osaka, "co_organizer"),
                (self.chamber, "supporter"),
                cast.ministry,
            ],
            title="高度外国人材　就職フォーラム２０２７",
            title_en="",
            detail_url="http://example.org/forum-2027/",
            owner=self.osaka_staff,
            publish=other_live,
            **common,
        )

    def reload(self):
        self.kept = EventPage.objects.get(pk=self.kept.pk)
        self.other = EventPage.objects.get(pk=self.other.pk)
        return self


@pytest.fixture
def world(calendar):
    return World(calendar)


def reviewer_client(client, world, language="en"):
    set_language(world.cast.reviewer, language)
    client.force_login(world.cast.reviewer)
    translation.activate(language)  # the organizations' names asserted below
    return client


def post_merge(client, world, comment=""):
    """The reviewer's merge with both confirmations (the second one, to take
    a published event off the public site, where the form asks for it)."""
    return client.post(
        merge_url(world.other, world.kept), {"comment": comment, "withdraw_live": "on"}
    )


def orgs(page):
    return [(p.organization.name_ja, p.role) for p in page.participations.order_by("sort_order")]


def test_the_pair_screen_offers_the_merge_and_the_confirmation_says_what_happens(client, world):
    reviewer_client(client, world)
    screen = client.get(duplicates_url(world.kept)).content.decode()
    assert merge_url(world.other, world.kept) in screen  # "Merge into this event"
    assert merge_url(world.kept, world.other) in screen  # the other way round
    response = client.get(merge_url(world.other, world.kept))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Osaka Prefecture (Co-organizer)" in html and "Osaka CCI (Supporter)" in html
    assert "Already taking part" in html and world.cast.ministry.name_en in html
    assert "published now" in html and "unpublished" in html
    assert "osaka_staff@example.org" in html
    assert 'name="csrfmiddlewaretoken"' in html and 'method="post"' in html
    assert not EventMerge.objects.exists()  # a GET changes nothing


def test_merging_a_live_pair_publishes_the_kept_event_and_withdraws_the_other(
    client, world, django_capture_on_commit_callbacks
):
    reviewer_client(client, world)
    revisions = world.kept.revisions.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = post_merge(client, world, comment="共催として一本化しました。")
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[world.kept.pk])
    world.reload()
    # Organizations moved, roles kept, no duplicate of the ministry; published.
    assert orgs(world.kept) == [
        ("経済産業省", "organizer"),
        ("大阪府", "co_organizer"),
        ("大阪商工会議所", "supporter"),
    ]
    assert world.kept.live and not world.kept.has_unpublished_changes
    assert world.kept.revisions.count() == revisions + 1
    assert world.kept.live_revision.user == world.cast.reviewer
    # The other event is withdrawn: unpublished, marked, out of duplicate checks.
    assert not world.other.live
    record = EventMerge.objects.get()
    assert (record.kept, record.withdrawn, record.merged_by) == (
        world.kept,
        world.other,
        world.cast.reviewer,
    )
    from wagtail_eventcal.exchange.duplicates import Features, candidates

    assert candidates(Features.of_event(world.kept), exclude=[world.kept.pk]) == []
    # Both histories, readable in both languages.
    kept_log = PageLogEntry.objects.get(page=world.kept, action="eventcal.merge_kept")
    other_log = PageLogEntry.objects.get(page=world.other, action="eventcal.merge_withdrawn")
    assert PageLogEntry.objects.filter(page=world.other, action="wagtail.unpublish").exists()
    with translation.override("en"):
        assert "Organizations added: Osaka Prefecture (Co-organizer), Osaka CCI (Supporter)" in (
            kept_log.message
        )
        assert f"Merged into “{world.kept.title}” (id {world.kept.pk})" in other_log.message
    with translation.override("ja"):
        kept_log, other_log = (PageLogEntry.objects.get(pk=e.pk) for e in (kept_log, other_log))
        assert "大阪府（共催）" in kept_log.message
        assert "取り下げ" in other_log.message
    # The history screens render them.
    history = client.get(reverse("wagtailadmin_pages:history", args=[world.other.pk]))
    assert "Withdrawn as a duplicate" in history.content.decode()
    # The withdrawn event's organization is told, with a link to the kept event:
    # its submitter, and the ministry's staff (the ministry takes part in it).
    assert sorted(n.recipient for n in Notification.objects.filter(kind="merged")) == [
        "osaka_staff@example.org",
        "submitter@example.org",
    ]
    note = Notification.objects.get(kind="merged", recipient="osaka_staff@example.org")
    assert note.sent_at is not None
    assert f"http://testserver/ja/events/{world.kept.slug}/" in note.body_text
    assert f"http://testserver/en/events/{world.kept.slug}/" in note.body_text
    assert "共催として一本化しました。" in note.body_text
    assert sorted(m.to[0] for m in mail.outbox) == [
        "osaka_staff@example.org",
        "submitter@example.org",
    ]
    # The reviewer is told what happened.
    from django.contrib.messages import get_messages

    said = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "merged into" in said and "2 people were told by mail: osaka_staff, Hanako." in said


def test_the_mail_is_in_the_recipients_language_first(
    client, world, django_capture_on_commit_callbacks
):
    set_language(world.osaka_staff, "en")
    reviewer_client(client, world)
    with django_capture_on_commit_callbacks(execute=True):
        post_merge(client, world)
    note = Notification.objects.get(kind="merged", recipient="osaka_staff@example.org")
    english, japanese = note.body_text.split("----------------------------------------")
    assert note.language == "en"
    assert note.subject.startswith("Merged with another submission")
    assert "Kept event: Job Forum 2027" in english
    assert "統合先のイベント" in japanese
    assert '<section lang="en"' in note.body_html and '<section lang="ja"' in note.body_html


def test_a_failing_mail_server_never_loses_the_merge(
    client, world, use_mail_backend, django_capture_on_commit_callbacks, time_machine
):
    use_mail_backend("tests.failing_mail.FailingBackend")
    reviewer_client(client, world)
    with django_capture_on_commit_callbacks(execute=True):
        assert post_merge(client, world).status_code == 302
    assert EventMerge.objects.count() == 1
    note = Notification.objects.get(kind="merged", recipient="osaka_staff@example.org")
    assert note.sent_at is None and "SMTP is down" in note.last_error
    from django.core.management import call_command

    use_mail_backend("django.core.mail.backends.locmem.EmailBackend")
    # After the back-off of every unsent mail.
    time_machine.move_to(
        max(Notification.objects.filter(sent_at=None).values_list("next_attempt_at", flat=True))
    )
    call_command("eventcal_send_mail")
    assert sorted(m.to for m in mail.outbox) == [
        ["osaka_staff@example.org"],
        ["submitter@example.org"],
    ]


def test_an_event_in_review_is_withdrawn_from_the_review(client, calendar):
    world = World(calendar, other_live=False)
    client.force_login(world.osaka_staff)
    assert (
        post_edit(client, world.other, "action-submit", duplicate_reason="別件").status_code == 302
    )
    state = WorkflowState.objects.for_instance(world.other).get()
    assert state.status == "in_progress"
    reviewer_client(client, world)
    assert post_merge(client, world).status_code == 302
    state.refresh_from_db()
    assert state.status == "cancelled"
    # Its submitter can neither change nor resubmit it.
    set_language(world.osaka_staff, "en")
    client.force_login(world.osaka_staff)
    revisions = world.other.revisions.count()
    response = post_edit(client, world.other, "action-submit", duplicate_reason="別件")
    assert response.status_code == 302
    assert world.other.revisions.count() == revisions
    assert not WorkflowState.objects.for_instance(world.other).filter(status="in_progress")
    from django.contrib.messages import get_messages

    assert any("merged this event" in str(m) for m in get_messages(response.wsgi_request))


def test_a_kept_event_in_review_gets_the_organizations_with_the_approval(client, calendar):
    world = World(calendar, kept_live=False, other_live=False)
    client.force_login(world.cast.submitter)
    post_edit(client, world.kept, "action-submit", duplicate_reason="本家です")
    reviewer_client(client, world)
    assert post_merge(client, world).status_code == 302
    world.reload()
    assert not world.kept.live  # nothing published around the review
    latest = world.kept.get_latest_revision_as_object()
    assert [p.organization.name_ja for p in latest.participations.all()] == [
        "経済産業省",
        "大阪府",
        "大阪商工会議所",
    ]
    # The review's approval publishes the reviewer's addition (issue 18 lets a
    # reviewer's own edit through).
    response = workflow_action(client, world.kept, "approve", checklist=list(checklist.CODES))
    assert response.status_code in (200, 302)
    world.reload()
    assert world.kept.live
    assert [name for name, _role in orgs(world.kept)] == ["経済産業省", "大阪府", "大阪商工会議所"]


def test_a_live_kept_event_with_unsubmitted_changes_is_not_published(client, calendar):
    world = World(calendar)
    client.force_login(world.cast.submitter)
    post_edit(client, world.kept, title="未審査の改題")
    world.reload()
    assert world.kept.has_unpublished_changes
    reviewer_client(client, world)
    assert post_merge(client, world).status_code == 302
    world.reload()
    assert world.kept.title == "高度外国人材 就職フォーラム2027"  # the live version unchanged
    assert orgs(world.kept) == [("経済産業省", "organizer")]
    latest = world.kept.get_latest_revision_as_object()
    assert latest.title == "未審査の改題"  # the submitter's draft is kept, with the additions
    assert len(latest.participations.all()) == 3


def test_a_draft_kept_event_opens_to_the_moved_organizations(
    client, calendar, django_capture_on_commit_callbacks
):
    world = World(calendar, kept_live=False, other_live=False)
    client.force_login(world.osaka_staff)
    edit = reverse("wagtailadmin_pages:edit", args=[world.kept.pk])
    assert client.get(edit).status_code == 403  # another organization's draft
    reviewer_client(client, world)
    with django_capture_on_commit_callbacks(execute=True):
        post_merge(client, world)
    world.reload()
    assert not world.kept.live
    client.force_login(world.osaka_staff)
    assert client.get(edit).status_code == 200
    note = Notification.objects.get(kind="merged", recipient="osaka_staff@example.org")
    assert "http://testserver" + edit in note.body_text  # may open it: linked


@pytest.mark.parametrize("case", ["itself", "withdrawn again", "into a withdrawn event"])
def test_refusals_are_clear_and_change_nothing(client, world, case):
    reviewer_client(client, world)
    third = make_event(world.cast.calendar, organizations=[world.osaka])
    if case == "itself":
        url, expected = merge_url(world.kept, world.kept), "cannot be merged into itself"
    else:
        post_merge(client, world)
        if case == "withdrawn again":
            url, expected = merge_url(world.other, third), "already merged"
        else:
            url, expected = merge_url(third, world.other), "was itself merged"
    merges = EventMerge.objects.count()
    shown = client.get(url)
    assert shown.status_code == 200 and expected in shown.content.decode()
    response = client.post(url, {"comment": "", "withdraw_live": "on"})
    assert response.status_code == 200 and expected in response.content.decode()
    assert EventMerge.objects.count() == merges
    assert EventPage.objects.get(pk=third.pk).live


def merge_routes():
    """Every URL pattern served by the merge view, from the URL resolver."""
    from django.urls import URLResolver, get_resolver

    from wagtail_eventcal.workflow.merge_views import MergeView

    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns)
            elif getattr(pattern.callback, "view_class", None) is MergeView or (
                getattr(getattr(pattern.callback, "__wrapped__", None), "view_class", None)
                is MergeView
            ):
                yield pattern

    return list(walk(get_resolver().url_patterns))


def test_only_reviewers_reach_the_merge(client, world):
    """403 on every merge route, GET and POST, for a submitter (of both
    events' organizations) and for a proxy of the withdrawn event."""
    routes = merge_routes()
    assert routes, "the merge view is not routed"
    proxy = make_user("proxy")
    make_delegation(world.other, proxy, world.osaka_staff, world.osaka)
    world.cast.ministry.members.add(world.osaka_staff)  # member of both events' bodies
    for user in (world.osaka_staff, world.cast.submitter, proxy):
        client.force_login(user)
        for pattern in routes:
            for withdrawn, kept in ((world.other, world.kept), (world.kept, world.other)):
                url = reverse(f"eventcal_review:{pattern.name}", args=[withdrawn.pk, kept.pk])
                assert client.get(url).status_code == 403, (user, url)
                assert client.post(url, {"comment": ""}).status_code == 403, (user, url)
    assert not EventMerge.objects.exists()
    assert EventPage.objects.get(pk=world.other.pk).live


def test_the_proxy_is_told_too(client, world, django_capture_on_commit_callbacks):
    proxy = make_user("proxy")
    make_delegation(world.other, proxy, world.osaka_staff, world.osaka)
    reviewer_client(client, world)
    with django_capture_on_commit_callbacks(execute=True):
        post_merge(client, world)
    assert sorted(
        Notification.objects.filter(kind="merged").values_list("recipient", flat=True)
    ) == [
        "osaka_staff@example.org",
        "proxy@example.org",
        "submitter@example.org",
    ]


# --- A merge that cannot surprise -------------------------------------------


def standing(live=False, submitted=False, published=None, pk=1):
    from wagtail_eventcal.exchange.duplicates import Standing

    return Standing(live=live, submitted=submitted, first_published_at=published, pk=pk)


@pytest.mark.parametrize(
    "first, second, keep_first",
    [
        # live beats an unsubmitted imported draft, whatever their ages
        (standing(live=True, published=jst(2027, 1, 5, 9, 0), pk=9), standing(pk=1), True),
        (standing(pk=1), standing(live=True, published=jst(2027, 1, 5, 9, 0), pk=9), False),
        # submitted beats unsubmitted
        (standing(pk=1), standing(submitted=True, pk=2), False),
        # both live: the one published first
        (
            standing(live=True, published=jst(2027, 1, 6, 9, 0), pk=1),
            standing(live=True, published=jst(2027, 1, 5, 9, 0), pk=2),
            False,
        ),
        # both drafts, neither submitted: the older (created first)
        (standing(pk=3), standing(pk=4), True),
        (standing(pk=4), standing(pk=3), False),
    ],
)
def test_the_safe_direction_keeps_the_live_then_submitted_then_older_event(
    first, second, keep_first
):
    from wagtail_eventcal.exchange.duplicates import keeps_first

    assert keeps_first(first, second) is keep_first


def test_the_default_button_keeps_the_live_event_over_an_imported_draft(client, calendar):
    """The reported case: on the newer draft's screen the filled button once
    withdrew the live event. Now it keeps the live one, from either side."""
    world = World(calendar, kept_live=True, other_live=False)
    reviewer_client(client, world)
    for screen_of in (world.kept, world.other):
        html = client.get(duplicates_url(screen_of)).content.decode()
        default = html.split("data-eventcal-merge-default", 1)[1].split(">", 1)[0]
        assert merge_url(world.other, world.kept) in default, screen_of
        # The other way round is offered, secondary, and says what it does.
        assert merge_url(world.kept, world.other) in html
        assert "takes a published event off the public site" in html


def test_withdrawing_a_live_event_needs_a_second_confirmation(client, world):
    reviewer_client(client, world)
    url = merge_url(world.other, world.kept)
    html = client.get(url).content.decode()
    assert 'name="withdraw_live"' in html and "will be unpublished" in html
    response = client.post(url, {"comment": ""})
    assert response.status_code == 200
    assert "Confirm that the published event may leave the public site." in (
        response.content.decode()
    )
    assert not EventMerge.objects.exists()
    assert EventPage.objects.get(pk=world.other.pk).live


def test_the_service_refuses_to_withdraw_a_live_event_unconfirmed(world):
    """Guarded where the state changes: whatever the form did."""
    from wagtail_eventcal.workflow.merge import MergeRefused, merge

    with translation.override("en"), pytest.raises(MergeRefused, match="is published"):
        merge(world.kept.pk, world.other.pk, world.cast.reviewer)
    assert not EventMerge.objects.exists() and EventPage.objects.get(pk=world.other.pk).live


def test_a_draft_is_withdrawn_without_the_second_confirmation(client, calendar):
    world = World(calendar, kept_live=True, other_live=False)
    reviewer_client(client, world)
    url = merge_url(world.other, world.kept)
    assert 'name="withdraw_live"' not in client.get(url).content.decode()
    assert client.post(url, {"comment": ""}).status_code == 302
    assert EventMerge.objects.count() == 1


def test_the_confirmation_names_who_gains_edit_and_delegation_rights(client, world):
    company = make_organization(
        body_types=("company",), name_ja="株式会社例", name_en="Example Co."
    )
    from wagtail_eventcal.models import Participation

    Participation.objects.create(event=world.other, organization=company, role="supporter")
    world.other.save_revision().publish()
    reviewer_client(client, world)
    html = client.get(merge_url(world.other, world.kept)).content.decode()
    rights = html.split("data-eventcal-merge-rights", 1)[1].split("</li>", 1)[0]
    assert "edit the kept event" in rights and "delegate it to a proxy" in rights
    assert "Osaka Prefecture" in rights and "Osaka CCI" in rights
    assert "Example Co." not in rights and "(from now on)" in rights
    assert "gain no rights" in html and "Example Co." in html


def test_every_member_who_may_edit_the_withdrawn_event_and_the_delegating_official_are_told(
    client, world, django_capture_on_commit_callbacks
):
    """The withdrawn event's organization is told even when nobody of it
    submitted the event (an imported one), and the result names them."""
    colleague = make_user("osaka_colleague", groups=[world.cast.submitters])
    world.osaka.members.add(colleague)
    official = make_user("chamber_official", groups=[world.cast.submitters])
    world.chamber.members.add(official)
    no_mail = make_user("osaka_nomail", groups=[world.cast.submitters])
    no_mail.email = ""
    no_mail.save()
    world.osaka.members.add(no_mail)
    proxy = make_user("proxy")
    make_delegation(world.other, proxy, official, world.chamber)
    EventPage.objects.filter(pk=world.other.pk).update(owner=None)
    reviewer_client(client, world)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_merge(client, world)
    told = sorted(n.recipient for n in Notification.objects.filter(kind="merged"))
    assert told == sorted(
        f"{name}@example.org"
        for name in ("osaka_staff", "osaka_colleague", "chamber_official", "proxy", "submitter")
    )
    from django.contrib.messages import get_messages

    said = " ".join(str(m) for m in get_messages(response.wsgi_request))
    for name in ("osaka_colleague", "chamber_official", "proxy"):
        assert name in said.split("Not told")[0]
    assert "Not told (no e-mail address): osaka_nomail." in said


def test_the_result_names_who_was_told_in_japanese(
    client, world, django_capture_on_commit_callbacks
):
    reviewer_client(client, world, language="ja")
    with django_capture_on_commit_callbacks(execute=True):
        response = post_merge(client, world)
    from django.contrib.messages import get_messages

    said = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "取り下げました。2人にメールで知らせました：osaka_staff、Hanako。" in said, said

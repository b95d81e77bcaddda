"""Delegating, listing and revoking through the real admin, the proxy's
dashboard, mails, and two proxies working at once."""

import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from guardian.models import UserObjectPermission

from tests.factories import make_delegation, make_event, make_organization, make_user
from tests.review_helpers import browser_post_data
from wagtail_eventcal.delegation import service as rules
from wagtail_eventcal.delegation.forms import ACK_PROXY_ENTRY, ACK_THIS_EVENT_ONLY
from wagtail_eventcal.models import Delegation, Notification

pytestmark = pytest.mark.django_db

ADD = "wagtail_eventcal_delegations:add"
INDEX = "wagtail_eventcal_delegations:index"


@pytest.fixture
def world(calendar, django_capture_on_commit_callbacks):
    org = make_organization(name_ja="経済産業省", name_en="METI")
    official = make_user("official", first_name="Hanako", groups=[submitters()])
    org.members.add(official)
    event = make_event(calendar, organizations=[org], title="採用セミナー")
    other = make_event(calendar, organizations=[make_organization()], title="別のイベント")
    proxy = make_user("contractor")
    return {"org": org, "official": official, "event": event, "other": other, "proxy": proxy}


def delegate_to_proxy(world):
    return make_delegation(world["event"], world["proxy"], world["official"], world["org"])


def delegate_form(world, email="contractor@example.org", **extra):
    data = {
        "email": email,
        "organization": world["org"].pk,
        "expires_at": "2027-01-05 18:00",  # the event ends 2026-12-10: within 30 days
        "note": "Please enter the programme.",
        "acknowledged_proxy_entry": "on",
        "acknowledged_this_event_only": "on",
    }
    data.update(extra)
    return {key: value for key, value in data.items() if value is not None}


def test_form_quotes_faq2_in_both_languages(client, world):
    client.force_login(world["official"])
    response = client.get(reverse(ADD, args=[world["event"].pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "①本件は代理入力であることを伝える" in html
    assert "(1) that this is proxy entry on the body&#x27;s behalf" in html
    assert ACK_PROXY_ENTRY.split(" / ")[0] in html
    assert ACK_THIS_EVENT_ONLY.split(" / ")[1] in html


@pytest.mark.parametrize("missing", ["acknowledged_proxy_entry", "acknowledged_this_event_only"])
def test_each_acknowledgement_is_required(client, world, missing):
    client.force_login(world["official"])
    response = client.post(
        reverse(ADD, args=[world["event"].pk]), delegate_form(world, **{missing: None})
    )
    assert response.status_code == 200
    assert response.context["form"].errors[missing]
    assert not Delegation.objects.exists()
    assert not UserObjectPermission.objects.exists()


def accept_link(message):
    """The path of the invitation link in a mail (its Japanese part comes first)."""
    link = re.search(r"http://testserver(/(?:ja|en)/proxy-invitation/\S+/)", message.body)
    assert link, message.body
    return link.group(1)


def test_delegating_mails_an_invitation_and_grants_nothing_yet(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world["official"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse(ADD, args=[world["event"].pk]), delegate_form(world))
    assert response.status_code == 302
    delegation = Delegation.objects.get()
    # An invitation to the address, not a delegation to the account that
    # happens to carry it: that account gets nothing until the link is used.
    assert delegation.delegate is None and delegation.email == "contractor@example.org"
    assert delegation.granted_by == world["official"]
    assert delegation.organization == world["org"]
    assert delegation.note == "Please enter the programme."
    assert rules.delegated_event_ids(world["proxy"]) == frozenset()
    assert not UserObjectPermission.objects.exists()
    (message,) = mail.outbox
    assert message.to == ["contractor@example.org"]
    assert message.subject == "代理入力のお願い：採用セミナー / Proxy entry: 採用セミナー"
    assert "当該イベントに限った依頼です" in message.body
    assert "for this event only" in message.body
    assert "/ja/proxy-invitation/" in message.body and "/en/proxy-invitation/" in message.body

    # The account of that address follows the link, logged in, and accepts.
    client.force_login(world["proxy"])
    page = client.get(accept_link(message))
    assert page.status_code == 200 and "採用セミナー" in page.content.decode()
    assert Delegation.objects.get().delegate is None  # a GET (a mail scanner) accepts nothing
    response = client.post(accept_link(message))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[world["event"].pk])
    delegation.refresh_from_db()
    assert delegation.delegate == world["proxy"] and delegation.accepted_at is not None
    assert client.get(response["Location"]).status_code == 200


def test_a_new_person_sets_up_an_account_from_the_invitation(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world["official"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse(ADD, args=[world["event"].pk]), delegate_form(world, email="New@Agency.example")
        )
    (message,) = mail.outbox
    assert message.to == ["new@agency.example"]  # A-Z lowered, nothing else changed
    client.logout()
    link = accept_link(message)
    page = client.get(link).content.decode()
    assert "new@agency.example" in page and reverse("wagtailadmin_login") in page
    response = client.post(
        link, {"username": "new-agency", "password1": "short", "password2": "short"}
    )
    assert response.status_code == 200 and response.context["account_form"].errors
    response = client.post(
        link,
        {"username": "new-agency", "password1": "A-long-pass-123", "password2": "A-long-pass-123"},
    )
    assert response.status_code == 302
    invited = Delegation.objects.get().delegate
    assert invited.username == "new-agency" and invited.email == "new@agency.example"
    assert invited.check_password("A-long-pass-123")
    # Logged in by the set-up, and the grant is theirs.
    assert client.get(response["Location"]).status_code == 200
    client.logout()
    # Signed in through Wagtail's form (django-axes needs the request).
    signed_in = client.post(
        "/admin/login/", {"username": invited.username, "password": "A-long-pass-123"}
    )
    assert signed_in.status_code == 302


def test_a_username_is_not_an_address(client, world):
    client.force_login(world["official"])
    response = client.post(
        reverse(ADD, args=[world["event"].pk]), delegate_form(world, email="contractor")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert not Delegation.objects.exists()


def test_outsider_and_proxy_cannot_delegate(client, world):
    delegate_to_proxy(world)
    friend = make_user("friend")
    client.force_login(world["proxy"])
    url = reverse(ADD, args=[world["event"].pk])
    # Wagtail answers a PermissionDenied in the admin with a redirect home.
    assert client.get(url).status_code in (302, 403)
    response = client.post(url, delegate_form(world, email=friend.email))
    assert response.status_code in (302, 403)
    assert response.get("Location", "/admin/") == "/admin/"
    assert not Delegation.objects.filter(email=friend.email).exists()
    # The edit page offers the proxy no delegation button either.
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[world["event"].pk]))
    assert edit.status_code == 200
    assert f"?event={world['event'].pk}" not in edit.content.decode()


def test_lists_per_event_and_per_user_and_revoke(client, world):
    delegation = delegate_to_proxy(world)
    client.force_login(world["official"])
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[world["event"].pk]))
    assert f"?event={world['event'].pk}" in edit.content.decode()  # header button
    per_event = client.get(reverse(INDEX), {"event": world["event"].pk})
    assert [row["delegation"] for row in per_event.context["rows"]] == [delegation]
    per_user = client.get(reverse(INDEX), {"delegate": world["proxy"].pk})
    assert [row["delegation"] for row in per_user.context["rows"]] == [delegation]
    assert per_user.context["rows"][0]["can_revoke"]
    revoke_url = reverse("wagtail_eventcal_delegations:revoke", args=[delegation.pk])
    assert client.get(revoke_url).status_code == 200
    assert client.post(revoke_url).status_code == 302
    delegation.refresh_from_db()
    assert delegation.revoked_by == world["official"]
    assert not UserObjectPermission.objects.exists()
    client.force_login(world["proxy"])
    response = client.get(reverse("wagtailadmin_pages:edit", args=[world["event"].pk]))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_garbage_filters_do_not_500(client, world):
    client.force_login(world["official"])
    assert client.get(reverse(INDEX), {"event": "x", "delegate": "'"}).status_code == 200
    missing = client.get(reverse(INDEX), {"event": 999999})
    assert missing.status_code in (302, 404) and "rows" not in (missing.context or {})


def test_two_proxies_on_two_events_at_once(client, calendar, world):
    org_b = make_organization(name_ja="大阪府", body_types=("local_government",))
    official_b = make_user("official_b", groups=[submitters()])
    org_b.members.add(official_b)
    event_b = make_event(calendar, organizations=[org_b], title="大阪の交流会")
    proxy_b = make_user("contractor_b")
    for event, proxy, official, org in [
        (world["event"], world["proxy"], world["official"], world["org"]),
        (event_b, proxy_b, official_b, org_b),
    ]:
        make_delegation(event, proxy, official, org)
    from django.test import Client

    first, second = Client(), Client()
    first.force_login(world["proxy"])
    second.force_login(proxy_b)
    edit = "wagtailadmin_pages:edit"
    # Interleaved: each one's draft lands on its own event only.
    for client_, event, other, title in [
        (first, world["event"], event_b, "A 改訂"),
        (second, event_b, world["event"], "B 改訂"),
    ]:
        assert client_.get(reverse(edit, args=[other.pk])).status_code in (302, 403)
        form = client_.get(reverse(edit, args=[event.pk])).context["form"]
        data = post_data(form, title=title)
        assert client_.post(reverse(edit, args=[event.pk]), data).status_code == 302
    world["event"].refresh_from_db()
    event_b.refresh_from_db()
    assert world["event"].get_latest_revision().as_object().title == "A 改訂"
    assert event_b.get_latest_revision().as_object().title == "B 改訂"
    assert world["event"].get_latest_revision().user == world["proxy"]
    assert event_b.get_latest_revision().user == proxy_b
    assert world["event"].title != "A 改訂"  # drafts only: the live page is unchanged
    dash_a = first.get(reverse("wagtailadmin_home")).content.decode()
    assert "採用セミナー" in dash_a and "大阪の交流会" not in dash_a


def post_data(form, **overrides):
    return browser_post_data(form, overrides)


def submitters():
    from django.contrib.auth.models import Group

    from wagtail_eventcal.workflow.setup import setup_review

    setup_review()
    return Group.objects.get(name="Event submitters")


def test_one_proxy_with_two_delegations_granted_separately(client, calendar, world):
    org_c = make_organization(name_ja="東京都", body_types=("local_government",))
    official_c = make_user("official_c", groups=[submitters()])
    org_c.members.add(official_c)
    event_c = make_event(calendar, organizations=[org_c], title="東京の説明会")
    first = delegate_to_proxy(world)
    make_delegation(event_c, world["proxy"], official_c, org_c)
    client.force_login(world["proxy"])
    edit = "wagtailadmin_pages:edit"
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "採用セミナー" in dashboard and "東京の説明会" in dashboard
    assert "別のイベント" not in dashboard
    assert f"/admin/pages/{event_c.pk}/edit/" in dashboard
    assert f"/admin/pages/{world['event'].pk}/edit/" in dashboard
    # The page search and the explorer are not for proxies (the allow-list).
    assert client.get(reverse("wagtailadmin_pages:search"), {"q": "イベント"}).status_code == 403
    assert client.get(reverse("wagtailadmin_explore", args=[calendar.pk])).status_code == 403
    assert client.get(reverse(edit, args=[event_c.pk])).status_code == 200
    # Revoking one delegation leaves the other one working.
    rules.revoke(first, by=world["official"])
    assert client.get(reverse(edit, args=[world["event"].pk])).status_code == 403
    assert client.get(reverse(edit, args=[event_c.pk])).status_code == 200


def test_proxy_cannot_take_the_delegating_organization_off_the_event(client, world):
    delegate_to_proxy(world)
    client.force_login(world["proxy"])
    url = reverse("wagtailadmin_pages:edit", args=[world["event"].pk])
    form = client.get(url).context["form"]
    elsewhere = make_organization(name_ja="別の省")
    revisions = world["event"].revisions.count()
    response = client.post(
        url, post_data(form, **{"participations-0-organization": str(elsewhere.pk)})
    )
    assert response.status_code == 200
    assert "経済産業省" in str(response.context["form"].non_field_errors())
    assert world["event"].revisions.count() == revisions
    # With the organization kept, the draft saves.
    response = client.post(url, post_data(form, title="改訂"))
    assert response.status_code == 302
    assert world["event"].revisions.count() == revisions + 1


def test_failed_invitation_mail_keeps_the_delegation_and_is_retried(
    client, world, use_mail_backend, django_capture_on_commit_callbacks, time_machine
):
    use_mail_backend("tests.failing_mail.FailingBackend")
    client.force_login(world["official"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse(ADD, args=[world["event"].pk]),
            delegate_form(world, email="late@agency.example"),
        )
    assert response.status_code == 302
    assert Delegation.objects.filter(email="late@agency.example").exists()
    (pending,) = Notification.objects.filter(kind="delegation_invitation", sent_at__isnull=True)
    assert pending.attempts == 1 and pending.last_error
    assert mail.outbox == []

    use_mail_backend("django.core.mail.backends.locmem.EmailBackend")
    time_machine.move_to(pending.next_attempt_at)  # after its back-off
    call_command("eventcal_send_mail")
    (message,) = mail.outbox
    assert message.to == ["late@agency.example"] and accept_link(message)


def test_revocation_by_the_secretariat_is_mailed_to_the_proxy_and_the_official(
    client, world, django_capture_on_commit_callbacks
):
    from wagtail_eventcal.workflow.setup import setup_review

    setup_review()
    from django.contrib.auth.models import Group

    reviewer = make_user("secretariat", groups=[Group.objects.get(name="Event reviewers")])
    delegation = delegate_to_proxy(world)
    client.force_login(reviewer)
    revoke_url = reverse("wagtail_eventcal_delegations:revoke", args=[delegation.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(revoke_url).status_code == 302
        client.post(revoke_url)  # a second click mails nobody again
    assert sorted(m.to[0] for m in mail.outbox) == [
        "contractor@example.org",
        "official@example.org",
    ]
    message = mail.outbox[0]
    assert message.subject == "代理入力の終了：採用セミナー / Proxy entry ended: 採用セミナー"
    assert "secretariat" in message.body and "revoked" in message.body
    assert "取り消しました" in message.body


def test_the_official_who_revokes_is_not_mailed_about_it(
    client, world, django_capture_on_commit_callbacks
):
    delegation = delegate_to_proxy(world)
    client.force_login(world["official"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("wagtail_eventcal_delegations:revoke", args=[delegation.pk]))
    assert [m.to for m in mail.outbox] == [["contractor@example.org"]]


def test_expiry_is_mailed_once_when_the_grant_is_removed(world, django_capture_on_commit_callbacks):
    from datetime import timedelta

    from django.utils import timezone

    delegation = delegate_to_proxy(world)
    Delegation.objects.filter(pk=delegation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("eventcal_expire_delegations", stdout=io.StringIO())
        call_command("eventcal_expire_delegations", stdout=io.StringIO())
    assert sorted(m.to[0] for m in mail.outbox) == [
        "contractor@example.org",
        "official@example.org",
    ]
    assert "expired" in mail.outbox[0].body and "期限" in mail.outbox[0].body


def test_the_delegation_list_is_paginated(client, calendar, world, monkeypatch):
    from wagtail_eventcal.delegation.views import DelegationIndexView

    monkeypatch.setattr(DelegationIndexView, "paginate_by", 2)
    delegate_to_proxy(world)
    for n in range(2):
        event = make_event(calendar, organizations=[world["org"]], title=f"追加{n}")
        make_delegation(event, make_user(f"proxy{n}"), world["official"], world["org"])
    client.force_login(world["official"])

    def rows(page):
        response = client.get(reverse(INDEX), {"p": page})
        assert response.status_code == 200
        return [row["delegation"].event.title for row in response.context["rows"]]

    assert rows(1) == ["追加1", "追加0"]  # newest first
    assert rows(2) == ["採用セミナー"]
    assert rows("x") == rows(1) and rows(999) == rows(2)
    assert 'class="pagination"' in client.get(reverse(INDEX)).content.decode()


def test_the_list_of_another_organizations_draft_names_nothing(client, calendar, world):
    """Issue 18, item 11: ``?event=`` of an event one may neither delegate
    nor see a delegation of answers like an unknown id, without its title."""
    delegate_to_proxy(world)
    draft = make_event(
        calendar, organizations=[make_organization()], title="他機関の未公開イベント", publish=False
    )
    for user in (world["official"], world["proxy"]):
        client.force_login(user)
        response = client.get(reverse(INDEX), {"event": draft.pk})
        assert response.status_code == 404
        assert "他機関の未公開イベント" not in response.content.decode()
    # The event's own people still get its list.
    for user in (world["official"], world["proxy"]):
        client.force_login(user)
        response = client.get(reverse(INDEX), {"event": world["event"].pk})
        assert response.status_code == 200 and "採用セミナー" in response.content.decode()

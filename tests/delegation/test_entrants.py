"""Posting rule 6 (FAQ 2, issue 12): only public-body staff enter events and
ask for proxy entry; membership of a company or an association gives no
right to add, change, submit or delegate events."""

import io

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from guardian.shortcuts import assign_perm
from wagtail.models import WorkflowState

from wagtail_eventcal.delegation import service as rules
from wagtail_eventcal.models import Delegation, EventPage

from ..admin_screens import set_admin_language
from ..factories import make_delegation, make_event, make_organization, make_user
from ..review_helpers import Cast, browser_post_data, edit_url, post_edit

pytestmark = pytest.mark.django_db

ADD = "wagtail_eventcal_delegations:add"
FORM = {
    "email": "contractor@example.org",
    "expires_at": "2027-01-05 18:00",  # within 30 days of the event's end (check_expiry)
    "acknowledged_proxy_entry": "on",
    "acknowledged_this_event_only": "on",
}


@pytest.fixture
def world(calendar):
    cast = Cast(calendar)
    company = make_organization(name_ja="株式会社ジョブ", body_types=("company",))
    association = make_organization(
        name_ja="一般社団法人人材協会", body_types=("general_incorporated_association",)
    )
    employee = make_user("employee", groups=[cast.submitters])
    company.members.add(employee)
    association_staff = make_user("association_staff", groups=[cast.submitters])
    association.members.add(association_staff)
    # The ministry organizes, the company co-organizes.
    joint = make_event(
        calendar,
        organizations=[(cast.ministry, "organizer"), (company, "co_organizer")],
        publish=False,
        title="合同説明会",
        owner=employee,
    )
    # Only the association: no public body, so not eligible either.
    association_only = make_event(
        calendar, organizations=[association], publish=False, title="協会セミナー"
    )
    make_user("contractor")
    return {
        "cast": cast,
        "company": company,
        "association": association,
        "employee": employee,
        "association_staff": association_staff,
        "joint": joint,
        "association_only": association_only,
    }


# The admin speaks Japanese by default: what the refusal says there.
NO_PUBLIC_BODY = "後援する公的機関"


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_company_member_may_not_delegate_on_the_companys_behalf(client, world):
    employee, joint = world["employee"], world["joint"]
    assert not rules.can_delegate(employee, joint)
    assert list(rules.delegating_organizations(employee, joint)) == []
    with pytest.raises(ValidationError) as refused:
        rules.delegate_event(
            joint,
            delegate=make_user("friend"),
            granted_by=employee,
            organization=world["company"],
            acknowledged_proxy_entry=True,
            acknowledged_this_event_only=True,
        )
    with translation.override("en"):
        assert "Only staff of a public body taking part" in str(refused.value.messages[0])

    client.force_login(employee)
    response = client.get(reverse(ADD, args=[joint.pk]))
    assert response.status_code == 302
    assert any("company or association" in m or "企業や団体" in m for m in messages_of(response))
    response = client.post(
        reverse(ADD, args=[joint.pk]), {**FORM, "organization": world["company"].pk}
    )
    assert not Delegation.objects.exists()


def test_public_body_staff_delegate_only_on_their_bodys_behalf(client, world):
    cast, joint = world["cast"], world["joint"]
    assert list(rules.delegating_organizations(cast.submitter, joint)) == [cast.ministry]
    client.force_login(cast.submitter)
    form = client.get(reverse(ADD, args=[joint.pk])).context["form"]
    assert list(form.fields["organization"].queryset) == [cast.ministry]
    client.post(reverse(ADD, args=[joint.pk]), {**FORM, "organization": world["company"].pk})
    assert not Delegation.objects.exists()
    client.post(reverse(ADD, args=[joint.pk]), {**FORM, "organization": cast.ministry.pk})
    assert Delegation.objects.get().organization == cast.ministry


@pytest.mark.parametrize(
    ("language", "refusal"),
    [
        ("ja", "事務局が独自に代理入力を委任することはありません"),
        ("en", "The secretariat does not delegate events on its own"),
    ],
)
def test_the_secretariat_does_not_delegate_on_its_own(client, world, language, refusal):
    cast, joint = world["cast"], world["joint"]
    assert not rules.can_delegate(cast.reviewer, joint)
    set_admin_language(cast.reviewer, language)
    client.force_login(cast.reviewer)
    response = client.get(reverse(ADD, args=[joint.pk]), follow=True)
    assert response.redirect_chain[0][1] == 302
    assert refusal in response.content.decode()
    client.post(reverse(ADD, args=[joint.pk]), {**FORM, "organization": cast.ministry.pk})
    assert not Delegation.objects.exists()
    # What the staff of the public body grant, the secretariat may still end.
    delegation = make_delegation(joint, make_user("runner"), cast.submitter, cast.ministry)
    assert rules.can_revoke(cast.reviewer, joint)
    client.post(reverse("wagtail_eventcal_delegations:revoke", args=[delegation.pk]))
    delegation.refresh_from_db()
    assert delegation.revoked_by == cast.reviewer


def test_event_without_a_public_body_cannot_be_delegated(client, world):
    cast, event = world["cast"], world["association_only"]
    for user in (cast.reviewer, world["association_staff"]):
        assert not rules.can_delegate(user, event)
    staff = world["association_staff"]
    with translation.override("en"):
        assert "has no public body" in str(rules.delegation_refusal(staff, event))
    client.force_login(staff)
    response = client.get(reverse(ADD, args=[event.pk]))
    assert response.status_code == 302
    assert any(NO_PUBLIC_BODY in m for m in messages_of(response))
    client.post(reverse(ADD, args=[event.pk]), {**FORM, "organization": world["association"].pk})
    assert not Delegation.objects.exists()


def test_outsider_still_gets_no_word_about_the_event(client, world):
    outsider = make_user("outsider", groups=[world["cast"].submitters])
    make_organization(body_types=("ministry",)).members.add(outsider)
    client.force_login(outsider)
    response = client.get(reverse(ADD, args=[world["association_only"].pk]))
    assert not any(NO_PUBLIC_BODY in m for m in messages_of(response))


def test_company_member_may_not_edit_or_submit_even_their_own_draft(client, world):
    employee, joint = world["employee"], world["joint"]
    assert joint.owner == employee
    assert not joint.permissions_for_user(employee).can_edit()
    client.force_login(employee)
    # AdminAccessMiddleware refuses hidden events.
    assert client.get(edit_url(joint)).status_code == 403
    staff = make_user("staff", groups=[world["cast"].submitters])
    world["cast"].ministry.members.add(staff)
    client.force_login(staff)
    response = post_edit(client, joint, "action-submit")
    assert response.status_code == 302
    assert WorkflowState.objects.for_instance(joint).filter(status="in_progress").exists()


def test_membership_of_a_company_next_to_a_ministry_opens_only_the_ministrys_events(
    calendar, world
):
    employee = world["employee"]
    world["cast"].ministry.members.add(employee)
    company_only = make_event(calendar, organizations=[world["company"]], publish=False)
    employee = type(employee).objects.get(pk=employee.pk)  # fresh per-request caches
    assert world["joint"].permissions_for_user(employee).can_edit()
    assert not company_only.permissions_for_user(employee).can_edit()


def test_company_member_may_not_add_an_event(client, calendar, world):
    employee = world["employee"]
    assert not calendar.permissions_for_user(employee).can_add_subpage()
    assert calendar.permissions_for_user(world["cast"].submitter).can_add_subpage()
    add = reverse("wagtailadmin_pages:add", args=["wagtail_eventcal", "eventpage", calendar.pk])
    client.force_login(world["cast"].submitter)
    data = browser_post_data(client.get(add).context["form"])
    client.force_login(employee)
    assert client.get(add).status_code == 302
    before = EventPage.objects.count()
    client.post(add, {**data, "title": "会社が作ったイベント", "slug": "by-company"})
    assert EventPage.objects.count() == before


def test_the_form_refuses_creation_by_a_non_public_member(calendar, world):
    # The state guard behind the door: the page form itself refuses.
    translation.activate("en")
    form_class = EventPage.get_edit_handler().get_form_class()
    form = form_class(
        {}, instance=EventPage(), parent_page=calendar, for_user=world["employee"]
    )
    form.is_valid()
    assert any("Only staff of a public body" in e for e in form.non_field_errors())
    form = form_class(
        {}, instance=EventPage(), parent_page=calendar, for_user=world["cast"].submitter
    )
    form.is_valid()
    assert not any("Only staff of a public body" in e for e in form.non_field_errors())


def test_organization_admin_warns_about_members_of_a_non_public_body(admin_client, world):
    company = world["company"]
    url = reverse("wagtailsnippets_wagtail_eventcal_organization:edit", args=[company.pk])
    data = browser_post_data(admin_client.get(url).context["form"])
    response = admin_client.post(url, data, follow=True)
    texts = [str(m) for m in response.context["messages"]]
    assert any("公的機関ではありません" in t and "代理入力者" in t for t in texts), texts
    ministry = world["cast"].ministry
    url = reverse("wagtailsnippets_wagtail_eventcal_organization:edit", args=[ministry.pk])
    data = browser_post_data(admin_client.get(url).context["form"])
    response = admin_client.post(url, data, follow=True)
    assert not any("公的機関ではありません" in str(m) for m in response.context["messages"])


def test_check_command_lists_what_the_rule_now_refuses(world):
    cast = world["cast"]
    proxy = make_user("old_proxy")
    # A delegation made before issue 12 on the company's behalf (straight
    # into the tables, as the old code allowed).
    now = timezone.now()
    old = Delegation.objects.create(
        event=world["joint"],
        delegate=proxy,
        granted_by=world["employee"],
        organization=world["company"],
        acknowledged_proxy_entry_at=now,
        acknowledged_this_event_only_at=now,
        expires_at=now + timezone.timedelta(days=10),
    )
    assign_perm(rules.GRANT, proxy, world["joint"])
    out = io.StringIO()
    call_command("eventcal_check_entrants", stdout=out)
    text = out.getvalue()
    assert "employee in 株式会社ジョブ" in text
    assert "association_staff in 一般社団法人人材協会" in text
    assert cast.submitter.username not in text
    assert f"delegation #{old.pk}" in text
    assert rules.is_delegated(proxy, world["joint"])
    call_command("eventcal_check_entrants", "--revoke", stdout=io.StringIO())
    old.refresh_from_db()
    assert old.revoked_at is not None
    rules.clear_cache(proxy)
    assert not rules.is_delegated(proxy, world["joint"])

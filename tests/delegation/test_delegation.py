"""Proxy delegation rules: who may delegate, the guardian grant, revocation,
expiry (at request time and by the command), no re-delegation."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from guardian.models import UserObjectPermission
from wagtail.models import GroupPagePermission

from tests.factories import jst, make_delegation, make_event, make_organization, make_user
from wagtail_eventcal.delegation import service as d
from wagtail_eventcal.models import Delegation

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(calendar):
    org_a = make_organization(name_ja="経済産業省")
    org_b = make_organization(name_ja="大阪府", body_types=("local_government",))
    official = make_user("official")
    org_a.members.add(official)
    event = make_event(calendar, organizations=[org_a], end=jst(2026, 12, 10, 16, 0))
    other = make_event(calendar, organizations=[org_b])
    proxy = make_user("contractor")
    return {
        "org_a": org_a,
        "org_b": org_b,
        "official": official,
        "event": event,
        "other": other,
        "proxy": proxy,
    }


def grant(s, **kw):
    args = {
        "delegate": s["proxy"],
        "granted_by": s["official"],
        "organization": s["org_a"],
        "acknowledged_proxy_entry": True,
        "acknowledged_this_event_only": True,
    }
    args.update(kw)
    return d.delegate_event(s["event"], **args)


def grant_rows(user):
    return UserObjectPermission.objects.filter(user=user, permission__codename="change_eventpage")


def fresh(user):
    return type(user).objects.get(pk=user.pk)


def test_default_expiry_is_setting_days_after_the_end(settings):
    end = jst(2026, 12, 10, 16, 0)
    assert d.default_expiry(end) == end + timedelta(days=30)
    settings.EVENTCAL_DELEGATION_EXPIRY_DAYS = 7
    assert d.default_expiry(end) == end + timedelta(days=7)


def test_grant_creates_row_and_guardian_permission(setup):
    delegation = grant(setup)
    assert delegation.expires_at == jst(2027, 1, 9, 16, 0)
    assert delegation.acknowledged_proxy_entry_at and delegation.acknowledged_this_event_only_at
    rows = grant_rows(setup["proxy"])
    assert [r.object_pk for r in rows] == [str(setup["event"].pk)]
    proxy = fresh(setup["proxy"])
    assert proxy.has_perm("wagtail_eventcal.change_eventpage", setup["event"])
    assert not proxy.has_perm("wagtail_eventcal.change_eventpage", setup["other"])
    assert d.delegated_event_ids(proxy) == {setup["event"].pk}
    assert proxy.has_perm("wagtailadmin.access_admin")


def test_both_acknowledgements_are_required(setup):
    with pytest.raises(ValidationError):
        grant(setup, acknowledged_this_event_only=False)
    with pytest.raises(ValidationError):
        grant(setup, acknowledged_proxy_entry=False)
    assert not Delegation.objects.exists()
    assert not grant_rows(setup["proxy"]).exists()


def test_only_members_of_participating_public_bodies_delegate(setup):
    outsider = make_user("outsider")
    setup["org_b"].members.add(outsider)
    with pytest.raises(ValidationError):
        grant(setup, granted_by=outsider)
    # ... and only on behalf of their own, participating organization
    with pytest.raises(ValidationError):
        grant(setup, organization=setup["org_b"])
    reviewers = Group.objects.create(name="Reviewers")
    GroupPagePermission.objects.create(
        group=reviewers,
        page=setup["event"].get_parent(),
        permission=Permission.objects.get(codename="publish_page"),
    )
    reviewer = make_user("rev", groups=[reviewers])
    # The secretariat never delegates on its own (FAQ 2: at the staff's request).
    with pytest.raises(ValidationError):
        grant(setup, granted_by=reviewer)


def test_no_redelegation(setup):
    grant(setup)
    second = make_user("second")
    proxy = fresh(setup["proxy"])
    assert not d.can_delegate(proxy, setup["event"])
    with pytest.raises(ValidationError):
        grant(setup, granted_by=proxy, delegate=second)


def test_no_duplicate_self_or_inactive(setup):
    grant(setup)
    with pytest.raises(ValidationError):
        grant(setup)
    with pytest.raises(ValidationError):
        grant(setup, delegate=setup["official"])
    inactive = make_user("gone", is_active=False)
    with pytest.raises(ValidationError):
        grant(setup, delegate=inactive)


def test_revoke_removes_grant_and_access(setup):
    delegation = grant(setup)
    d.revoke(delegation, by=setup["official"])
    delegation.refresh_from_db()
    assert delegation.revoked_at and delegation.revoked_by == setup["official"]
    assert not grant_rows(setup["proxy"]).exists()
    proxy = fresh(setup["proxy"])
    assert d.delegated_event_ids(proxy) == frozenset()
    assert not proxy.has_perm("wagtailadmin.access_admin")
    d.revoke(delegation, by=setup["official"])  # idempotent


def test_expired_delegation_never_works_even_with_grant_left(setup):
    delegation = grant(setup)
    Delegation.objects.filter(pk=delegation.pk).update(expires_at=timezone.now())
    assert grant_rows(setup["proxy"]).exists()  # the command has not run yet
    proxy = fresh(setup["proxy"])
    assert d.delegated_event_ids(proxy) == frozenset()
    assert not proxy.has_perm("wagtailadmin.access_admin")
    assert not setup["event"].permissions_for_user(proxy).can_edit()


def test_expire_command_removes_grants_idempotently(setup, capsys):
    delegation = grant(setup)
    Delegation.objects.filter(pk=delegation.pk).update(expires_at=timezone.now())
    call_command("eventcal_expire_delegations")
    assert "1" in capsys.readouterr().out
    assert not grant_rows(setup["proxy"]).exists()
    assert d.expire_delegations() == 0


def test_grant_without_delegation_row_opens_nothing(setup):
    from guardian.shortcuts import assign_perm

    assign_perm(d.GRANT, setup["proxy"], setup["other"])
    assert d.delegated_event_ids(fresh(setup["proxy"])) == frozenset()


def test_an_invitation_grants_nothing_until_accepted(setup):
    invitation = d.invite(
        setup["event"],
        email=" Contractor@Example.org ",
        granted_by=setup["official"],
        organization=setup["org_a"],
        acknowledged_proxy_entry=True,
        acknowledged_this_event_only=True,
    )
    assert invitation.email == "contractor@example.org" and invitation.delegate is None
    assert str(invitation.status) == "招待中" and not invitation.is_active()  # "Invited"
    assert d.delegated_event_ids(fresh(setup["proxy"])) == frozenset()
    assert not grant_rows(setup["proxy"]).exists()
    token = d.invitation_token(invitation)
    assert d.invitation_from_token(token) == invitation
    d.accept_invitation(invitation, setup["proxy"])
    assert d.delegated_event_ids(fresh(setup["proxy"])) == {setup["event"].pk}
    d.accept_invitation(invitation, setup["proxy"])  # again: nothing changes
    assert grant_rows(setup["proxy"]).count() == 1
    with pytest.raises(d.InvitationError):
        d.invitation_from_token(token[:-2] + "xx")


def test_expire_command_removes_grants_of_deleted_events(setup, capsys):
    grant(setup)
    setup["event"].delete()
    assert grant_rows(setup["proxy"]).exists()  # guardian rows are not cascaded
    call_command("eventcal_expire_delegations")
    assert "and 1 grant(s) on deleted events" in capsys.readouterr().out
    assert not grant_rows(setup["proxy"]).exists()
    assert d.remove_orphan_grants() == 0


def test_grant_is_on_the_event_page_even_from_a_plain_page(setup):
    from wagtail.models import Page

    plain = Page.objects.get(pk=setup["event"].pk)
    make_delegation(
        plain,
        delegate=setup["proxy"],
        granted_by=setup["official"],
        organization=setup["org_a"],
    )
    assert d.delegated_event_ids(fresh(setup["proxy"])) == {setup["event"].pk}

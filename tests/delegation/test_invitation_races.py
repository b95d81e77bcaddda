"""Accept ∥ revoke of one invitation, as real concurrent requests (two
threads, each with its own connection, released together). Row locks are
what is tested, so this runs on PostgreSQL (``make test-postgres`` and CI);
SQLite serialises every write on its database lock instead."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse
from guardian.models import UserObjectPermission

from tests.concurrency import at_once
from tests.factories import jst, make_calendar, make_event, make_organization, make_user
from wagtail_eventcal.models import Delegation
from wagtail_eventcal.workflow.setup import setup_review

pytestmark = [
    pytest.mark.django_db(transaction=True),  # migrated rows: tests/conftest.py
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks: run with DATABASE_URL=postgres://…"
    ),
]
ROUNDS = 6



def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_accept_and_revoke_at_once_leave_one_consistent_result(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    setup_review()
    submitters = Group.objects.get(name="Event submitters")
    official = make_user("official", groups=[submitters])
    ministry = make_organization(name_ja="経済産業省", name_en="METI")
    ministry.members.add(official)
    event = make_event(
        make_calendar(), organizations=[ministry], publish=False, end=jst(2026, 12, 30, 16)
    )
    outcomes = set()
    for n in range(ROUNDS):
        mail.outbox.clear()
        response = logged_in(official).post(
            reverse("wagtail_eventcal_delegations:add", args=[event.pk]),
            {
                "email": f"contractor{n}@vendor.example",
                "organization": ministry.pk,
                "expires_at": "2026-12-31 18:00",
                "acknowledged_proxy_entry": "on",
                "acknowledged_this_event_only": "on",
            },
        )
        assert response.status_code == 302
        invitation = Delegation.objects.get(email=f"contractor{n}@vendor.example")
        link = re.search(r"http://testserver(/en/proxy-invitation/\S+/)", mail.outbox[0].body)[1]
        contractor = make_user(f"contractor{n}")
        mail.outbox.clear()
        revoke_url = reverse("wagtail_eventcal_delegations:revoke", args=[invitation.pk])
        accepted, revoked = at_once(
            lambda: logged_in(contractor).post(link),  # noqa: B023
            lambda: logged_in(official).post(revoke_url),  # noqa: B023
        )
        assert not isinstance(accepted, Exception) and accepted.status_code < 500, accepted
        assert not isinstance(revoked, Exception) and revoked.status_code == 302, revoked
        invitation.refresh_from_db()
        assert invitation.revoked_at is not None
        # Whoever won, no grant is left behind the revoked invitation...
        assert not UserObjectPermission.objects.filter(user=contractor).exists()
        if invitation.delegate_id == contractor.pk:
            # ...and a proxy who accepted first is told it ended.
            assert contractor.email in [m.to[0] for m in mail.outbox]
            outcomes.add("accepted, then revoked")
        else:
            assert invitation.delegate_id is None
            outcomes.add("revoked before acceptance")
    print(f"\n{ROUNDS} rounds: {sorted(outcomes)}")

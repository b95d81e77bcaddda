"""Delegation by invitation (issue 18, items 6, 10 and 13).

An address typed into the delegation form reaches the person who reads it:
the form never looks the address up among the accounts (anyone can put any
address on their own account, unverified), it always mails an invitation,
and the signed link gives the delegation to whoever accepts it. The form
answers every address alike. A delegation ends at the latest the configured
number of days after the event."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from guardian.models import UserObjectPermission
from wagtail.users.models import UserProfile

from wagtail_eventcal.delegation import service as rules
from wagtail_eventcal.models import Delegation
from wagtail_eventcal.workflow.setup import setup_review

from ..factories import jst, make_event, make_organization, make_user

pytestmark = pytest.mark.django_db
ADD = "wagtail_eventcal_delegations:add"
EDIT = "wagtailadmin_pages:edit"
EVENT_END = jst(2026, 12, 10, 16, 0)


@pytest.fixture
def cast(calendar):
    setup_review()
    submitters = Group.objects.get(name="Event submitters")
    org_a = make_organization(name_ja="経済産業省", name_en="METI")
    org_b = make_organization(name_ja="大阪府", body_types=("local_government",))
    submitter_a = make_user("submitter_a", groups=[submitters])
    submitter_b = make_user("submitter_b", groups=[submitters])
    org_a.members.add(submitter_a)
    org_b.members.add(submitter_b)
    event = make_event(
        calendar, organizations=[org_a], title="下書きの説明会", publish=False, end=EVENT_END
    )
    return {
        "org_a": org_a,
        "submitter_a": submitter_a,
        "submitter_b": submitter_b,
        "event": event,
        "reviewer": make_user("reviewer", groups=[Group.objects.get(name="Event reviewers")]),
        "admin": make_user("admin", is_superuser=True),
    }


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def form(cast, email, **extra):
    return {
        "email": email,
        "organization": cast["org_a"].pk,
        "expires_at": "2026-12-20 18:00",
        "acknowledged_proxy_entry": "on",
        "acknowledged_this_event_only": "on",
        **extra,
    }


def delegate(cast, email, **extra):
    """submitter_a delegates the event to ``email`` through the admin form."""
    return logged_in(cast["submitter_a"]).post(
        reverse(ADD, args=[cast["event"].pk]), form(cast, email, **extra), follow=True
    )


def link_in(message, language="en"):
    """The invitation link of ``language`` in the mail (both are there)."""
    pattern = rf"http://testserver(/{language}/proxy-invitation/\S+/)"
    return re.search(pattern, message.body).group(1)


def grants():
    return UserObjectPermission.objects.filter(permission__codename="change_eventpage")


# --- Item 10: an address is not an account ------------------------------------


def test_changing_ones_own_address_captures_no_delegation(cast, django_capture_on_commit_callbacks):
    # submitter_b gives their own account a contractor's address on Wagtail's
    # account page (nothing verifies it).
    b = logged_in(cast["submitter_b"])
    response = b.post(
        reverse("wagtailadmin_account"),
        {
            "name_email-first_name": "B",
            "name_email-last_name": "Staff",
            "name_email-email": "second.contractor@vendor.example",
            "locale-preferred_language": "en",
            "locale-current_time_zone": "",
            "theme-theme": "system",
            "theme-density": "default",
            "theme-contrast": "system",
            "theme-keyboard_clipboard_mode": "default",
        },
    )
    assert response.status_code == 302
    cast["submitter_b"].refresh_from_db()
    assert cast["submitter_b"].email == "second.contractor@vendor.example"

    # submitter_a delegates the draft to that address, meaning a new contractor.
    with django_capture_on_commit_callbacks(execute=True):
        delegate(cast, "second.contractor@vendor.example")
    (invitation,) = Delegation.objects.all()
    assert invitation.delegate is None
    assert not grants().exists()
    assert rules.delegated_event_ids(cast["submitter_b"]) == frozenset()
    assert b.get(reverse(EDIT, args=[cast["event"].pk])).status_code in (302, 403)
    (message,) = mail.outbox  # to the address, which the contractor reads
    assert message.to == ["second.contractor@vendor.example"]

    # The contractor, who reads that mailbox, sets up an account and gets it.
    contractor = Client()
    response = contractor.post(
        link_in(message),
        {"username": "contractor2", "password1": "A-long-pass-123", "password2": "A-long-pass-123"},
    )
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.delegate.username == "contractor2"
    assert contractor.get(reverse(EDIT, args=[cast["event"].pk])).status_code == 200
    assert rules.delegated_event_ids(cast["submitter_b"]) == frozenset()


def test_addresses_are_compared_normalised_and_exactly(cast, django_capture_on_commit_callbacks):
    """'ſ' (U+017F) is not 's': PostgreSQL's UPPER() folds one to the other
    (``email__iexact``), NFKC too. Only spaces and A-Z case are normalised."""
    assert rules.normalise_email("  Sub@Example.ORG ") == "sub@example.org"
    assert rules.normalise_email("ſubmitter_b@example.org") == "ſubmitter_b@example.org"
    assert rules.normalise_email("\u212aate@example.org") == "\u212aate@example.org"  # Kelvin sign
    with django_capture_on_commit_callbacks(execute=True):
        delegate(cast, "ſubmitter_b@example.org")
        delegate(cast, "submitter_b@example.org")  # not the same address: a second invitation
        again = delegate(cast, "ſubmitter_b@example.org")  # the same: refused
    assert "まだ承諾待ちです" in again.content.decode()  # the admin speaks Japanese here
    assert sorted(Delegation.objects.values_list("email", flat=True)) == [
        "submitter_b@example.org",
        "ſubmitter_b@example.org",
    ]
    assert Delegation.objects.filter(email="submitter_b@example.org").count() == 1
    if connection.vendor == "postgresql":
        # The trap is real there: a case-insensitive lookup takes one for the other.
        assert Delegation.objects.filter(email__iexact="submitter_b@example.org").count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == [
        "submitter_b@example.org",
        "ſubmitter_b@example.org",
    ]
    # The look-alike's invitation went to the look-alike address only.
    assert not grants().exists()
    assert rules.delegated_event_ids(cast["submitter_b"]) == frozenset()


def test_the_link_works_once_for_one_account_while_the_invitation_stands(
    cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        delegate(cast, "contractor@vendor.example")
    link = link_in(mail.outbox[0])
    first, second = make_user("first"), make_user("second")
    assert logged_in(first).post(link).status_code == 302
    # Following it again: the account that accepted goes to its event; any
    # other account is told the invitation was used.
    assert logged_in(first).get(link)["Location"] == reverse(EDIT, args=[cast["event"].pk])
    response = logged_in(second).post(link)
    assert "already been accepted" in response.content.decode()
    assert rules.delegated_event_ids(second) == frozenset()
    # A tampered link is refused.
    response = logged_in(second).get(
        link.replace("/en/proxy-invitation/", "/en/proxy-invitation/x")
    )
    assert "not valid" in response.content.decode()


@pytest.mark.parametrize("state", ["revoked", "expired"])
def test_a_withdrawn_or_expired_invitation_opens_nothing(
    cast, state, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        delegate(cast, "contractor@vendor.example")
    invitation = Delegation.objects.get()
    if state == "revoked":
        rules.revoke(invitation, by=cast["submitter_a"])
    else:
        Delegation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    user = make_user("late")
    response = logged_in(user).post(link_in(mail.outbox[0]))
    assert response.status_code == 200
    assert ("withdrawn" if state == "revoked" else "expired") in response.content.decode()
    assert not grants().exists()


@pytest.mark.parametrize("who", ["reviewer", "admin", "submitter_a"])
def test_who_cannot_be_a_proxy_is_told_when_accepting(
    cast, who, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        delegate(cast, "someone@vendor.example")
    response = logged_in(cast[who]).post(link_in(mail.outbox[0]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "yourself" in text if who == "submitter_a" else "every event" in text
    assert Delegation.objects.get().delegate is None and not grants().exists()


# --- Item 13: one answer for every address ------------------------------------


def test_the_form_answers_every_address_alike(cast, django_capture_on_commit_callbacks):
    cast["reviewer"].email = "reviewer@example.org"
    cast["reviewer"].save()
    addresses = [
        "nosuchuser@nowhere.example",
        "admin@example.org",  # a superuser's
        "REVIEWER@example.org",  # a reviewer's, in capitals
        "submitter_b@example.org",  # a submitter's
        "submitter_a@example.org",  # the official's own
    ]
    answers = set()
    for address in addresses:
        with django_capture_on_commit_callbacks(execute=True):
            response = delegate(cast, address)
        assert response.redirect_chain[-1][1] == 302, address
        (message,) = [str(m) for m in response.context["messages"]]
        answers.add(message.replace(rules.normalise_email(address), "<address>"))
    assert len(answers) == 1, answers
    assert Delegation.objects.filter(delegate__isnull=True).count() == len(addresses)
    assert not grants().exists()
    # Names are not addresses: the same format error for an account's
    # username as for a name nobody has.
    errors = {
        str(delegate(cast, name).context["form"].errors["email"])
        for name in ("admin", "nosuchuser")
    }
    assert len(errors) == 1


# --- Item 6: no open-ended delegation -----------------------------------------


def test_the_expiry_is_at_most_the_configured_days_after_the_event(cast, settings):
    latest = EVENT_END + timedelta(days=30)  # EVENTCAL_DELEGATION_EXPIRY_DAYS
    response = delegate(cast, "contractor@vendor.example", expires_at="2099-01-01 00:00")
    errors = response.context["form"].errors["expires_at"]
    assert "2027年1月9日 16:00" in str(errors) and "30" in str(errors)
    assert not Delegation.objects.exists()
    response = delegate(cast, "contractor@vendor.example", expires_at="2027-01-09 16:00")
    assert Delegation.objects.get().expires_at == latest
    for grant in (rules.invite, rules.delegate_event):
        who = (
            {"email": "x@vendor.example"}
            if grant is rules.invite
            else {"delegate": make_user(f"p{grant.__name__}")}
        )
        with pytest.raises(ValidationError) as raised:
            grant(
                cast["event"],
                **who,
                granted_by=cast["submitter_a"],
                organization=cast["org_a"],
                acknowledged_proxy_entry=True,
                acknowledged_this_event_only=True,
                expires_at=latest + timedelta(minutes=1),
            )
        assert raised.value.code == "expiry_too_late"
    settings.EVENTCAL_DELEGATION_EXPIRY_DAYS = 7
    response = delegate(cast, "other@vendor.example", expires_at="2026-12-20 18:00")
    assert "2026年12月17日 16:00" in str(response.context["form"].errors["expires_at"])


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "at the latest 30 days after the event ends, 9 Jan 2027, 16:00"),
        ("ja", "イベント終了の30日後（2027年1月9日 16:00）まで"),
    ],
)
def test_the_form_says_how_long_a_delegation_may_last(cast, language, expected):
    profile = UserProfile.get_for_user(cast["submitter_a"])
    profile.preferred_language = language
    profile.save()
    page = logged_in(cast["submitter_a"]).get(reverse(ADD, args=[cast["event"].pk]))
    assert expected in page.content.decode()


def test_a_revoke_that_read_the_invitation_before_its_acceptance_removes_the_grant(
    cast, django_capture_on_commit_callbacks
):
    """Revoke ∥ accept: the revoke read the invitation while it was still
    open, the accept committed first. The revoke locks and reads the row
    again, so the grant goes and the proxy is told (it stayed behind)."""
    from wagtail_eventcal.delegation.mails import notify_delegation_ended

    with django_capture_on_commit_callbacks(execute=True):
        delegate(cast, "contractor@vendor.example")
    read_by_the_revoke = Delegation.objects.get()
    contractor = make_user("contractor")
    rules.accept_invitation(Delegation.objects.get(), contractor)
    assert grants().filter(user=contractor).exists()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        ended = rules.revoke(read_by_the_revoke, by=cast["submitter_a"])
        notify_delegation_ended(ended)
    assert ended.delegate == contractor and ended.revoked_at is not None
    assert not grants().exists()
    assert rules.delegated_event_ids(contractor) == frozenset()
    assert [m.to for m in mail.outbox] == [[contractor.email]]

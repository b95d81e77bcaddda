"""The demo account ``proxy``: load_demo delegates it exactly one event; it
can reach, edit and submit that one and nothing else; after revocation it
reaches nothing."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.models import WorkflowState

from tests.review_helpers import browser_post_data
from wagtail_eventcal.delegation import service as rules
from wagtail_eventcal.models import Delegation, EventPage

pytestmark = pytest.mark.django_db
EDIT = "wagtailadmin_pages:edit"


@pytest.fixture
def demo():
    call_command("load_demo", events=12, stdout=io.StringIO())
    proxy = get_user_model().objects.get(username="proxy")
    client = Client()
    # Signed in through Wagtail's form (django-axes needs the request).
    signed_in = client.post("/admin/login/", {"username": "proxy", "password": "demo-password"})
    assert signed_in.status_code == 302
    return proxy, client


def test_demo_delegates_exactly_one_event_once(demo):
    proxy, _client = demo
    (delegation,) = Delegation.objects.filter(delegate=proxy)
    assert delegation.granted_by.username == "submitter_a"
    assert delegation.organization.name_ja == "経済産業省"
    assert rules.delegated_event_ids(proxy) == {delegation.event_id}
    call_command("load_demo", events=12, stdout=io.StringIO())
    assert Delegation.objects.filter(delegate=proxy).count() == 1


def test_demo_proxy_reaches_edits_and_submits_its_event_only(demo):
    proxy, client = demo
    event = Delegation.objects.get(delegate=proxy).event
    others = EventPage.objects.exclude(pk=event.pk)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert event.title in home
    assert not any(other.title in home for other in others)
    for other in others:
        assert client.get(reverse(EDIT, args=[other.pk])).status_code == 403
    form = client.get(reverse(EDIT, args=[event.pk])).context["form"]
    data = browser_post_data(form, {"summary_ja": "代理入力で更新しました。", "action-submit": "1"})
    assert client.post(reverse(EDIT, args=[event.pk]), data).status_code == 302
    event.refresh_from_db()
    revision = event.latest_revision
    assert revision.user == proxy
    assert revision.as_object().summary_ja == "代理入力で更新しました。"
    assert WorkflowState.objects.for_instance(event).filter(status="in_progress").exists()
    assert EventPage.objects.get(pk=event.pk).summary_ja != "代理入力で更新しました。"


def test_demo_proxy_after_revocation_reaches_nothing(demo):
    proxy, client = demo
    delegation = Delegation.objects.get(delegate=proxy)
    rules.revoke(delegation, by=delegation.granted_by)
    for url in (
        reverse("wagtailadmin_home"),
        reverse(EDIT, args=[delegation.event_id]),
        reverse("wagtailadmin_pages:history", args=[delegation.event_id]),
        reverse("wagtailadmin_choose_page"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url


def test_demo_company_member_is_refused_on_delegating(demo):
    from django.contrib.messages import get_messages

    company_member = get_user_model().objects.get(username="company_member")
    client = Client()
    # Through the sign-in form: django-axes needs the request.
    signed_in = client.post(
        "/admin/login/", {"username": "company_member", "password": "demo-password"}
    )
    assert signed_in.status_code == 302
    event = EventPage.objects.filter(
        participations__organization__members=company_member
    ).first()
    assert event is not None  # the company co-organizes demo events
    assert not rules.can_delegate(company_member, event)
    add = reverse("wagtail_eventcal_delegations:add", args=[event.pk])
    response = client.get(add)
    assert response.status_code == 302
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("company or association" in t or "企業や団体" in t for t in texts), texts
    organization = company_member.eventcal_organizations.get()
    client.post(
        add,
        {
            "proxy": "proxy",
            "organization": organization.pk,
            "expires_at": "2027-01-31 18:00",
            "acknowledged_proxy_entry": "on",
            "acknowledged_this_event_only": "on",
        },
    )
    assert not Delegation.objects.filter(event=event, organization=organization).exists()
    # Nor may the company's staff change the events it co-organizes.
    assert client.get(reverse(EDIT, args=[event.pk])).status_code == 302

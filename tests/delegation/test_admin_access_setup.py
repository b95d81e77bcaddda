"""The admin access middleware is installed, and a proxy's menu offers only
what the allow-list opens (issue 18, item 3)."""

import pytest
from django.core.checks import run_checks
from django.test import Client
from django.urls import reverse

from wagtail_eventcal.delegation import service as rules

from ..factories import make_event, make_organization, make_user

MIDDLEWARE = "wagtail_eventcal.middleware.AdminAccessMiddleware"


def error_ids():
    return {message.id for message in run_checks(tags=["security"])}


def test_a_site_without_the_middleware_does_not_start(settings):
    assert "wagtail_eventcal.E001" not in error_ids()
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != MIDDLEWARE]
    assert "wagtail_eventcal.E001" in error_ids()


def test_the_middleware_comes_after_authentication(settings):
    settings.MIDDLEWARE = [MIDDLEWARE, *[m for m in settings.MIDDLEWARE if m != MIDDLEWARE]]
    assert "wagtail_eventcal.E002" in error_ids()


@pytest.mark.django_db
def test_the_proxys_menu_offers_only_what_it_may_open(calendar):
    organization = make_organization()
    official = make_user("official")
    organization.members.add(official)
    event = make_event(calendar, organizations=[organization], title="代理のイベント")
    proxy = make_user("proxy")
    rules.delegate_event(
        event,
        delegate=proxy,
        granted_by=official,
        organization=organization,
        acknowledged_proxy_entry=True,
        acknowledged_this_event_only=True,
    )
    client = Client()
    client.force_login(proxy)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    # The sidebar's menu items, by name (Wagtail's JSON props).
    assert '"name": "eventcal-delegations"' in home
    for closed in ("explorer", "reports", "eventcal-my-submissions", "help", "images"):
        assert f'"name": "{closed}"' not in home, closed
    assert "代理のイベント" in home

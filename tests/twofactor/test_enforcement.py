"""Every admin URL the resolver knows waits for the second factor.

The URLs are not listed by hand: every pattern below the admin, with real
ids of an event filled in, is requested (GET and POST) by a reviewer who
signed in with a password but has not given the second factor. None may
answer anything but a redirect to the two-factor pages, except those pages
themselves, signing out and the admin's script and icon assets (which
anonymous visitors get too). The same URLs as a verified reviewer show that
the list is not one of dead ends.
"""

import pytest
from django.test import Client
from django.urls import reverse

from ..admin_urls import admin_patterns
from ..delegation.test_admin_reach import build_urls
from ..factories import make_calendar, make_delegation, make_event, make_organization, make_user
from .helpers import enrol, verified

pytestmark = [pytest.mark.django_db, pytest.mark.wagtail_sweep]

#: Stated here independently of the middleware's own list.
OPEN_BEFORE_VERIFYING = {
    "eventcal_two_factor:verify",
    "eventcal_two_factor:set_up",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
}
TWO_FACTOR_PAGES = "/admin/eventcal/two-factor/"


@pytest.fixture
def admin_urls(groups):
    event = make_event(make_calendar(), title="公開イベント", slug="event")
    ids = {
        "page": event.pk,
        "revision": event.latest_revision_id,
        "workflow_state": 1,
        "task_state": 1,
        "task": 1,
    }
    seen = {}
    for name, route in admin_patterns():
        for url in build_urls(name, route, ids):
            seen.setdefault(url, name)
    return [(name, url) for url, name in seen.items()]


def client_for(user, device=None):
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return verified(client, device) if device else client


def held_back(user, admin_urls, *, open_names):
    """The admin URLs that answered ``user`` anything but a redirect to the
    two-factor pages (URLs in ``open_names`` excepted)."""
    failures = []
    for name, url in admin_urls:
        if name in open_names:
            continue
        for method in ("get", "post"):
            response = getattr(client_for(user), method)(url)
            location = response.get("Location", "")
            if response.status_code != 302 or not location.startswith(TWO_FACTOR_PAGES):
                failures.append((method, url, response.status_code, location))
    return failures


def test_an_unverified_reviewer_reaches_nothing_but_the_second_step(admin_urls, reviewer):
    enrol(reviewer)
    # Enrolled: setting up a new authenticator waits for the old one's code.
    open_names = OPEN_BEFORE_VERIFYING - {"eventcal_two_factor:set_up"}
    assert held_back(reviewer, admin_urls, open_names=open_names) == []


def test_a_reviewer_without_an_authenticator_is_sent_to_set_one_up(admin_urls, reviewer):
    assert held_back(reviewer, admin_urls, open_names=OPEN_BEFORE_VERIFYING) == []
    response = client_for(reviewer).get("/admin/pages/")
    assert response["Location"] == "/admin/eventcal/two-factor/set-up/?next=%2Fadmin%2Fpages%2F"


def test_a_superuser_is_held_back_too(admin_urls, superuser):
    enrol(superuser)
    open_names = OPEN_BEFORE_VERIFYING - {"eventcal_two_factor:set_up"}
    assert held_back(superuser, admin_urls, open_names=open_names) == []


def test_the_open_urls_are_the_second_step_and_signing_out(admin_urls, reviewer):
    enrol(reviewer)
    answers = {
        name: client_for(reviewer).get(url).status_code
        for name, url in admin_urls
        if name in OPEN_BEFORE_VERIFYING
    }
    assert answers == {
        "eventcal_two_factor:verify": 200,
        "eventcal_two_factor:set_up": 302,  # to verify: the old authenticator first
        "wagtailadmin_logout": 405,  # signing out is a POST
        "wagtailadmin_javascript_catalog": 200,
        "wagtailadmin_sprite": 200,
    }
    client = client_for(reviewer)
    assert client.post(reverse("wagtailadmin_logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_verified_the_same_urls_open(admin_urls, reviewer, settings):
    device, _codes = enrol(reviewer)

    def opened(client_of):
        return {
            url
            for _name, url in admin_urls
            if not url.startswith(TWO_FACTOR_PAGES) and client_of().get(url).status_code == 200
        }

    verified_opens = opened(lambda: client_for(reviewer, device))
    settings.EVENTCAL_TWO_FACTOR_ENFORCED = False
    # Not a list of dead ends: once verified, a reviewer opens what it would
    # open with no second factor asked (dozens of admin pages).
    assert verified_opens == opened(lambda: client_for(reviewer))
    assert len(verified_opens) > 50


def test_a_submitter_who_has_not_opted_in_works_as_before(submitter):
    assert client_for(submitter).get("/admin/").status_code == 200


def test_a_submitter_who_opted_in_is_held_back(submitter):
    device, _codes = enrol(submitter)
    response = client_for(submitter).get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/eventcal/two-factor/verify/")
    assert client_for(submitter, device).get("/admin/").status_code == 200


def test_a_verified_session_of_another_user_counts_for_nothing(reviewer):
    """The session names a device: another user's device does not verify."""
    other = make_user("other", groups=reviewer.groups.all())
    device, _codes = enrol(other)
    enrol(reviewer)
    response = client_for(reviewer, device).get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/eventcal/two-factor/verify/")


def test_switched_off_nobody_is_held_back(reviewer, settings):
    settings.EVENTCAL_TWO_FACTOR_ENFORCED = False
    assert client_for(reviewer).get("/admin/").status_code == 200


def test_a_proxy_is_held_back_when_the_site_requires_it(groups, settings):
    official = make_user("official", groups=[groups["submitters"]])
    organization = make_organization(name_ja="経済産業省", name_en="METI")
    organization.members.add(official)
    event = make_event(make_calendar(), organizations=[organization])
    proxy = make_user("proxy")
    make_delegation(event, proxy, official, organization)
    assert client_for(proxy).get("/admin/").status_code == 200
    settings.EVENTCAL_TWO_FACTOR_FOR_PROXIES = True
    response = client_for(proxy).get("/admin/")
    assert response["Location"] == "/admin/eventcal/two-factor/set-up/?next=%2Fadmin%2F"
    # The set-up page opens to the proxy (the proxies' allow-list has it).
    assert client_for(proxy).get(response["Location"]).status_code == 200

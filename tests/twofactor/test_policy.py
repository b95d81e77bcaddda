"""Who must give a second factor."""

import pytest

from wagtail_eventcal.twofactor.policy import is_required

from ..factories import make_calendar, make_delegation, make_event, make_organization, make_user

pytestmark = pytest.mark.django_db


def test_reviewers_and_superusers_must(reviewer, superuser):
    assert is_required(reviewer)
    assert is_required(superuser)


def test_submitters_choose(submitter):
    assert not is_required(submitter)


@pytest.fixture
def proxy(groups, submitter):
    organization = make_organization(name_ja="経済産業省", name_en="METI")
    organization.members.add(submitter)
    event = make_event(make_calendar(), organizations=[organization])
    proxy = make_user("proxy")
    make_delegation(event, proxy, submitter, organization)
    return proxy


def test_proxies_must_when_the_site_says_so(proxy, settings):
    assert not is_required(proxy)
    settings.EVENTCAL_TWO_FACTOR_FOR_PROXIES = True
    assert is_required(proxy)


def test_the_setting_for_proxies_asks_nothing_of_submitters(submitter, settings):
    settings.EVENTCAL_TWO_FACTOR_FOR_PROXIES = True
    assert not is_required(submitter)

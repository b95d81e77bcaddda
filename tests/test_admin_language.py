"""A new account's admin language is the site's (issue 14), not the browser's."""

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from tests.factories import make_user
from tests.review_helpers import _groups

pytestmark = pytest.mark.django_db


def test_new_account_gets_the_site_language_whatever_the_browser(client):
    reviewers, _submitters = _groups()
    user = make_user("newcomer", groups=[reviewers])
    client.force_login(user)
    html = client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="ja"' in html


def test_a_chosen_language_is_kept(client):
    reviewers, _submitters = _groups()
    user = make_user("chooser", groups=[reviewers])
    UserProfile.objects.filter(user=user).update(preferred_language="en")
    client.force_login(user)
    html = client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert '<html lang="en"' in html

"""The Japanese admin has no English left on the screens each role uses
(issue 14): Wagtail's strings its Japanese catalogue lacks come from this
app's catalogue (wagtail_strings.py), the review has one bilingual name."""

import html
import re

import pytest
from django.urls import reverse

from tests.factories import make_event
from tests.review_helpers import Cast

pytestmark = pytest.mark.django_db

#: Found in English on the Japanese admin by the issue-14 walkthrough.
FOUND_UNTRANSLATED = [
    "Autosave is paused",
    "Keyboard shortcuts",
    "Toggle sidebar",
    "Checks",
    "Search all pages…",
    "View history",
    "Schedule to publish",
    "Preview in mobile size",
    "Your pages and snippets in a workflow",
    "Event review",
]


def visible_strings(page):
    text = html.unescape(page)
    return {
        s for s in FOUND_UNTRANSLATED if re.search(r'[>"]\s*' + re.escape(s) + r'\s*[<"]', text)
    }


def test_japanese_admin_screens_have_none_of_the_untranslated_strings(client, calendar):
    cast = Cast(calendar)
    event = make_event(calendar, organizations=[cast.ministry], publish=False)
    urls = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore", args=[calendar.pk]),
        reverse("wagtailadmin_pages:edit", args=[event.pk]),
        reverse("wagtailadmin_pages:add", args=["wagtail_eventcal", "eventpage", calendar.pk]),
    ]
    for user in (cast.submitter, cast.reviewer):
        client.force_login(user)
        for url in urls:
            response = client.get(url, HTTP_ACCEPT_LANGUAGE="ja")
            assert response.status_code == 200, url
            assert visible_strings(response.content.decode()) == set(), (user, url)


def test_app_catalogue_supplies_wagtails_missing_japanese():
    from django.utils import translation

    with translation.override("ja"):
        assert translation.gettext("Autosave is paused") == "自動保存は一時停止中です"
        assert translation.gettext("Keyboard shortcuts") == "キーボードショートカット"

"""Each admin screen of the plugin says what it is, in the user's language:
a title of its own, an h1, and breadcrumbs that end with that title (the
slim header shows them as the screen's heading); dashboards are named after
the portal, not "Example" (issue 19 point 1, issue 14 point 3)."""

import re
from collections import defaultdict

import pytest
from django.utils.html import strip_tags

from tests.admin_screens import NOT_SCREENS, World, plugin_url_names, set_admin_language

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(calendar, django_capture_on_commit_callbacks):
    return World(calendar)


def text(html):
    return " ".join(strip_tags(html).split())


def identity(html):
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    h1 = re.search(r"<h1\b[^>]*>(.*?)</h1>", html, re.S).group(1)
    crumbs = re.search(r"data-w-breadcrumbs\b.*?<ol[^>]*>(.*?)</ol>", html, re.S)
    last_crumb = re.findall(r"<li\b.*?</li>", crumbs.group(1), re.S)[-1] if crumbs else ""
    return text(title), text(h1), text(last_crumb)


def test_every_plugin_url_is_a_listed_screen(world):
    listed = {name for _person, name, _url in world.screens()}
    assert plugin_url_names() == listed | set(NOT_SCREENS)


@pytest.mark.parametrize("language", ["ja", "en"])
def test_each_screen_has_its_own_translated_title_h1_and_breadcrumb(client, world, language):
    seen = defaultdict(set)
    for person, name, url in world.screens():
        user = world.people()[person]
        set_admin_language(user, language)
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, (person, url, response.status_code)
        title, h1, crumb = identity(response.content.decode())
        assert not title.startswith("-"), (person, url, title)
        assert h1, (person, url)
        assert title.startswith(h1), (person, url, title, h1)
        assert crumb == h1, (person, url, crumb, h1)
        if language == "ja":
            assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", h1), (person, url, h1)
        seen[title].add(name)
    duplicated = {title: names for title, names in seen.items() if len(names) > 1}
    assert not duplicated


@pytest.mark.parametrize("language", ["ja", "en"])
def test_dashboards_are_named_after_the_portal(client, world, settings, language):
    for person, _name, url in world.dashboards():
        user = world.people()[person]
        set_admin_language(user, language)
        client.force_login(user)
        _title, h1, _crumb = identity(client.get(url).content.decode())
        assert h1 == settings.WAGTAIL_SITE_NAME, (person, h1)

"""Wagtail's sidebar search is not offered to a proxy, whom the search view
answers 403; everyone else keeps it (issue 14 follow-up)."""

import json
import re

import pytest
from django.urls import reverse

from tests.admin_screens import World

pytestmark = pytest.mark.django_db


def sidebar_modules(client, user):
    client.force_login(user)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    props = re.search(r'<script id="wagtail-sidebar-props"[^>]*>(.*?)</script>', page, re.S)
    return [module["_type"] for module in json.loads(props.group(1))["modules"]]


def test_a_proxy_gets_no_search_box_it_could_not_use(client, calendar):
    world = World(calendar)
    assert "wagtail.sidebar.SearchModule" not in sidebar_modules(client, world.proxy)
    # Why: the search answers a proxy 403.
    assert client.get(reverse("wagtailadmin_pages:search"), {"q": "x"}).status_code == 403
    # Its menu and dashboard are still there.
    assert "wagtail.sidebar.MainMenuModule" in sidebar_modules(client, world.proxy)


@pytest.mark.parametrize("person", ["submitter", "reviewer"])
def test_staff_keep_the_search_box(client, calendar, person):
    world = World(calendar)
    user = world.people()[person]
    assert "wagtail.sidebar.SearchModule" in sidebar_modules(client, user)
    assert client.get(reverse("wagtailadmin_pages:search"), {"q": "x"}).status_code == 200

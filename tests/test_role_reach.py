"""Each role sees only what it can use: every sidebar entry (menus, search,
account), every link of the dashboard and every form it submits answer
200 for that role; what is refused anyway is the admin's own 403 page in
the user's language, saying why and what to do; a member of a company sees
no submitter menu and the page explaining posting rule 6 (FAQ 2)."""

import json
import re
from html import unescape

import pytest
from django.urls import reverse

from tests.admin_screens import World, set_admin_language
from tests.factories import make_organization, make_user

pytestmark = pytest.mark.django_db

ROLES = ("reviewer", "submitter", "proxy", "company_member", "superuser")


@pytest.fixture
def world(calendar):
    world = World(calendar)
    company = make_organization(body_types=("company",), name_ja="株式会社キャリアブリッジ")
    world.company_member = make_user(
        "company_member", groups=[world.cast.submitters], first_name="CareerBridge staff"
    )
    company.members.add(world.company_member)
    world.superuser = make_user("root", is_superuser=True)
    for role in ROLES:
        set_admin_language(person(world, role), "ja")
    return world


def person(world, role):
    return getattr(world, role)


def _urls_in(value):
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("url", "searchUrl") and isinstance(item, str):
                yield item
            else:
                yield from _urls_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from _urls_in(item)


def sidebar_urls(html):
    """Every URL the sidebar offers (menus, submenus, search, account);
    logging out is a POST action, not a link."""
    props = re.search(r'<script id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S)
    assert props, "no sidebar"
    return set(_urls_in(json.loads(props.group(1))))


def main_urls(html):
    """The admin links and GET forms of the page's main content."""
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    links = {unescape(href) for href in re.findall(r'href="(/admin/[^"#]*)"', main)}
    forms = {
        unescape(action)
        for tag in re.findall(r"<form\b[^>]*>", main)
        if 'method="post"' not in tag.lower()
        for action in re.findall(r'action="(/admin/[^"]*)"', tag)
    }
    return links | forms


def menu_names(html):
    props = re.search(r'<script id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S)
    return set(re.findall(r'"name": "([^"]+)"', props.group(1)))


@pytest.mark.parametrize("role", ROLES)
def test_every_menu_item_dashboard_link_and_sidebar_entry_answers_200(client, world, role):
    client.force_login(person(world, role))
    dashboard = client.get(reverse("wagtailadmin_home"))
    assert dashboard.status_code == 200
    html = dashboard.content.decode()
    offered = sidebar_urls(html) | main_urls(html)
    assert offered, "nothing offered"
    home = reverse("wagtailadmin_home")
    refused = {}
    for url in sorted(u for u in offered if u.startswith(home)):
        # A redirect is followed (Pages → the root's explorer), but not back
        # to the dashboard: that is how Wagtail refuses ("no permission").
        response = client.get(url, follow=True)
        landed = response.redirect_chain[-1][0] if response.redirect_chain else url
        if response.status_code != 200 or (landed == home and url != home):
            refused[url] = (response.status_code, landed)
    assert refused == {}, f"{role} is offered: {refused}"


def test_the_proxy_is_offered_no_pages_images_or_page_search(client, world):
    client.force_login(world.proxy)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "w-summary" not in html  # no "N ページ", "N 画像"
    assert 'role="search"' not in html and "data-eventcal-no-page-search" in html
    assert world.event.title in html  # its delegated event is there


def test_a_company_member_sees_no_submitter_menu_and_the_page_that_explains_faq_2(
    client, world
):
    client.force_login(world.company_member)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    names = menu_names(html)
    for hidden in ("eventcal-import", "eventcal-delegations", "images", "documents"):
        assert hidden not in names, hidden
    assert "/admin/eventcal/review/mine/" not in sidebar_urls(html)
    assert "eventcal-my-submissions" not in html  # no "あなたの投稿" panel
    assert "eventcal-entering-events" in names and 'id="eventcal-entering-events-section"' in html
    page = client.get(reverse("wagtail_eventcal_entering_events")).content.decode()
    assert "FAQ Q.2" in page
    assert "代理" in page and "招待" in page


@pytest.mark.parametrize("role", ["reviewer", "submitter", "superuser"])
def test_others_are_not_sent_to_the_explanation(client, world, role):
    client.force_login(person(world, role))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "eventcal-entering-events" not in menu_names(html)


@pytest.mark.parametrize("language", ["ja", "en"])
def test_a_refused_admin_page_is_the_admins_own_in_the_users_language(client, world, language):
    set_admin_language(world.proxy, language)
    client.force_login(world.proxy)
    response = client.get(reverse("wagtailadmin_explore_root"))
    assert response.status_code == 403
    html = response.content.decode()
    assert "wagtail-sidebar-props" in html and "data-eventcal-forbidden" in html
    assert f'lang="{language}"' in html
    expected = {"ja": "代理入力", "en": "as a proxy"}[language]
    assert expected in html and world.event.title in html
    assert "403 Forbidden" not in html


def test_another_organizations_hidden_draft_is_refused_with_the_reason(client, world):
    from tests.factories import make_event

    other = make_event(
        world.cast.calendar,
        organizations=[make_organization(body_types=("local_government",))],
        publish=False,
        title="他団体の下書き",
    )
    set_admin_language(world.submitter, "en")
    client.force_login(world.submitter)
    response = client.get(reverse("wagtailadmin_pages:history", args=[other.pk]))
    assert response.status_code == 403
    html = response.content.decode()
    assert "data-eventcal-forbidden" in html and "another organization" in html
    assert "他団体の下書き" not in html


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_a_refused_form_post_gets_the_same_page(client, world, method):
    client.force_login(world.proxy)
    response = getattr(client, method)(reverse("wagtailadmin_explore_root"))
    assert response.status_code == 403
    assert "data-eventcal-forbidden" in response.content.decode()

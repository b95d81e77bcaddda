"""Text in the other language is marked with ``lang`` (issue 19 point 4):
Japanese organization names on /en/ pages, Japanese event titles in the
English admin; and a verdict's reasons are text, not a tooltip (point 5)."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from tests.admin_screens import World, set_admin_language
from tests.factories import make_event, make_organization

pytestmark = pytest.mark.django_db


def soup_of(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def marked(soup, text):
    """The nearest ``lang`` of each text node showing ``text``."""
    found = [
        node
        for node in soup.find_all(string=lambda s: s and text in s)
        if node.parent.name not in ("script", "style")  # JSON-LD is data, not text
    ]
    assert found, text
    return [node.find_parent(attrs={"lang": True})["lang"] for node in found]


def test_japanese_organization_names_are_marked_on_english_pages(client, calendar):
    japanese_only = make_organization(name_ja="東京商工会議所", name_en="")
    named = make_organization(name_ja="経済産業省", name_en="METI")
    event = make_event(calendar, organizations=[japanese_only, named, (japanese_only, "supporter")])
    # The day's page shows the cards the month listed before issue 17.
    for path in ("/en/events/", "/en/events/day/2026-12-10/", f"/en/events/{event.slug}/"):
        soup = soup_of(client.get(path))
        assert set(marked(soup, "東京商工会議所")) == {"ja"}, path
        assert set(marked(soup, "METI")) == {"en"}, path  # the page's own language
    soup = soup_of(client.get(f"/ja/events/{event.slug}/"))
    assert set(marked(soup, "東京商工会議所")) == {"ja"}


@pytest.fixture
def world(calendar, django_capture_on_commit_callbacks):
    return World(calendar)


def test_japanese_titles_are_marked_in_the_english_admin(client, world):
    # "差し戻されたセミナー" has no English title; "審査中のセミナー" has one
    # (shown in English), but the delegation screens show Wagtail's title.
    set_admin_language(world.reviewer, "en")
    client.force_login(world.reviewer)
    soup = soup_of(client.get(reverse("eventcal_review:open")))
    assert "審査中のセミナー" not in soup.get_text()  # its English title is shown
    soup = soup_of(client.get(reverse("wagtail_eventcal_delegations:index")))
    assert set(marked(soup, "審査中のセミナー")) == {"ja"}
    set_admin_language(world.submitter, "en")
    client.force_login(world.submitter)
    soup = soup_of(client.get(reverse("eventcal_review:mine")))
    assert set(marked(soup, "差し戻されたセミナー")) == {"ja"}
    set_admin_language(world.proxy, "en")
    client.force_login(world.proxy)
    soup = soup_of(client.get(reverse("wagtailadmin_home")))
    assert set(marked(soup, "審査中のセミナー")) == {"ja"}


def test_japanese_titles_in_the_reviewers_listings_are_marked(client, world, calendar):
    untranslated = make_event(
        calendar,
        organizations=[world.cast.ministry],
        publish=False,
        title="英語名のない催し",
        title_en="",
    )
    untranslated.get_workflow().start(untranslated, world.submitter)
    set_admin_language(world.reviewer, "en")
    client.force_login(world.reviewer)
    for url in (reverse("wagtailadmin_home"), reverse("eventcal_review:open")):
        soup = soup_of(client.get(url))
        assert set(marked(soup, "英語名のない催し")) == {"ja"}, url


def test_verdict_reasons_are_visible_text(client, world, calendar):
    event = make_event(
        calendar,
        organizations=[world.cast.ministry],
        publish=False,
        residence_audiences=["specified_skilled_worker"],
    )
    event.get_workflow().start(event, world.submitter)
    client.force_login(world.reviewer)
    for url in (reverse("wagtailadmin_home"), reverse("eventcal_review:open")):
        soup = soup_of(client.get(url))
        cells = soup.select('td[data-verdict="needs_review"]')
        assert cells, url
        for cell in cells:
            reasons = cell.select_one("[data-verdict-reasons]")
            assert reasons is not None and reasons.get_text(strip=True), url
            assert not cell.find(attrs={"title": True}) and not cell.has_attr("title")

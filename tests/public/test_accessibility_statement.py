"""The accessibility statement in both languages, linked from every public
page's footer with the secretariat's contact and the feeds; the breadcrumb
in a band of its own (issue 19 point 7, issue 14 point 14)."""

import pytest
from bs4 import BeautifulSoup

from tests.factories import make_event
from wagtail_eventcal.conf import get_setting

pytestmark = pytest.mark.django_db


def soup_of(client, path):
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize(
    "language, heading, words",
    [
        (
            "ja",
            "アクセシビリティ方針",
            ["JIS X 8341-3:2016", "WCAG", "AA", "axe-core", "キーボード"],
        ),
        (
            "en",
            "Accessibility statement",
            ["JIS X 8341-3:2016", "WCAG) 2.1", "level AA", "axe-core", "3:1"],
        ),
    ],
)
def test_statement_says_target_tests_limitations_and_contact(
    client, calendar, language, heading, words
):
    soup = soup_of(client, f"/{language}/events/accessibility/")
    assert soup.html["lang"] == language
    assert soup.h1.get_text(strip=True) == heading
    assert soup.title.get_text().startswith(heading)
    text = soup.get_text(" ")
    for word in words:
        assert word in text, word
    assert soup.select("[data-statement-tests] li") and soup.select(
        "[data-statement-limitations] li"
    )
    secretariat = get_setting("SECRETARIAT")
    contact = soup.select_one("[data-statement-contact]")
    assert contact.find("a", href=f"mailto:{secretariat['email']}")
    assert secretariat[f"name_{language}"] in contact.get_text()
    alternates = {
        link["hreflang"] for link in soup.find_all("link", rel="alternate") if link.get("hreflang")
    }
    assert {"ja", "en"} <= alternates


@pytest.mark.parametrize("language", ["ja", "en"])
def test_every_public_page_has_the_footer_and_a_separate_breadcrumb(client, calendar, language):
    event = make_event(calendar)
    secretariat = get_setting("SECRETARIAT")
    for path in (
        f"/{language}/events/",
        f"/{language}/events/month/",
        f"/{language}/events/archive/",
        f"/{language}/events/{event.slug}/",
        f"/{language}/events/accessibility/",
    ):
        soup = soup_of(client, path)
        footer = soup.find("footer")
        assert footer.find("a", href=f"mailto:{secretariat['email']}"), path
        assert footer.select_one("[data-eventcal-footer-accessibility]")["href"] == (
            f"/{language}/events/accessibility/"
        )
        feeds = [a["href"] for a in footer.select("[data-eventcal-footer-feeds] a")]
        assert any(href.endswith("feed.ics") for href in feeds), path
        assert any(href.endswith("feed.rss") for href in feeds), path
    for path in (f"/{language}/events/{event.slug}/", f"/{language}/events/accessibility/"):
        soup = soup_of(client, path)
        breadcrumb = soup.find("nav", class_="eventcal-breadcrumb")
        assert breadcrumb.find_parent("header") is None and breadcrumb.find_parent("main") is None
        assert breadcrumb.find_next("main") is not None
        assert breadcrumb.find(attrs={"aria-current": "page"}).get_text(strip=True)

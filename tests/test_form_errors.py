"""Every error is tied to its field, and a failed submit opens on a summary
that takes the focus and links to each field (issue 19 point 2): the public
filters (a 400 page) and the delegation form. (The review dialog: tests in
test_review_dialog.py and tests/browser/test_keyboard.py.)"""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from tests.delegation.test_delegation_admin import ADD, delegate_form, world  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def described_by(soup, field_id):
    """The texts an element's aria-describedby points at."""
    element = soup.find(id=field_id)
    ids = (element.get("aria-describedby") or "").split()
    return [" ".join(soup.find(id=ref).get_text(" ").split()) for ref in ids]


def assert_summary(soup, expected):
    """The summary has the focus on load and links each field's message."""
    summary = soup.find(attrs={"data-eventcal-error-summary": True})
    assert summary is not None
    assert summary.has_attr("autofocus") and summary["tabindex"] == "-1"
    assert summary["role"] == "alert"
    assert soup.find(id=summary["aria-labelledby"]).get_text(strip=True)
    links = {a["href"]: a.get_text(" ", strip=True) for a in summary.find_all("a")}
    for field_id, message in expected.items():
        assert message in links[f"#{field_id}"], (field_id, links)
        assert soup.find(id=field_id) is not None


@pytest.mark.parametrize("language", ["ja", "en"])
def test_public_filter_errors_are_referenced_and_summarised(client, calendar, language):
    response = client.get(
        f"/{language}/events/?category=bogus&date_from=2026-12-10&date_to=2026-12-01"
    )
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    form = response.context["filter_form"]
    category_error, date_error = form.errors["category"][0], form.errors["date_to"][0]
    assert any(category_error in text for text in described_by(soup, "id_category"))
    assert any(date_error in text for text in described_by(soup, "id_date_to"))
    assert_summary(soup, {"id_category": category_error, "id_date_to": date_error})


def test_delegation_form_errors_are_referenced_and_summarised(client, world):  # noqa: F811
    client.force_login(world["official"])
    response = client.post(
        reverse(ADD, args=[world["event"].pk]),
        delegate_form(world, email="", expires_at="soon", acknowledged_proxy_entry=None),
    )
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    errors = response.context["form"].errors
    expected = {
        "id_email": errors["email"][0],
        "id_expires_at": errors["expires_at"][0],
        "id_acknowledged_proxy_entry": errors["acknowledged_proxy_entry"][0],
    }
    for field_id, message in expected.items():
        texts = described_by(soup, field_id)
        assert any(message in text for text in texts), (field_id, texts)
    # Help text stays referenced next to the error.
    assert any("JST" in t or "日本時間" in t for t in described_by(soup, "id_expires_at"))
    assert_summary(soup, expected)


def test_delegation_acknowledgements_mark_each_language(client, world):  # noqa: F811
    client.force_login(world["official"])
    soup = BeautifulSoup(client.get(reverse(ADD, args=[world["event"].pk])).content, "html.parser")
    for name in ("acknowledged_proxy_entry", "acknowledged_this_event_only"):
        label = soup.find("label", attrs={"for": f"id_{name}"})
        ja, en = label.find("span", lang="ja"), label.find("span", lang="en")
        assert ja.get_text().startswith(("①", "②")) and "代理入力者" in ja.get_text()
        assert en.get_text().startswith(("(1)", "(2)")) and "proxy" in en.get_text()

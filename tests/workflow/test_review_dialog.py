"""The review's action dialog (issue 19 points 2 and 3): a named heading,
each error referenced by its field, an error summary after an empty submit,
fields in list items (axe's "list" finding on Wagtail's own modal). The
frame's behaviour (aria-modal, Escape, focus) is tested in the browser:
tests/browser/test_keyboard.py."""

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Page

from tests.admin_screens import World, set_admin_language

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(calendar, django_capture_on_commit_callbacks):
    return World(calendar)


def dialog(client, event, action, data=None):
    page = Page.objects.get(pk=event.pk)
    task_state = page.current_workflow_task_state
    url = reverse(
        "wagtailadmin_pages:collect_workflow_action_data", args=[page.pk, action, task_state.pk]
    )
    headers = {"x-requested-with": "XMLHttpRequest"}
    response = client.post(url, data, headers=headers) if data is not None else client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(json.loads(response.content)["html"], "html.parser")


@pytest.mark.parametrize("language", ["ja", "en"])
@pytest.mark.parametrize("action", ["return", "request_confirmation"])
def test_an_empty_comment_is_referenced_and_summarised(client, world, language, action):
    set_admin_language(world.reviewer, language)
    client.force_login(world.reviewer)
    soup = dialog(client, world.event, action)
    assert soup.find(id="eventcal-review-dialog-title").get_text(strip=True)
    assert soup.find(attrs={"data-eventcal-error-summary": True}) is None
    for ul in soup.find_all("ul"):
        assert all(child.name == "li" for child in ul.find_all(recursive=False)), ul

    soup = dialog(client, world.event, action, {"comment": "   "})
    comment = soup.find("textarea", attrs={"name": "comment"})
    assert comment["aria-invalid"] == "true"
    references = comment["aria-describedby"].split()
    error = soup.find(id=f"{comment['id']}_error")
    assert error is not None and f"{comment['id']}_error" in references
    assert error.get_text(strip=True)
    summary = soup.find(attrs={"data-eventcal-error-summary": True})
    link = summary.find("a", href=f"#{comment['id']}")
    assert error.get_text(strip=True) in link.get_text(strip=True)
    # The dialog's script (named frame, Escape, focus) comes with each body.
    assert "aria-modal" in soup.find("script").string

"""Nothing unpublished is reachable through any public channel.

One published event is the control; around it: a draft, a live event with
an unpublished change, a new submission returned by the reviewer, a live
event whose edit was returned, and a live event under a view restriction.
Each channel gets one test that sees the control and none of the others.
"""

import json
from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.factories import jst, make_event

SECRET = "LEAK"  # appears in every text that must stay unpublished


def future(days, hour=14):
    d = timezone.localdate() + timedelta(days=days)
    return jst(d.year, d.month, d.day, hour, 0)


def _returned(event, user):
    """Submit ``event``'s latest revision for review and return it for changes."""
    workflow = event.get_workflow()
    assert workflow is not None, "the calendar has no review workflow"
    workflow_state = workflow.start(event, user)
    task_state = workflow_state.current_task_state.specific
    task_state.reject(user=user, comment="Please fix")
    event.refresh_from_db()
    assert event.workflow_states.get(pk=workflow_state.pk).status == "needs_changes"
    return event


@pytest.fixture
def world(calendar, superuser):
    when = future(5)
    control = make_event(calendar, start=when, title="公開イベント", title_en="Published event")

    make_event(
        calendar, start=when, title=f"下書き{SECRET}", title_en=f"Draft {SECRET}", publish=False
    )

    changed = make_event(calendar, start=when, title="変更前", title_en="Before the change")
    changed.title_en = f"Unpublished change {SECRET}"
    changed.summary_en = f"Unpublished summary {SECRET}"
    changed.save_revision()

    new_submission = make_event(
        calendar, start=when, title=f"差戻{SECRET}", title_en=f"Returned {SECRET}", publish=False
    )
    _returned(new_submission, superuser)

    returned_edit = make_event(calendar, start=when, title="差戻前", title_en="Live before return")
    returned_edit.title_en = f"Returned edit {SECRET}"
    returned_edit.save_revision()
    _returned(returned_edit, superuser)

    restricted = make_event(
        calendar, start=when, title=f"限定{SECRET}", title_en=f"Restricted {SECRET}"
    )
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")

    hidden = {"restricted": restricted, "new_submission": new_submission}
    return {"control": control, "hidden": hidden}


def assert_clean(body, *, control_text="Published event"):
    text = body if isinstance(body, str) else body.decode("utf-8")
    assert control_text in text, "the control event is missing: the test would prove nothing"
    assert SECRET not in text
    assert "Unpublished summary" not in text


def test_public_calendar_pages(client, world):
    for path in ("/en/events/", "/en/events/month/", "/en/events/?q=event"):
        response = client.get(path)
        assert response.status_code == 200
        assert_clean(response.content)
    event_month = f"/en/events/month/{future(5):%Y-%m}/"
    assert_clean(client.get(event_month).content)


def test_search(client, world):
    for word in ("Draft", "Returned", "Restricted", "Unpublished", "限定"):
        body = client.get(f"/en/events/?q={word}").content.decode()
        assert SECRET not in body and "Unpublished summary" not in body
    assert_clean(client.get("/en/events/?q=Published").content)


def test_event_pages(client, world):
    restricted = world["hidden"]["restricted"]
    response = client.get(f"/en/events/{restricted.slug}/")
    assert response.status_code == 302 and "/login" in response["Location"]
    submission = world["hidden"]["new_submission"]
    assert client.get(f"/en/events/{submission.slug}/").status_code == 404


def test_ical_feed(client, world):
    assert_clean(client.get("/en/events/feed.ics").content)
    assert_clean(client.get("/ja/events/feed.ics").content, control_text="公開イベント")


def test_per_event_ics(client, world):
    for event in world["hidden"].values():
        assert client.get(f"/en/events/{event.slug}.ics").status_code in (302, 404)
    assert_clean(client.get(f"/en/events/{world['control'].slug}.ics").content)


def test_rss_feed(client, world):
    assert_clean(client.get("/en/events/feed.rss").content)


def test_atom_feed(client, world):
    assert_clean(client.get("/en/events/feed.atom").content)


def test_api(client, world):
    listing = client.get("/api/v2/events/?limit=20")
    assert_clean(listing.content)
    assert listing.json()["meta"]["total_count"] == 3  # control, changed, returned edit
    for event in world["hidden"].values():
        response = client.get(f"/api/v2/events/{event.pk}/", follow=True)
        assert response.status_code == 404
    detail = client.get(f"/api/v2/events/{world['control'].pk}/")
    assert_clean(json.dumps(detail.json(), ensure_ascii=False))


def test_sitemap(client, world):
    body = client.get("/sitemap.xml").content.decode()
    for event in world["hidden"].values():
        assert f"/events/{event.slug}/" not in body
    assert f"/en/events/{world['control'].slug}/" in body

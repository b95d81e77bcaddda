"""Issue 15's "done when" on the demo: submitter_a imports the sample CSV,
sees the invalid rows explained and the duplicate flagged, gets drafts,
submits one; the reviewer publishes it; the open-data CSV holds it and
re-imports cleanly."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from tests.review_helpers import post_edit, workflow_action
from wagtail_eventcal.models import CalendarPage, EventPage, ImportedEvent, Organization

from .conftest import sample

pytestmark = pytest.mark.django_db
URL = "/admin/eventcal/import/"


def post_file(client, calendar, organization, name, content, **extra):
    return client.post(
        URL,
        {
            "calendar": calendar.pk,
            "organization": organization.pk,
            "role": "organizer",
            "category": "seminar",
            "file": SimpleUploadedFile(name, content),
            **extra,
        },
    )


def confirm(client, response):
    form = response.context["form"]
    data = {name: form.data.get(name, "") for name in form.fields if name != "file"}
    return client.post(URL, {**data, "confirm": "1"})


def test_import_submit_publish_export_reimport(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", events=3, stdout=io.StringIO())
    users = get_user_model().objects
    calendar = CalendarPage.objects.get()
    meti = Organization.objects.get(members__username="submitter_a")
    client.force_login(users.get(username="submitter_a"))

    preview = post_file(
        client, calendar, meti, "events_sjis.csv", sample("events_sjis.csv"), preview="1"
    )
    rows = {row.line: row for row in preview.context["rows"]}
    assert [rows[n].action for n in sorted(rows)].count("skip") == 2
    html = preview.content.decode()
    assert "2027/13/40" in html and "25:00" in html
    [(_score, forum)] = rows[7].duplicates
    assert forum.slug == "forum-2027" and "大阪府" in html

    confirm(client, preview)
    draft = ImportedEvent.objects.get(key="csv:130001:1").page
    assert not draft.live
    with django_capture_on_commit_callbacks(execute=True):
        # The residence statuses are chosen before submitting (posting rule 1).
        submitted = post_edit(
            client, draft, "action-submit", residence_audiences=["engineer_specialist"]
        )
        assert submitted.status_code == 302

    client.force_login(users.get(username="reviewer"))
    with django_capture_on_commit_callbacks(execute=True):
        workflow_action(client, draft, "approve", comment="")
    draft.refresh_from_db()
    assert draft.live

    client.logout()
    exported = client.get("/ja/events/opendata.csv").content
    assert "外国人材向けIT企業合同説明会".encode() in exported
    # NO is the page id (not the file's NO): a re-import makes new drafts.
    [row] = [
        row
        for row in csv.DictReader(io.StringIO(exported.decode("utf-8-sig")))
        if row["イベント名"] == "外国人材向けIT企業合同説明会"
    ]
    assert row["NO"] == str(draft.pk)
    client.force_login(users.get(username="submitter_a"))
    again = post_file(client, calendar, meti, "opendata.csv", exported, preview="1")
    assert all(row.ok for row in again.context["rows"])
    before = EventPage.objects.count()
    confirm(client, again)
    assert EventPage.objects.filter(live=False).count() >= 1
    assert EventPage.objects.count() > before

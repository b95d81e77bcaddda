"""CSV exports for the secretariat (issue 14): UTF-8 with BOM, times in
JST written readably, the screen's columns."""

import csv
import io

import pytest
import time_machine
from django.urls import reverse

from tests.factories import jst, make_event, make_organization
from tests.review_helpers import Cast, post_edit

pytestmark = pytest.mark.django_db


def read_csv(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content)
    assert body.startswith("\ufeff".encode())  # Excel then reads UTF-8
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_open_submissions_csv(client, calendar, django_capture_on_commit_callbacks):
    cast = Cast(calendar)
    event = make_event(
        calendar, organizations=[cast.ministry], publish=False, title="審査中のセミナー"
    )
    client.force_login(cast.submitter)
    with (
        time_machine.travel(jst(2026, 11, 25, 10, 0), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        post_edit(client, event, "action-submit")
    client.force_login(cast.reviewer)
    url = reverse("eventcal_review:open")
    screen = client.get(url).context["table"]
    rows = read_csv(client.get(url, {"export": "csv"}))
    headings = [str(column.label) for column in screen.columns.values()]
    # The screen's columns, in its order (Verdict adds its reasons, Due the days left).
    assert [h for h in rows[0] if h in headings] == headings
    received = rows[1][rows[0].index(headings[5])]
    assert received == "2026-11-25 10:00"


def test_organizations_csv_shows_labels_like_the_screen(admin_client):
    make_organization(body_types=("ministry", "university"), name_ja="機関甲", prefecture="osaka")
    url = reverse("wagtailsnippets_wagtail_eventcal_organization:list")
    rows = read_csv(admin_client.get(url, {"export": "csv"}))
    row = dict(zip(rows[0], rows[-1], strict=True))
    assert "省庁、大学" in row.values()
    assert "大阪府" in row.values()
    assert "はい" in row.values()

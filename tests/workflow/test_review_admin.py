"""Reviewers' dashboard and reports, the submitters' view, reminders,
the detail-URL check and the set-up of the workflow."""

import csv
import io
import re
from datetime import date
from http.server import BaseHTTPRequestHandler

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils.html import strip_tags
from wagtail.models import WorkflowPage

from tests.factories import jst, make_calendar, make_event, make_organization, make_user
from tests.local_http import serving
from tests.review_helpers import Cast, edit_url, post_edit, workflow_action
from wagtail_eventcal.models import DetailUrlCheck, EventPage, EventReviewTaskState
from wagtail_eventcal.workflow.setup import setup_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(calendar):
    return Cast(calendar)


def submit(cast, when, **fields):
    """An event of the ministry submitted (through Wagtail's API) at ``when``."""
    with time_machine.travel(when, tick=False):
        event = make_event(cast.calendar, organizations=[cast.ministry], publish=False, **fields)
        event.get_workflow().start(event, cast.submitter)
    return event


@pytest.fixture
def three_open(cast):
    """Received Mon 16, Wed 18 and Fri 20 Nov 2026: due Thu 19, Mon 23, Thu 26
    (Mon 23 Nov is Labour Thanksgiving Day, so Fri 20 + 3 = Thu 26)."""
    monday = submit(cast, jst(2026, 11, 16, 10, 0), title="月曜の投稿")
    wednesday = submit(
        cast,
        jst(2026, 11, 18, 10, 0),
        title="水曜の投稿",
        residence_audiences=["specified_skilled_worker"],
    )
    other = make_organization(body_types=("university",), name_ja="東北大学")
    with time_machine.travel(jst(2026, 11, 20, 23, 30), tick=False):
        friday = make_event(cast.calendar, organizations=[other], publish=False, title="金曜の投稿")
        friday.get_workflow().start(friday, cast.submitter)
    return monday, wednesday, friday


def test_due_dates_of_the_fixture(three_open):
    due = [EventReviewTaskState.objects.for_instance(page).get().due_date for page in three_open]
    assert due == [date(2026, 11, 19), date(2026, 11, 24), date(2026, 11, 26)]


def rows_of(content, marker):
    return [line for line in content.splitlines() if marker in line]


def test_dashboard_lists_open_submissions_soonest_due_first(client, cast, three_open):
    client.force_login(cast.reviewer)
    with time_machine.travel(jst(2026, 11, 24, 9, 0), tick=False):
        content = client.get(reverse("wagtailadmin_home")).content.decode()
    panel = content[content.index('id="eventcal-open-submissions-section"') :]
    positions = [panel.index(title) for title in ("月曜の投稿", "水曜の投稿", "金曜の投稿")]
    assert positions == sorted(positions)
    # Only the Monday submission (due Thu 19) is overdue on Tue 24 Nov.
    assert panel.count('data-overdue="true"') == 1
    assert panel.index('data-overdue="true"') < panel.index("月曜の投稿")
    assert 'data-verdict="needs_review"' in panel


def test_reviewers_summary_counts_open_and_overdue_submissions_instead_of_pages(
    client, cast, three_open
):
    client.force_login(cast.reviewer)
    with time_machine.travel(jst(2026, 11, 24, 9, 0), tick=False):
        content = client.get(reverse("wagtailadmin_home")).content.decode()
    summary = content[content.index('class="w-summary"') :]
    summary = summary[: summary.index("</section>")]

    def item(name):
        found = summary[summary.index(f'data-eventcal-summary="{name}"') :]
        return found[: found.index("</li>")]

    assert re.findall(r"\d+", strip_tags(item("open"))) == ["3"]
    assert re.findall(r"\d+", strip_tags(item("overdue"))) == ["1"]
    assert "?overdue=true" in item("overdue")
    assert reverse("wagtailadmin_explore", args=[cast.calendar.get_parent().pk]) not in summary
    # A submitter keeps Wagtail's page count and sees no review counts.
    client.force_login(cast.submitter)
    content = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "data-eventcal-summary" not in content


def test_a_reviewers_own_submission_is_in_the_review_panel_not_in_wagtails(client, cast):
    event = make_event(cast.calendar, organizations=[cast.ministry], publish=False, title="自分の")
    event.get_workflow().start(event, cast.reviewer)
    client.force_login(cast.reviewer)
    content = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="objects-in-workflow-section"' not in content
    assert 'id="awaiting-review-section"' not in content
    panel = content[content.index('id="eventcal-open-submissions-section"') :]
    assert "自分の" in panel[: panel.index("</section>")]
    # A submitter has one panel too: ours, not Wagtail's twin (issue 14).
    client.force_login(cast.submitter)
    submit(cast, jst(2026, 11, 24, 9, 0), title="投稿者の")
    content = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="objects-in-workflow-section"' not in content
    assert 'id="eventcal-my-submissions-section"' in content


def test_reviewers_are_the_holders_of_the_review_permission(cast):
    from django.contrib.auth.models import Permission

    from wagtail_eventcal.workflow.models import is_reviewer
    from wagtail_eventcal.workflow.notifications import reviewers

    assert is_reviewer(cast.reviewer) and not is_reviewer(cast.submitter)
    assert list(reviewers()) == [cast.reviewer]
    # Granted to another user directly, the permission makes a reviewer too.
    colleague = make_user("colleague")
    colleague.user_permissions.add(Permission.objects.get(codename="review_eventpage"))
    assert is_reviewer(type(colleague).objects.get(pk=colleague.pk))
    assert set(reviewers()) == {cast.reviewer, colleague}


def test_report_sorts_filters_and_exports(client, cast, three_open):
    client.force_login(cast.reviewer)
    url = reverse("eventcal_review:open")
    with time_machine.travel(jst(2026, 11, 24, 9, 0), tick=False):
        content = client.get(url).content.decode()
        reverse_order = client.get(url, {"ordering": "-due_date"}).content.decode()
        needs_review = client.get(url, {"verdict_status": "needs_review"}).content.decode()
        by_org = client.get(
            url, {"organization": three_open[2].participations.get().organization_id}
        ).content.decode()
        overdue = client.get(url, {"overdue": "true"}).content.decode()
        export = client.get(url, {"export": "csv"})

    def order(html):
        found = [
            (html.index(t), t) for t in ("月曜の投稿", "水曜の投稿", "金曜の投稿") if t in html
        ]
        return [t for _i, t in sorted(found)]

    assert order(content) == ["月曜の投稿", "水曜の投稿", "金曜の投稿"]
    assert order(reverse_order) == ["金曜の投稿", "水曜の投稿", "月曜の投稿"]
    assert order(needs_review) == ["水曜の投稿"]
    assert order(by_org) == ["金曜の投稿"]
    assert order(overdue) == ["月曜の投稿"]
    assert 'class="eventcal-overdue"' in content
    assert "wagtail_eventcal/css/review_admin.css" in content  # overdue rows styled

    assert export["Content-Type"].startswith("text/csv")
    body = b"".join(export.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert len(rows[0]) == 10  # headings, in the reviewer's language
    assert [row[0] for row in rows[1:]] == ["月曜の投稿", "水曜の投稿", "金曜の投稿"]
    assert rows[2][4] in ("Needs review", "要確認")
    assert rows[1][7] == "2026-11-19"


def test_reports_are_for_reviewers_only(client, cast, three_open):
    client.force_login(cast.submitter)
    for name in ("eventcal_review:open", "eventcal_review:turnaround"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and response["Location"] == "/admin/"
    content = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="eventcal-open-submissions-section"' not in content
    assert 'id="eventcal-my-submissions-section"' in content


def test_turnaround_report(client, cast, django_capture_on_commit_callbacks):
    client.force_login(cast.reviewer)
    # Received Wed 25 Nov, returned Mon 30 Nov: 3 business days (Thu, Fri, Mon).
    event = submit(cast, jst(2026, 11, 25, 10, 0))
    with time_machine.travel(jst(2026, 11, 30, 10, 0), tick=False):
        workflow_action(client, event, "return", comment="直してください")
    # Resubmitted Fri 4 Dec, published the same day: 0 business days.
    with time_machine.travel(jst(2026, 12, 4, 9, 0), tick=False):
        EventPage.objects.get(pk=event.pk).current_workflow_state.resume(cast.submitter)
    with time_machine.travel(jst(2026, 12, 4, 17, 0), tick=False):
        workflow_action(client, event, "approve")
    assert EventPage.objects.get(pk=event.pk).live
    with time_machine.travel(jst(2026, 12, 10, 9, 0), tick=False):
        content = client.get(reverse("eventcal_review:turnaround")).content.decode()
    assert "<svg" in content and "</svg>" in content
    table = content[content.index("data-turnaround-table") :]
    assert "2026-11" in table and "2026-12" in table
    assert "2026-11 中央値: 3" in content and "2026-12 中央値: 0" in content  # admin language


def test_submitter_sees_status_comments_and_the_secretariat(client, cast):
    event = submit(cast, jst(2026, 11, 25, 10, 0), title="私の投稿")
    client.force_login(cast.reviewer)
    workflow_action(client, event, "return", comment="会場名を入れてください")
    other = make_user("other_submitter", groups=[cast.submitters])

    client.force_login(cast.submitter)
    content = client.get(reverse("eventcal_review:mine")).content.decode()
    assert "私の投稿" in content and "会場名を入れてください" in content
    assert "OpenforProfessionals@jetro.go.jp" in content and "03-3582-4941" in content
    status = rows_of(content, "data-status")
    assert len(status) == 1

    client.force_login(other)
    content = client.get(reverse("eventcal_review:mine")).content.decode()
    assert "私の投稿" not in content and "会場名を入れてください" not in content

    with override_settings(
        EVENTCAL_SECRETARIAT={
            "name_ja": "事務局",
            "name_en": "Secretariat",
            "email": "desk@example.org",
            "phone": "000",
        }
    ):
        client.force_login(cast.submitter)
        assert "desk@example.org" in client.get(reverse("eventcal_review:mine")).content.decode()


def test_overdue_reminders_once_a_day(cast, three_open, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with time_machine.travel(jst(2026, 11, 24, 7, 0), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("eventcal_remind_overdue")
        with django_capture_on_commit_callbacks(execute=True):
            call_command("eventcal_remind_overdue")  # cron ran twice: nothing new
    assert [m.subject.split(" / ")[0] for m in mail.outbox] == ["【期限超過】月曜の投稿"]
    assert mail.outbox[0].to == ["reviewer@example.org"]
    with time_machine.travel(jst(2026, 11, 25, 7, 0), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("eventcal_remind_overdue")
    # Wed 25: Monday's is still overdue, Wednesday's (due Tue 24) is now too.
    assert len(mail.outbox) == 3


class _Handler(BaseHTTPRequestHandler):
    def do_HEAD(self):  # noqa: N802
        self.send_response(200 if self.path == "/ok" else 404)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server():
    with serving(_Handler) as url:
        yield url


@override_settings(
    EVENTCAL_URL_CHECK_ENABLED=True,
    EVENTCAL_URL_CHECK_TIMEOUT=2,
    EVENTCAL_URL_CHECK_ALLOWED_HOSTS=["127.0.0.1"],  # the local test server
)
def test_detail_url_is_checked_in_the_background(
    client, cast, local_server, django_capture_on_commit_callbacks
):
    event = make_event(cast.calendar, organizations=[cast.ministry], publish=False)
    client.force_login(cast.submitter)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_edit(client, event, None, detail_url=f"{local_server}/ok")
    assert response.status_code == 302
    check = DetailUrlCheck.objects.get(page_id=event.pk)
    assert check.is_reachable and check.status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        post_edit(client, event, "action-submit", detail_url=f"{local_server}/missing")
    latest = DetailUrlCheck.objects.filter(page_id=event.pk).first()
    assert latest.status_code == 404 and not latest.is_reachable

    client.force_login(cast.reviewer)
    content = client.get(edit_url(event)).content.decode()
    assert 'data-eventcal-url-check="failed"' in content and "HTTP 404" in content
    assert 'data-reason="detail_url_unreachable"' in content
    listing = client.get(reverse("eventcal_review:open")).content.decode()
    assert 'data-verdict="needs_review"' in listing or "needs_review" in listing


@override_settings(
    EVENTCAL_URL_CHECK_ENABLED=True,
    EVENTCAL_URL_CHECK_TIMEOUT=2,
    EVENTCAL_URL_CHECK_ALLOWED_HOSTS=["127.0.0.1"],  # the local test server
)
def test_an_unreachable_host_never_blocks_saving(
    client, cast, local_server, django_capture_on_commit_callbacks
):
    event = make_event(cast.calendar, organizations=[cast.ministry], publish=False)
    client.force_login(cast.submitter)
    closed_port = "http://127.0.0.1:9/"  # discard port: connection refused
    with django_capture_on_commit_callbacks(execute=True):
        response = post_edit(client, event, None, detail_url=closed_port)
    assert response.status_code == 302
    page = EventPage.objects.get(pk=event.pk)
    assert page.get_latest_revision_as_object().detail_url == closed_port
    check = DetailUrlCheck.objects.get(page_id=event.pk)
    assert check.status_code is None and check.error


def test_edit_view_shows_the_verdict(client, cast):
    foundation = make_organization(body_types=("public_interest_foundation",))
    event = make_event(
        cast.calendar, organizations=[foundation], publish=False, owner=cast.submitter
    )
    client.force_login(cast.submitter)
    content = client.get(edit_url(event)).content.decode()
    assert 'data-eventcal-verdict="ineligible"' in content
    assert 'data-reason="no_public_body"' in content


def test_every_calendar_gets_the_review_workflow_and_setup_is_idempotent(calendar):
    home = calendar.get_parent()
    second = make_calendar(parent=home, slug="events-2")
    assert WorkflowPage.objects.filter(page__in=[calendar, second]).count() == 2
    assert second.get_workflow().name == "事務局審査 / Secretariat review"
    setup_review()
    counts = (Group.objects.count(), WorkflowPage.objects.count())
    setup_review()
    assert (Group.objects.count(), WorkflowPage.objects.count()) == counts
    reviewers = Group.objects.get(name="Event reviewers")
    codenames = set(
        reviewers.page_permissions.filter(page=calendar).values_list(
            "permission__codename", flat=True
        )
    )
    assert {"add_page", "change_page", "publish_page"} <= codenames
    submitters = Group.objects.get(name="Event submitters")
    assert "publish_page" not in set(
        submitters.page_permissions.values_list("permission__codename", flat=True)
    )


def test_live_verdict_of_the_form_being_edited(client, cast, time_machine):
    time_machine.move_to(jst(2026, 11, 26, 9, 0), tick=False)
    foundation = make_organization(body_types=("general_foundation",))
    url = reverse("eventcal_review:verdict")
    form = {
        "participations-TOTAL_FORMS": "2",
        "participations-0-organization": str(foundation.pk),
        "participations-0-role": "organizer",
        "participations-1-organization": str(cast.ministry.pk),
        "participations-1-role": "supporter",
        "participations-1-DELETE": "on",
        "detail_url": "https://example.org/e",
        "start": "2026-12-01 10:00",
        "end": "2026-12-01 12:00",
        "residence_audiences": ["engineer_specialist"],
    }
    client.force_login(cast.submitter)
    content = client.post(url, form).content.decode()
    assert 'data-eventcal-verdict="ineligible"' in content
    assert 'data-reason="no_public_body"' in content

    form.pop("participations-1-DELETE")  # the ministry supports it after all
    assert 'data-eventcal-verdict="eligible"' in client.post(url, form).content.decode()

    form.update(end="2026-12-31 12:00", residence_audiences=["specified_skilled_worker"])
    content = client.post(url, form).content.decode()
    assert 'data-reason="long_duration"' in content
    assert 'data-reason="specified_skilled_worker"' in content

    form.update(detail_url="", start="not a date", **{"participations-TOTAL_FORMS": "x"})
    content = client.post(url, form).content.decode()
    assert 'data-reason="no_detail_url"' in content and 'data-reason="no_public_body"' in content

    # The edit form carries the live verdict and its script.
    event = make_event(cast.calendar, organizations=[cast.ministry], publish=False)
    page = client.get(edit_url(event)).content.decode()
    assert f'data-url="{url}"' in page and "review_status.js" in page


def test_report_survives_bad_query_parameters(client, cast, three_open):
    client.force_login(cast.reviewer)
    url = reverse("eventcal_review:open")
    for params in (
        {"organization": "abc"},
        {"organization": "999999"},
        {"verdict_status": "nonsense"},
        {"overdue": "maybe"},
        {"ordering": "password"},
        {"p": "9999"},
        {"export": "pdf"},
    ):
        response = client.get(url, params)
        assert response.status_code in (200, 404), (params, response.status_code)


@pytest.mark.parametrize("where", ["dashboard", "my submissions"])
def test_submitters_see_the_overdue_mark_too(client, cast, three_open, where):
    """On Tue 24 Nov the Monday submission (due Thu 19) is 3 business days
    late: its submitter sees it, as the reviewers do."""
    from tests.admin_screens import set_admin_language

    set_admin_language(cast.submitter, "en")
    client.force_login(cast.submitter)
    url = reverse("wagtailadmin_home" if where == "dashboard" else "eventcal_review:mine")
    with time_machine.travel(jst(2026, 11, 24, 9, 0), tick=False):
        content = client.get(url).content.decode()
    marks = re.findall(r"data-overdue-label>(.*?)</span>", content)
    assert marks == ["Overdue (2 business days)"], marks
    row = next(line for line in content.split("<tr") if "data-overdue-label" in line)
    assert f">{three_open[0].title_en}<" in row

"""The admin import: preview with verdicts, errors and duplicates, drafts in
the submitter's organization (never published), re-import updates them,
proxies never import."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import make_delegation, make_event, make_user
from wagtail_eventcal.models import EventPage, ImportedEvent

from .conftest import sample

URL = "/admin/eventcal/import/"


def preview(client, cast, name, **extra):
    upload = extra.pop("file", None) or SimpleUploadedFile(name, sample(name))
    data = {
        "calendar": cast.calendar.pk,
        "organization": cast.ministry.pk,
        "role": "organizer",
        "category": "seminar",
        "prefecture": "",
        "file": upload,
        "preview": "1",
        **extra,
    }
    return client.post(URL, data)


def confirm(client, response):
    form = response.context["form"]
    data = {name: form.data.get(name, "") for name in form.fields if name != "file"}
    data["confirm"] = "1"
    return client.post(URL, data)


def test_menu_and_form_for_a_submitter(client, cast, proxy):
    client.force_login(cast.submitter)
    response = client.get(URL)
    assert response.status_code == 200
    assert b'name="file"' in response.content
    assert reverse("wagtail_eventcal_exchange:import") == URL
    assert URL in client.get("/admin/").content.decode()
    for other in (cast.reviewer, proxy):
        client.force_login(other)
        assert URL not in client.get("/admin/").content.decode()


def test_preview_shows_values_verdict_errors_and_the_duplicate(client, cast, forum):
    client.force_login(cast.submitter)
    response = preview(client, cast, "events.csv")
    assert response.status_code == 200
    rows = {row.line: row for row in response.context["rows"]}
    # NO 5 (a date that does not exist) and NO 7 (hour 25) cannot be drafts;
    # NO 6 lacks its detail page, which only a submission needs.
    assert [rows[n].action for n in sorted(rows)] == [
        "create",
        "create",
        "create",
        "create",
        "skip",
        "create",
        "skip",
    ]
    # Open data says nothing of residence statuses: the submitter chooses
    # them before submitting (posting rule 1), the only thing the row lacks.
    assert rows[2].verdict.codes == ["no_audience"]
    # Blank 料金(基本) is an unknown fee, not a free event; the audience is
    # for the submitter to choose.
    assert [str(label) for label in rows[9].lacks] == [
        "詳細・申込URL",
        "主な対象の在留資格",
        "参加費（日本語）",
    ]
    html = response.content.decode()
    assert "外国人材向けIT企業合同説明会" in html
    assert "2027/13/40" in html
    # The duplicate: the forum of 大阪府 (published, so its title and link show).
    duplicate = rows[7]
    assert [event.pk for _s, event in duplicate.duplicates] == [forum.pk]
    assert "高度外国人材 就職フォーラム2027" in html and "大阪府" in html
    assert EventPage.objects.count() == 1  # a preview creates nothing


def test_confirm_creates_drafts_of_the_good_rows_in_the_organization(client, cast):
    client.force_login(cast.submitter)
    response = confirm(client, preview(client, cast, "events_sjis.csv"))
    assert response.status_code == 302
    drafts = EventPage.objects.order_by("start")
    assert drafts.count() == 5  # NO 6 lacks its detail page: a draft all the same
    for draft in drafts:
        assert not draft.live and draft.get_parent().pk == cast.calendar.pk
        assert draft.owner == cast.submitter
        assert [p.organization for p in draft.participations.all()] == [cast.ministry]
        assert draft.latest_revision is not None
    assert set(ImportedEvent.objects.values_list("key", flat=True)) == {
        "csv:130001:1",
        "csv:130001:2",
        "csv:130001:3",
        "csv:130001:4",
        "csv:130001:6",
    }


def test_reimport_updates_the_drafts_it_created(client, cast):
    client.force_login(cast.submitter)
    confirm(client, preview(client, cast, "events.csv"))
    text = (
        sample("events.csv")
        .decode("utf-8-sig")
        .replace("外国人材向けIT企業合同説明会", "外国人材向けIT企業合同説明会（改）")
    )
    data = "\ufeff" + text
    response = preview(
        client, cast, "events.csv", file=SimpleUploadedFile("events.csv", data.encode("utf-8"))
    )
    assert [r.action for r in response.context["rows"]][:4] == ["update"] * 4
    confirm(client, response)
    assert EventPage.objects.count() == 5
    page = ImportedEvent.objects.get(key="csv:130001:1").page
    assert page.get_latest_revision_as_object().title == "外国人材向けIT企業合同説明会（改）"


def test_ics_upload(client, cast):
    client.force_login(cast.submitter)
    response = confirm(client, preview(client, cast, "events.ics"))
    assert response.status_code == 302
    assert sorted(EventPage.objects.values_list("title", flat=True)) == [
        "外国人材就職フェア（2日間）",
        "高度外国人材キャリアセミナー",
    ]


def test_proxy_never_imports(client, cast, proxy):
    event = make_event(cast.calendar, organizations=[cast.ministry], publish=False)
    make_delegation(event, proxy, cast.submitter, cast.ministry)
    client.force_login(proxy)
    # The import view is outside the proxy's allow-list: AdminAccessMiddleware answers 403.
    assert client.get(URL).status_code == 403
    response = preview(client, cast, "events.ics")
    assert response.status_code == 403
    assert EventPage.objects.count() == 1


def test_reviewer_without_organization_cannot_import(client, cast):
    client.force_login(cast.reviewer)
    assert client.get(URL)["Location"] == "/admin/"


def test_an_organization_not_ones_own_is_refused(client, cast):
    from tests.factories import make_organization

    other = make_organization()
    client.force_login(cast.submitter)
    response = preview(client, cast, "events.csv", organization=other.pk)
    assert "rows" not in response.context or response.context.get("rows") is None
    assert response.context["form"].errors["organization"]


def test_reimport_leaves_a_draft_merged_into_another_event_alone(client, cast):
    """A draft the secretariat merged into another event (issue 15, item 2)
    is withdrawn: a re-import skips it with the reason instead of changing it."""
    from wagtail_eventcal.models import EventMerge

    client.force_login(cast.submitter)
    confirm(client, preview(client, cast, "events.csv"))
    withdrawn = ImportedEvent.objects.get(key="csv:130001:1").page
    kept = make_event(cast.calendar, organizations=[cast.ministry])
    EventMerge.objects.create(kept=kept, withdrawn=withdrawn)
    response = preview(client, cast, "events.csv")
    (row,) = [r for r in response.context["rows"] if r.key == "csv:130001:1"]
    assert row.action == "skip"
    reason = "事務局がこのイベントを別のイベントに統合し、取り下げました。"
    assert reason in response.content.decode()
    revisions = withdrawn.revisions.count()
    confirm(client, response)
    assert withdrawn.revisions.count() == revisions


def test_an_incomplete_import_is_a_draft_that_cannot_be_submitted_until_completed(
    client, cast, time_machine
):
    """No detail page, no category, no audience, an unknown fee: the draft is made, the
    preview and its edit form list what is missing, and submission is
    refused until it is filled in."""
    from tests.factories import jst
    from tests.review_helpers import post_edit

    from .ics_helpers import calendar

    time_machine.move_to(jst(2026, 12, 1, 9, 0))
    data = calendar(
        (
            "UID:incomplete@example.org",
            "SUMMARY:外国人材の会",
            "DTSTART;TZID=Asia/Tokyo:20270120T140000",
            "DTEND;TZID=Asia/Tokyo:20270120T160000",
            "LOCATION:〒100-0013 千代田区霞が関1-3-1",
        )
    )
    client.force_login(cast.submitter)
    response = preview(client, cast, "x.ics", category="", file=SimpleUploadedFile("x.ics", data))
    (row,) = response.context["rows"]
    assert row.action == "create"
    assert [str(label) for label in row.lacks] == [
        "詳細・申込URL",
        "カテゴリー",
        "主な対象の在留資格",
        "参加費（日本語）",
    ]
    confirm(client, response)
    draft = ImportedEvent.objects.get(key="ics:incomplete@example.org").page
    assert draft.prefecture == "tokyo" and draft.category == "" and draft.detail_url == ""

    edit = client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])).content.decode()
    assert "data-eventcal-missing-for-submission" in edit
    assert "詳細・申込URL" in edit

    refused = post_edit(client, draft, "action-submit")
    assert refused.status_code == 200
    draft.refresh_from_db()
    assert not draft.workflow_in_progress

    completed = post_edit(
        client,
        draft,
        "action-submit",
        detail_url="https://example.org/kai",
        category="networking",
        residence_audiences=["engineer_specialist"],
        fee_ja="1,000円",
    )
    assert completed.status_code == 302
    draft.refresh_from_db()
    assert draft.workflow_in_progress
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])).content.decode()
    assert "data-eventcal-missing-for-submission" not in edit


def test_a_300_character_uid_creates_its_draft_and_updates_it_again(client, cast):
    """The key column holds 255 characters: a longer UID is hashed, so
    "Create drafts" works (PostgreSQL refused the row before) and a
    re-import finds the same draft."""
    from .ics_helpers import GOOD, calendar

    data = calendar(("UID:" + "u" * 300 + "@example.org",) + GOOD[1:])
    client.force_login(cast.submitter)
    for action in ("create", "update"):
        response = preview(client, cast, "x.ics", file=SimpleUploadedFile("x.ics", data))
        (row,) = response.context["rows"]
        assert row.action == action
        assert confirm(client, response).status_code == 302
    (imported,) = ImportedEvent.objects.all()
    assert len(imported.key) <= 255 and imported.page.title == "留学生向け就職セミナー"


def test_a_large_file_creates_its_drafts_in_the_background_with_progress(
    client, cast, settings, django_capture_on_commit_callbacks
):
    """Over IMPORT_BACKGROUND_ROWS drafts: "Create drafts" stores the file
    and enqueues a task (run at once by the test's Immediate backend); the
    job page shows the progress bar, reloads itself while running, and the
    summary when done. Only the submitter who started it sees it."""
    from wagtail_eventcal.models import ImportJob

    settings.EVENTCAL_IMPORT_BACKGROUND_ROWS = 2
    client.force_login(cast.submitter)
    response = preview(client, cast, "events.csv")
    with django_capture_on_commit_callbacks(execute=True):
        started = confirm(client, response)
    job = ImportJob.objects.get()
    assert started["Location"] == f"/admin/eventcal/import/jobs/{job.pk}/"
    assert (job.status, job.total, job.done, job.created_count) == ("done", 5, 5, 5)
    assert bytes(job.payload) == b""  # the file is not kept once done
    assert EventPage.objects.filter(live=False).count() == 5
    page = client.get(started["Location"]).content.decode()
    assert 'value="5"' in page and 'max="5"' in page and 'http-equiv="refresh"' not in page
    assert "5件の下書きを作成" in page

    ImportJob.objects.filter(pk=job.pk).update(status="running", done=2)
    running = client.get(started["Location"]).content.decode()
    assert 'value="2"' in running and 'http-equiv="refresh"' in running

    other = make_user("other-submitter", groups=[cast.submitters])
    cast.ministry.members.add(other)
    client.force_login(other)
    assert client.get(started["Location"]).status_code == 404

"""The admin import: preview with verdicts, errors and duplicates, drafts in
the submitter's organization (never published), re-import updates them,
proxies never import."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import make_delegation, make_event
from wagtail_eventcal.models import EventPage, ImportedEvent

from .conftest import sample

URL = "/admin/eventcal/import/"


def preview(client, cast, name, **extra):
    data = {
        "calendar": cast.calendar.pk,
        "organization": cast.ministry.pk,
        "role": "organizer",
        "category": "seminar",
        "prefecture": "",
        "file": SimpleUploadedFile(name, sample(name)),
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
    assert [rows[n].action for n in sorted(rows)] == [
        "create",
        "create",
        "create",
        "create",
        "skip",
        "skip",
        "skip",
    ]
    # Open data says nothing of residence statuses: the submitter chooses
    # them before submitting (posting rule 1), the only thing the row lacks.
    assert rows[2].verdict.codes == ["no_audience"]
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
    assert drafts.count() == 4
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
    assert EventPage.objects.count() == 4
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

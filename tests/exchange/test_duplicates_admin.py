"""Duplicates at save and at submission, and the reviewers' side-by-side view."""

import pytest
from django.contrib.messages import get_messages
from wagtail.models import WorkflowState

from tests.factories import jst, make_event, make_organization
from tests.review_helpers import post_edit

DUPLICATES = "/admin/eventcal/import/duplicates/{}/"


def copy_of(calendar, forum, organization, **kwargs):
    """The same forum entered again by another body (full-width digits, a
    changed start time, the detail URL over http)."""
    values = {
        "title": "高度外国人材　就職フォーラム２０２７",
        "title_en": "",
        "start": jst(2027, 2, 10, 15, 0),
        "end": jst(2027, 2, 10, 17, 0),
        "venue_name_ja": "大阪国際会議場",
        "detail_url": "http://example.org/forum-2027/",
        "publish": False,
        "owner": None,
    }
    values.update(kwargs)
    return make_event(calendar, organizations=[organization], **values)


def test_warning_after_save_names_the_event_and_organization(client, cast, forum):
    draft = copy_of(cast.calendar, forum, cast.ministry, owner=cast.submitter)
    client.force_login(cast.submitter)
    response = post_edit(client, draft)
    assert response.status_code == 302
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    [warning] = [t for t in texts if "大阪府" in t]
    # Published: its title shows, linked to its public page.
    assert "高度外国人材 就職フォーラム2027" in warning and 'href="' in warning


def test_an_unpublished_duplicate_keeps_its_title_hidden(client, cast, calendar):
    osaka = make_organization(name_ja="大阪府", body_types=("local_government",))
    other = copy_of(calendar, None, osaka, title="秘密の下書きフォーラム2027")
    draft = copy_of(
        calendar, None, cast.ministry, title="秘密の下書きフォーラム2027", owner=cast.submitter
    )
    client.force_login(cast.submitter)
    response = post_edit(client, draft)
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    [warning] = [t for t in texts if "大阪府" in t]
    assert "秘密の下書きフォーラム2027" not in warning
    assert f"/admin/pages/{other.pk}/" not in warning


def test_submission_needs_a_reason_then_goes_through(client, cast, forum):
    draft = copy_of(cast.calendar, forum, cast.ministry, owner=cast.submitter)
    client.force_login(cast.submitter)
    refused = post_edit(client, draft, "action-submit")
    assert refused.status_code == 200
    errors = refused.context["form"].errors["duplicate_reason"]
    assert "大阪府" in errors[0]
    assert not WorkflowState.objects.filter(object_id=str(draft.pk)).exists()
    accepted = post_edit(client, draft, "action-submit", duplicate_reason="別会場の追加開催です。")
    assert accepted.status_code == 302
    assert WorkflowState.objects.get(object_id=str(draft.pk)).status == "in_progress"


def test_a_distinct_event_submits_without_a_reason(client, cast, forum):
    draft = make_event(
        cast.calendar,
        organizations=[cast.ministry],
        publish=False,
        owner=cast.submitter,
        title="別のセミナー",
        start=jst(2027, 2, 10, 15, 0),
        end=jst(2027, 2, 10, 17, 0),
        detail_url="https://example.org/other",
    )
    client.force_login(cast.submitter)
    assert post_edit(client, draft, "action-submit").status_code == 302


def test_reviewer_sees_the_pair_side_by_side(client, cast, forum):
    draft = copy_of(cast.calendar, forum, cast.ministry, duplicate_reason="別会場です。")
    client.force_login(cast.reviewer)
    response = client.get(DUPLICATES.format(draft.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "高度外国人材　就職フォーラム２０２７" in html and "高度外国人材 就職フォーラム2027" in html
    )
    assert "別会場です。" in html
    rows = response.context["pairs"][0]["rows"]  # in views.COMPARED order
    assert rows[0]["differs"] and rows[6]["differs"]  # title, detail URL
    assert not rows[4]["differs"]  # venue
    # The button on the edit page leads there.
    edit = client.get(f"/admin/pages/{draft.pk}/edit/")
    assert DUPLICATES.format(draft.pk) in edit.content.decode()


def test_submitters_cannot_open_the_side_by_side_view(client, cast, forum):
    draft = copy_of(cast.calendar, forum, cast.ministry, owner=cast.submitter)
    client.force_login(cast.submitter)
    assert client.get(DUPLICATES.format(draft.pk))["Location"] == "/admin/"


@pytest.mark.parametrize(
    "language, start, same",
    [
        ("ja", "<td>2027年2月10日 15:00</td>", "両方で同じ項目：終了、会場"),
        ("en", "<td>10 Feb 2027, 15:00</td>", "The same in both: End, Venue"),
    ],
)
def test_the_pair_uses_the_admins_date_format_and_says_what_matched(
    client, cast, forum, language, start, same
):
    from tests.admin_screens import set_admin_language

    draft = copy_of(cast.calendar, forum, cast.ministry)
    set_admin_language(cast.reviewer, language)
    client.force_login(cast.reviewer)
    html = client.get(DUPLICATES.format(draft.pk)).content.decode()
    assert start in html
    assert "p.m." not in html and "Feb." not in html
    said = html.split("data-eventcal-same>", 1)[1].split("</p>", 1)[0]
    assert said == same

"""Preview in a separate front-end: the admin's "Front-end" mode hands a
short-lived, single-page token to the front-end, and the API answers the
previewed content for that token only."""

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_delegation, make_event, make_user
from tests.review_helpers import Cast, browser_post_data, edit_url, post_edit
from wagtail_eventcal.models import EventPage, PreviewToken

FRONTEND = "https://front.example/preview"


@pytest.fixture
def cast(calendar, settings):
    settings.EVENTCAL_HEADLESS_PREVIEW_URL = FRONTEND
    cast = Cast(calendar)
    cast.draft = make_event(
        calendar, organizations=[cast.ministry], publish=False, title="下書きのイベント"
    )
    cast.other = make_event(calendar, organizations=[cast.ministry], publish=False)
    return cast


def preview_on_edit(client, page, **overrides):
    """What the admin's preview panel does: POST the form, GET the mode."""
    form = client.get(edit_url(page)).context["form"]
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    assert client.post(url, browser_post_data(form, overrides)).json()["is_valid"]
    return client.get(url, {"mode": "frontend"})


def token_of(response):
    assert response.status_code == 302, response.status_code
    location = response["Location"]
    assert location.startswith(FRONTEND + "?")
    query = parse_qs(urlsplit(location).query)
    return query["preview"][0], int(query["id"][0]), query["lang"][0]


def api(client, page_id, **params):
    return client.get(f"/api/v2/preview/{page_id}/", params)


def test_the_front_end_reads_exactly_what_was_previewed(client, cast):
    client.force_login(cast.submitter)
    response = preview_on_edit(client, cast.draft, title="未保存の題名", title_en="Unsaved title")
    token, page_id, _lang = token_of(response)
    assert page_id == cast.draft.pk
    client.logout()  # the front-end has no admin session
    answer = api(client, page_id, token=token, lang="en")
    assert answer.status_code == 200
    assert answer.json()["title"] == "Unsaved title"
    assert answer["Cache-Control"] == "private, no-store"
    assert api(client, page_id, token=token, lang="ja").json()["title"] == "未保存の題名"
    # Nothing was saved, and the public API still knows no draft.
    assert EventPage.objects.get(pk=cast.draft.pk).title == "下書きのイベント"
    assert client.get(f"/api/v2/events/{page_id}/").status_code == 404


def test_no_wrong_expired_or_other_pages_token_shows_the_draft(client, cast, time_machine):
    client.force_login(cast.submitter)
    token, page_id, _lang = token_of(preview_on_edit(client, cast.draft))
    client.logout()
    refused = [
        api(client, page_id),
        api(client, page_id, token=""),
        api(client, page_id, token=token[:-1] + ("A" if token[-1] != "A" else "B")),
        api(client, cast.other.pk, token=token),  # a token is for one page
        api(client, 99999999, token=token),
    ]
    time_machine.move_to(timezone.now() + timedelta(minutes=11))
    refused.append(api(client, page_id, token=token))  # expired
    for response in refused:
        assert response.status_code == 404
        assert "下書き" not in response.content.decode()


def test_only_a_digest_of_the_token_is_stored(client, cast):
    client.force_login(cast.submitter)
    token, _page_id, _lang = token_of(preview_on_edit(client, cast.draft))
    stored = PreviewToken.objects.get()
    assert token not in stored.digest and len(stored.digest) == 64


def test_reviewer_previews_the_revision_under_review(client, cast):
    client.force_login(cast.submitter)
    assert post_edit(client, cast.draft, "action-submit", title="審査中の題名").status_code == 302
    client.force_login(cast.reviewer)
    response = client.get(
        reverse("wagtailadmin_pages:view_draft", args=[cast.draft.pk]), {"mode": "frontend"}
    )
    token, page_id, _lang = token_of(response)
    page = EventPage.objects.get(pk=page_id)
    stored = PreviewToken.objects.get()
    assert stored.revision_id == page.latest_revision_id
    assert api(client, page_id, token=token, lang="ja").json()["title"] == "審査中の題名"


def test_a_proxy_previews_its_one_event_only(client, cast):
    proxy = make_user("contractor")
    make_delegation(cast.draft, proxy, cast.submitter, cast.ministry)
    client.force_login(proxy)
    token, page_id, _lang = token_of(preview_on_edit(client, cast.draft))
    assert api(client, page_id, token=token).status_code == 200
    response = client.get(
        reverse("wagtailadmin_pages:view_draft", args=[cast.other.pk]), {"mode": "frontend"}
    )
    assert response.status_code in (302, 403)
    assert not response.get("Location", "").startswith(FRONTEND)
    assert PreviewToken.objects.filter(page=cast.other).count() == 0


def test_without_a_front_end_the_mode_is_not_offered(client, cast, settings):
    settings.EVENTCAL_HEADLESS_PREVIEW_URL = None
    assert [mode for mode, _label in cast.draft.preview_modes] == [""]
    client.force_login(cast.submitter)
    response = client.get(
        reverse("wagtailadmin_pages:view_draft", args=[cast.draft.pk]), {"mode": "frontend"}
    )
    assert not response.get("Location", "").startswith(FRONTEND)
    assert not PreviewToken.objects.exists()

"""New events get short ASCII slugs; existing URLs keep working (issue 14)."""

import pytest

from tests.factories import make_event
from tests.review_helpers import Cast, add_url, create_post_data
from wagtail_eventcal.models import EventPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(calendar):
    return Cast(calendar)


def create(client, cast, **fields):
    # The admin's script fills the slug from the Japanese title.
    data = create_post_data(client, cast, cast.ministry, slug=fields.get("title", ""), **fields)
    response = client.post(add_url(cast.calendar), data)
    assert response.status_code == 302, response.context["form"].errors
    return EventPage.objects.latest("pk")


def test_new_event_slug_comes_from_the_english_title(client, cast):
    client.force_login(cast.submitter)
    event = create(
        client,
        cast,
        title="高度外国人材向け合同企業説明会",
        title_en="Joint Job Fair for Professionals",
    )
    assert event.slug == "joint-job-fair-for-professionals"


def test_without_english_title_the_slug_comes_from_the_date_and_is_unique(client, cast):
    client.force_login(cast.submitter)
    first = create(client, cast, title="説明会", title_en="")
    second = create(client, cast, title="説明会その二", title_en="")
    assert first.slug == "event-20261210"
    assert second.slug == "event-20261210-2"


def test_existing_japanese_slug_keeps_its_url(client, cast):
    event = make_event(cast.calendar, slug="既存のイベント", title="既存のイベント")
    response = client.get(event.url)
    assert response.status_code == 200
    assert "既存のイベント" in response.content.decode()
    client.force_login(cast.reviewer)
    from tests.review_helpers import post_edit

    post_edit(client, event, None, summary_ja="更新")
    assert EventPage.objects.get(pk=event.pk).slug == "既存のイベント"

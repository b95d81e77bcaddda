"""A reviewer previews a pending submission in the example front-end
(example_site/home/static/frontend/), which reads only the JSON API."""

import pytest
from playwright.sync_api import expect

from tests.factories import make_calendar, make_event
from tests.review_helpers import Cast

from .helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reviewer_previews_a_submission_in_the_front_end(open_page):
    calendar = make_calendar()
    cast = Cast(calendar)
    published = make_event(calendar, title="公開済みのイベント", title_en="Published event")
    pending = make_event(
        calendar,
        organizations=[cast.ministry],
        publish=False,
        title="審査待ちのイベント",
        title_en="Pending event",
    )
    pending.get_workflow().start(pending, cast.submitter)

    page = log_in(open_page(), "reviewer")
    page.goto(f"/admin/pages/{pending.pk}/view_draft/?mode=frontend")
    page.wait_for_url("**/static/frontend/index.html?preview=*")
    # In the reviewer's admin language (English by default).
    expect(page.get_by_role("heading", level=1)).to_have_text("Pending event")
    expect(page.get_by_text("Preview (not published)")).to_be_visible()
    page.goto(page.url.replace("lang=en", "lang=ja"))
    expect(page.get_by_role("heading", level=1)).to_have_text("審査待ちのイベント")

    # The same front-end without the token: the public list, no draft in it.
    page.goto("/static/frontend/index.html?lang=en")
    expect(page.get_by_role("link", name="Published event")).to_be_visible()
    expect(page.get_by_text("Pending event")).to_have_count(0)
    # A made-up token shows the front-end's "not found", never the draft.
    page.goto(f"/static/frontend/index.html?preview=made-up&id={pending.pk}&lang=en")
    expect(page.get_by_text("Not found")).to_be_visible()
    assert published.live

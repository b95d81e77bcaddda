"""A shared cache outlives the database's publication counter going back (a
database restored from a backup, a promoted replica that lagged behind the
primary): what was kept at the lost counter values is never served for the
same values reached again."""

from datetime import timedelta

import pytest
from django.db import transaction

from tests.factories import jst, make_event, publish_edit
from wagtail_eventcal.feeds import publication
from wagtail_eventcal.models import EventPage

pytestmark = pytest.mark.django_db


def test_output_kept_at_a_lost_counter_value_is_not_served_again(client, calendar, time_machine):
    time_machine.move_to(jst(2026, 12, 1, 9, 0), tick=False)
    event = make_event(calendar, title_en="Before", slug="talk", start=jst(2026, 12, 3, 10))
    urls = [
        "/en/events/feed.ics",
        "/en/events/feed.rss",
        "/en/events/talk.ics",
        "/ja/events/opendata.csv",
        f"/api/v2/events/{event.pk}/",
        "/api/v2/events/",
    ]

    lost = transaction.savepoint()
    publish_edit(event, title_en="Lost title")
    lost_token = publication.current().token
    for url in urls:
        assert b"Lost title" in client.get(url).content, url
    transaction.savepoint_rollback(lost)  # the primary's last transactions are gone

    time_machine.shift(timedelta(minutes=5))
    publish_edit(EventPage.objects.get(pk=event.pk), title_en="Kept title")
    assert publication.current().token == lost_token
    for url in urls:
        body = client.get(url).content
        assert b"Kept title" in body and b"Lost title" not in body, url

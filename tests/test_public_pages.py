import pytest

from .factories import jst, make_event

pytestmark = pytest.mark.django_db


def test_calendar_lists_upcoming_events_in_both_languages(client, calendar, time_machine):
    time_machine.move_to(jst(2026, 12, 1, 9, 0))
    make_event(calendar, title="日本語の題", title_en="English title")
    ja = client.get("/ja/events/")
    en = client.get("/en/events/")
    assert ja.status_code == en.status_code == 200
    assert "日本語の題" in ja.content.decode()
    assert "English title" in en.content.decode()
    assert '<html lang="en">' in en.content.decode()

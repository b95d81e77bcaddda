import pytest
from django.core.exceptions import ValidationError

from tests.factories import jst, make_event, make_organization
from wagtail_eventcal.choices import Role
from wagtail_eventcal.models import CalendarPage, EventPage

pytestmark = pytest.mark.django_db


def errors_of(event):
    with pytest.raises(ValidationError) as info:
        event.full_clean()
    return info.value.message_dict


@pytest.fixture
def event(calendar):
    return make_event(calendar)


def test_end_before_start_is_refused(event):
    event.end = event.start.replace(hour=event.start.hour - 1)
    assert "end" in errors_of(event)


def test_deadline_after_start_is_refused(event):
    event.application_deadline = event.start.replace(day=event.start.day + 1)
    assert "application_deadline" in errors_of(event)


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "ftp://example.org/x", ""],
)
def test_detail_url_must_be_http_or_https(event, url):
    event.detail_url = url
    assert "detail_url" in errors_of(event)


def test_online_event_needs_its_url(event):
    event.event_format = "online"
    event.online_url = ""
    assert "online_url" in errors_of(event)


def test_paid_event_needs_a_fee(event):
    event.is_free = False
    event.fee_ja = ""
    assert "fee_ja" in errors_of(event)


def test_japanese_title_is_required_and_english_is_optional(event):
    event.title_en = ""
    event.full_clean()
    event.title = ""
    assert "title" in errors_of(event)


def test_validation_messages_follow_the_language(event):
    from django.utils import translation

    event.end = event.start.replace(hour=event.start.hour - 1)
    with translation.override("ja"):
        message_ja = errors_of(event)["end"][0]
    with translation.override("en"):
        message_en = errors_of(event)["end"][0]
    assert message_en == "The end must not be before the start."
    assert message_ja != message_en and "終了" in message_ja


def test_all_day_event_covers_whole_local_days(calendar):
    event = make_event(
        calendar, all_day=True, start=jst(2026, 12, 10, 15, 0), end=jst(2026, 12, 12, 9, 0)
    )
    event.full_clean()
    assert event.local_start == jst(2026, 12, 10, 0, 0)
    assert (event.local_end.date(), event.local_end.hour) == (jst(2026, 12, 12).date(), 23)
    assert len(event.covered_dates()) == 3 and event.is_multi_day


def test_participations_grouped_by_role(calendar):
    ministry, city, company = (
        make_organization(),
        make_organization(),
        make_organization(body_types=("company",)),
    )
    event = make_event(
        calendar,
        organizations=[
            (company, Role.ORGANIZER),
            (ministry, Role.SUPPORTER),
            (city, Role.SUPPORTER),
        ],
    )
    roles = event.participations_by_role()
    assert roles["organizer"] == [company]
    assert roles["supporter"] == [ministry, city]
    assert roles["co_organizer"] == []


def test_page_tree_rules():
    assert EventPage.allowed_parent_page_models() == [CalendarPage]
    assert EventPage.allowed_subpage_models() == []
    assert CalendarPage.allowed_subpage_models() == [EventPage]

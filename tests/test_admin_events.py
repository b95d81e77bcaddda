import pytest
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text
from wagtail.users.models import UserProfile

from tests.factories import make_event, make_organization
from wagtail_eventcal.models import EventPage

pytestmark = pytest.mark.django_db


def event_form(organization, **overrides):
    data = {
        "title": "留学生向け説明会",
        "slug": "briefing",
        "title_en": "Briefing for students",
        "summary_ja": "概要",
        "summary_en": "Summary",
        "description_ja": rich_text("<p>本文</p>"),
        "description_en": rich_text("<p>Body</p>"),
        "venue_name_ja": "会場",
        "venue_name_en": "Venue",
        "address_ja": "",
        "address_en": "",
        "fee_ja": "",
        "fee_en": "",
        "cancellation_note_ja": "",
        "cancellation_note_en": "",
        "start": "2026-12-10 14:00",
        "end": "2026-12-10 16:00",
        "event_format": "in_person",
        "online_url": "",
        "prefecture": "tokyo",
        "category": "briefing",
        "audience": "both",
        "is_free": "on",
        "capacity": "80",
        "application_deadline": "",
        "detail_url": "https://example.org/briefing",
        "contact_name_ja": "",
        "contact_name_en": "",
        "contact_email": "info@example.org",
        "contact_phone": "",
        "participations": inline_formset(
            [{"organization": organization.pk, "role": "organizer"}], min=1
        ),
        "comments": inline_formset([]),
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
    }
    data.update(overrides)
    # Multiple-choice values are lists, which nested_form_data would flatten.
    return nested_form_data(data) | {
        "residence_audiences": ["engineer_specialist"],
        "event_languages": ["ja", "en"],
    }


def set_admin_language(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def add_url(calendar):
    return f"/admin/pages/add/wagtail_eventcal/eventpage/{calendar.pk}/"


@pytest.mark.parametrize("language", ["ja", "en"])
def test_admin_edit_view_has_tabs_and_help_in_the_users_language(
    admin_client, superuser, calendar, language
):
    set_admin_language(superuser, language)
    response = admin_client.get(add_url(calendar))
    assert response.status_code == 200
    page = response.content.decode()
    expected = {
        "ja": [
            "日本語",
            "英語",
            "日時・場所",
            "主催者",
            "問い合わせ先",
            "投稿時点で公開されている必要があります",
        ],
        "en": [
            "Japanese",
            "English",
            "Date &amp; place",
            "Organizers",
            "Contact",
            "must already be online when you submit",
        ],
    }[language]
    for text in expected:
        assert text in page, text


def test_create_bilingual_event_through_the_admin(admin_client, calendar):
    organization = make_organization()
    response = admin_client.post(add_url(calendar), event_form(organization))
    assert response.status_code == 302, response.context["form"].errors
    event = EventPage.objects.get(slug="briefing")
    assert (event.title, event.title_en) == ("留学生向け説明会", "Briefing for students")
    assert event.local_start.hour == 14  # entered in JST
    assert event.residence_audiences == ["engineer_specialist"]
    assert [p.organization for p in event.participations.all()] == [organization]
    assert not event.live  # "save draft" is the default action


def test_english_fields_may_stay_blank(admin_client, calendar):
    organization = make_organization()
    data = event_form(
        organization, title_en="", summary_en="", description_en=rich_text(""), venue_name_en=""
    )
    response = admin_client.post(add_url(calendar), data)
    assert response.status_code == 302
    assert EventPage.objects.get(slug="briefing").title_en == ""


@pytest.mark.parametrize(
    "overrides, field, message_en",
    [
        ({"end": "2026-12-10 13:00"}, "end", "The end must not be before the start."),
        (
            {"application_deadline": "2026-12-11 09:00"},
            "application_deadline",
            "The application deadline must not be after the start of the event.",
        ),
        ({"detail_url": "javascript:alert(1)"}, "detail_url", "starts with http:// or https://"),
        ({"detail_url": "data:text/html;base64,PHNjcmlwdD4="}, "detail_url", "http://"),
        ({"title": ""}, "title", "This field is required."),
    ],
)
def test_admin_validation_errors_are_clear(
    admin_client, superuser, calendar, overrides, field, message_en
):
    set_admin_language(superuser, "en")
    response = admin_client.post(add_url(calendar), event_form(make_organization(), **overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert message_en in response.content.decode()
    assert not EventPage.objects.exists()


def test_an_event_needs_a_participating_organization(admin_client, superuser, calendar):
    set_admin_language(superuser, "ja")
    data = event_form(make_organization(), participations=inline_formset([], min=1))
    response = admin_client.post(add_url(calendar), data)
    assert response.status_code == 200
    assert not EventPage.objects.exists()
    assert "主催・共催・後援の機関を1つ以上追加してください" in response.content.decode()


def test_events_only_below_a_calendar(admin_client, calendar):
    home = Page.objects.get(depth=2)
    response = admin_client.get(f"/admin/pages/add/wagtail_eventcal/eventpage/{home.pk}/")
    assert response.status_code == 302 and response.url == "/admin/"  # with an error message
    event = make_event(calendar)
    response = admin_client.get(f"/admin/pages/{event.pk}/add_subpage/")
    assert b"eventpage" not in response.content.lower() or response.status_code in (302, 403)


def test_edit_and_publish_existing_event(admin_client, calendar):
    event = make_event(calendar, title="旧題")
    data = event_form(event.participations.first().organization, title="新題", slug=event.slug)
    data["action-publish"] = "action-publish"
    response = admin_client.post(f"/admin/pages/{event.pk}/edit/", data)
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "新題" and event.live

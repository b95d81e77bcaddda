"""One date format a language on every screen, mail and feed text of the
plugin (issue 14, item 9): the open-submissions table mixed "Nov. 15, 2026,
8:48 a.m." (Django's DATETIME_FORMAT) with "11/18/2026" (SHORT_DATE_FORMAT).
Everything goes through ``wagtail_eventcal.dates``."""

import re
from datetime import UTC, date

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags

from tests.admin_screens import World, set_admin_language
from tests.factories import jst, make_event
from wagtail_eventcal.dates import format_date, format_datetime, format_time
from wagtail_eventcal.models import WebhookDelivery, WebhookEndpoint

pytestmark = pytest.mark.django_db

MONTHS = r"(?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)"
#: The formats Django (or a hand-written pattern) printed before, in either language.
OTHER_FORMATS = {
    "Django's DATE_FORMAT / DATETIME_FORMAT (en)": rf"\b{MONTHS}[a-z]*\.? \d{{1,2}}, \d{{4}}",
    "a.m. / p.m.": r"\b[ap]\.m\.|\bnoon\b|\bmidnight\b|午前|午後",
    "SHORT_DATE_FORMAT (en)": r"\b\d{1,2}/\d{1,2}/\d{2,4}\b",
    "SHORT_DATE_FORMAT (ja)": r"\b\d{4}/\d{1,2}/\d{1,2}\b",
    "ISO date": r"\b\d{4}-\d{2}-\d{2}\b",
    "DATETIME_FORMAT (ja), no space before the time": r"\d{4}年\d{1,2}月\d{1,2}日\d",
}
#: What each language writes, and nothing else.
ONE_FORMAT = {
    "en": rf"(?<!\d)\d{{1,2}} {MONTHS} \d{{4}}(?:, \d{{2}}:\d{{2}})?",
    "ja": r"\d{4}年\d{1,2}月\d{1,2}日(?: \d{1,2}:\d{2})?",
}


def visible_text(html):
    # Attributes (a <time datetime="…">, a form's input value) are for machines.
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(strip_tags(re.sub(r"<", " <", text)).split())


def other_formats(text):
    return {
        name: re.findall(pattern, text)
        for name, pattern in OTHER_FORMATS.items()
        if re.search(pattern, text)
    }


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ("15 Nov 2026", "15 Nov 2026, 08:48", "08:48")),
        ("ja", ("2026年11月15日", "2026年11月15日 8:48", "8:48")),
    ],
)
def test_the_helpers_write_one_format_a_language_in_japan_time(language, expected):
    moment = jst(2026, 11, 15, 8, 48)
    utc = moment.astimezone(UTC)  # as the database gives it
    with translation.override(language):
        assert (format_date(utc), format_datetime(utc), format_time(utc)) == expected
        assert format_date(date(2026, 11, 15)) == expected[0]
        assert format_datetime(date(2026, 11, 15)) == expected[0]
        assert format_datetime(None) == ""


@pytest.fixture
def world(calendar, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        world = World(calendar)
    endpoint = WebhookEndpoint.objects.create(name="Front-end", url="https://hooks.example.org/")
    WebhookDelivery.objects.create(
        endpoint=endpoint, action="published", page_id=world.event.pk, body="{}"
    )
    world.published = make_event(
        calendar,
        organizations=[world.cast.ministry],
        title="公開中のセミナー",
        application_deadline=jst(2026, 12, 5, 17, 0),
    )
    return world


def admin_pages(client, world):
    """(who, URL, HTML) of the plugin's admin screens and the screens where
    it adds panels (dashboards, the edit view's review status)."""
    edit = reverse("wagtailadmin_pages:edit", args=[world.event.pk])
    extra = [
        ("reviewer", reverse("eventcal_webhooks:deliveries")),
        ("reviewer", edit),
        ("submitter", edit),
    ]
    pages = []
    for person, _name, url in [*world.dashboards(), *world.screens()]:
        pages.append((person, url))
    pages += extra
    for person, url in pages:
        client.force_login(world.people()[person])
        response = client.get(url)
        assert response.status_code == 200, (person, url)
        yield person, url, response.content.decode()


@pytest.mark.parametrize("language", ["ja", "en"])
def test_every_screen_writes_dates_in_the_one_format_of_its_language(client, world, language):
    for user in world.people().values():
        set_admin_language(user, language)
    seen = []
    for person, url, html in admin_pages(client, world):
        text = visible_text(html)
        assert not other_formats(text), (person, url, other_formats(text))
        seen += re.findall(ONE_FORMAT[language], text)
    public = [
        f"/{language}/events/",
        world.published.get_url().replace("/ja/", f"/{language}/"),
    ]
    for url in public:
        response = client.get(url)
        assert response.status_code == 200, url
        text = visible_text(response.content.decode())
        assert not other_formats(text), (url, other_formats(text))
        seen += re.findall(ONE_FORMAT[language], text)
    # The reviewer's table: received (a time) and due (a date) in one format.
    with translation.override(language):
        received = format_datetime(jst(2026, 11, 16, 10, 0))
        deadline = format_datetime(world.published.application_deadline)
    assert received in seen and deadline in seen
    assert len(seen) > 10  # the screens do show dates


def test_mails_write_dates_in_the_one_format_of_each_language(world):
    # Each review mail has both languages, the recipient's first.
    assert mail.outbox
    for message in mail.outbox:
        text = message.body
        assert not other_formats(text), (message.subject, other_formats(text))
        assert re.search(ONE_FORMAT["ja"], text) and re.search(ONE_FORMAT["en"], text), (
            message.subject
        )


@pytest.mark.parametrize(
    ("language", "when"),
    [
        ("en", "15 Jan 2027, 13:00 – 15 Jan 2027, 16:00"),
        ("ja", "2027年1月15日 13:00 – 2027年1月15日 16:00"),
    ],
)
def test_the_import_preview_writes_the_rows_dates_in_the_one_format(
    client, calendar, language, when
):
    from tests.exchange.test_import_admin import preview
    from tests.review_helpers import Cast

    cast = Cast(calendar)
    set_admin_language(cast.submitter, language)
    client.force_login(cast.submitter)
    text = visible_text(preview(client, cast, "events.csv").content.decode())
    assert when in text
    assert not re.search(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", text)

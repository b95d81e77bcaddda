import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, Site

from tests.factories import jst, make_event, make_organization
from wagtail_eventcal.choices import Role
from wagtail_eventcal.conf import get_setting

pytestmark = pytest.mark.django_db


@pytest.fixture
def now(time_machine):
    time_machine.move_to(jst(2026, 12, 1, 9, 0))
    return jst(2026, 12, 1, 9, 0)


def html(response):
    return response.content.decode()


def test_calendar_lists_upcoming_events_in_both_languages(client, calendar, now):
    make_event(calendar, title="日本語の題", title_en="English title")
    ja = client.get("/ja/events/")
    en = client.get("/en/events/")
    assert ja.status_code == en.status_code == 200
    assert "日本語の題" in html(ja) and "English title" not in html(ja)
    assert "English title" in html(en)
    assert '<html lang="ja">' in html(ja) and '<html lang="en">' in html(en)


def test_blank_english_shows_japanese_with_marker(client, calendar, now):
    event = make_event(calendar, title="和文のみ", title_en="", summary_en="")
    page = html(client.get(f"/en/events/{event.slug}/"))
    assert '<span lang="ja">和文のみ</span>' in page
    assert "Japanese only" in page
    assert "日本語のみ" not in html(client.get(f"/ja/events/{event.slug}/"))


def test_upcoming_and_archive_split_on_the_end_time(client, calendar, now):
    make_event(calendar, title="終わった", start=jst(2026, 11, 20, 10), end=jst(2026, 11, 20, 12))
    make_event(calendar, title="開催中", start=jst(2026, 11, 30, 10), end=jst(2026, 12, 2, 12))
    make_event(calendar, title="これから", start=jst(2026, 12, 20, 10))
    upcoming, archive = html(client.get("/ja/events/")), html(client.get("/ja/events/archive/"))
    assert "開催中" in upcoming and "これから" in upcoming and "終わった" not in upcoming
    assert "終わった" in archive and "これから" not in archive
    assert upcoming.index("開催中") < upcoming.index("これから")


def test_month_grid_shows_multi_month_event_on_every_day(client, calendar, now):
    event = make_event(
        calendar, title="年末年始", start=jst(2026, 12, 30, 10), end=jst(2027, 1, 2, 17)
    )
    link = f'href="/en/events/{event.slug}/"'
    december = html(client.get("/en/events/month/2026-12/"))
    january = html(client.get("/en/events/month/2027-01/"))
    # Dec 30, 31 and Jan 1, 2 are in December's last grid week (the month
    # has no list of cards below the grid since issue 17: the day views do).
    assert december.count(link) == 4
    # January's grid starts on Sunday Dec 27: all four days again.
    assert january.count(link) == 4


def test_current_month_is_the_default(client, calendar, now):
    response = client.get("/ja/events/month/")
    assert response.status_code == 200
    assert "2026年12月" in html(response)
    assert 'aria-current="date"' in html(response)


@pytest.mark.parametrize("path", ["month/2026-13/", "month/2026-00/", "month/0001-01/"])
def test_impossible_months_are_404(client, calendar, now, path):
    assert client.get(f"/en/events/{path}").status_code == 404


def test_filters_combine(client, calendar, now):
    ministry = make_organization(body_types=("ministry",), name_ja="省")
    company = make_organization(body_types=("company",), name_ja="会社")
    make_event(
        calendar,
        title="東京セミナー",
        prefecture="tokyo",
        category="seminar",
        organizations=[ministry],
    )
    make_event(
        calendar,
        title="大阪セミナー",
        prefecture="osaka",
        category="seminar",
        organizations=[ministry],
    )
    make_event(
        calendar,
        title="東京フェア",
        prefecture="tokyo",
        category="job_fair",
        organizations=[(company, Role.ORGANIZER), (ministry, Role.SUPPORTER)],
    )
    make_event(
        calendar, title="会社だけ", prefecture="tokyo", category="job_fair", organizations=[company]
    )

    def titles(query):
        page = html(client.get(f"/ja/events/?{query}"))
        return {t for t in ("東京セミナー", "大阪セミナー", "東京フェア", "会社だけ") if t in page}

    assert titles("prefecture=tokyo&category=seminar") == {"東京セミナー"}
    assert titles("prefecture=tokyo&body_type=company") == {"東京フェア", "会社だけ"}
    assert titles("body_type=ministry&category=job_fair") == {"東京フェア"}
    assert titles("q=セミナー&prefecture=osaka") == {"大阪セミナー"}
    assert titles("q=会社") == {"東京フェア", "会社だけ"}  # organization names are searched
    assert titles(f"organization={company.pk}") == {"東京フェア", "会社だけ"}


def test_date_range_includes_events_overlapping_it(client, calendar, now):
    make_event(calendar, title="前", start=jst(2026, 12, 5, 10))
    make_event(calendar, title="跨ぐ", start=jst(2026, 12, 9, 10), end=jst(2026, 12, 11, 10))
    make_event(calendar, title="後", start=jst(2026, 12, 20, 10))
    page = html(client.get("/ja/events/?date_from=2026-12-10&date_to=2026-12-12"))
    assert "跨ぐ" in page and "前" not in page.split("</h2>", 2)[-1] and "後<" not in page


def test_case_insensitive_search(client, calendar, now):
    make_event(calendar, title="IT人材", title_en="Tech Talent Meetup")
    assert "Tech Talent Meetup" in html(client.get("/en/events/?q=talent"))
    assert "Tech Talent Meetup" in html(client.get("/en/events/?q=TALENT"))


def test_filters_stay_in_pagination_and_view_links(client, calendar, now, settings):
    settings.EVENTCAL_PAGE_SIZE = 2
    for day in range(10, 15):
        make_event(calendar, prefecture="tokyo", start=jst(2026, 12, day, 10))
    page = html(client.get("/en/events/?prefecture=tokyo"))
    assert 'href="?prefecture=tokyo&amp;page=2"' in page
    assert 'href="/en/events/month/?prefecture=tokyo"' in page
    second = client.get("/en/events/?prefecture=tokyo&page=2")
    assert second.context["page_obj"].number == 2
    assert second.context["filter_form"].cleaned_data["prefecture"] == "tokyo"


@pytest.mark.parametrize(
    "query",
    [
        "category=bogus",
        "date_from=yesterday",
        "date_from=2026-12-10&date_to=2026-12-01",
        "organization=-3",
        "organization=abc",
        "prefecture=%00",
        "q=" + "x" * 500,
    ],
)
def test_bad_filters_answer_400_with_a_message(client, calendar, now, query):
    response = client.get(f"/en/events/?{query}")
    assert response.status_code == 400
    assert 'class="eventcal-error"' in html(response)
    assert "Some filters are not valid" in html(response)


@pytest.mark.parametrize("page", ["abc", "-1", "0", "999999999999999999999", "1e9"])
def test_odd_page_numbers_never_fail(client, calendar, now, page):
    make_event(calendar)
    assert client.get(f"/en/events/?page={page}").status_code == 200
    assert client.get(f"/en/events/archive/?page={page}").status_code == 200


def test_empty_states(client, calendar, now):
    assert "No upcoming events at the moment" in html(client.get("/en/events/"))
    assert "There are no past events yet" in html(client.get("/en/events/archive/"))
    assert "No events this month" in html(client.get("/en/events/month/"))
    filtered = html(client.get("/en/events/?category=job_fair"))
    assert "No events match these filters" in filtered and "Clear filters" in filtered
    assert "現在、開催予定のイベントはありません" in html(client.get("/ja/events/"))


def test_language_switcher_keeps_page_and_query(client, calendar, now):
    event = make_event(calendar)
    page = html(client.get(f"/en/events/{event.slug}/"))
    assert f'<a href="/ja/events/{event.slug}/" hreflang="ja" lang="ja">' in page
    assert f'hreflang="ja" href="http://testserver/ja/events/{event.slug}/"' in page
    assert f'hreflang="en" href="http://testserver/en/events/{event.slug}/"' in page
    listing = html(client.get("/ja/events/month/2026-12/?category=seminar"))
    assert 'href="/en/events/month/2026-12/?category=seminar"' in listing


def test_event_page_shows_every_public_field(client, calendar, now):
    ministry = make_organization(name_ja="経済産業省", name_en="METI")
    city = make_organization(body_types=("local_government",), name_ja="横浜市", name_en="")
    uni = make_organization(body_types=("university",), name_ja="東北大学", name_en="Tohoku Univ")
    event = make_event(
        calendar,
        organizations=[
            (ministry, Role.ORGANIZER),
            (city, Role.CO_ORGANIZER),
            (uni, Role.SUPPORTER),
        ],
        title="フォーラム",
        title_en="Forum",
        venue_name_ja="会館",
        venue_name_en="Hall",
        address_ja="東京都千代田区",
        address_en="Chiyoda, Tokyo",
        is_free=False,
        fee_ja="1,000円",
        fee_en="1,000 yen",
        capacity=120,
        application_deadline=jst(2026, 12, 5, 17),
        detail_url="https://example.org/apply",
        contact_name_en="Desk",
        contact_email="desk@example.org",
        contact_phone="03-1234-5678",
        event_languages=["ja", "en"],
        residence_audiences=["highly_skilled_professional"],
        description_ja="<p>本文</p>",
        description_en="<p>Body text</p>",
    )
    page = html(client.get(f"/en/events/{event.slug}/"))
    for text in (
        "Forum",
        "Hall",
        "Chiyoda, Tokyo",
        "1,000 yen",
        "120 people",
        "METI",
        "横浜市",
        "Tohoku Univ",
        "Co-organizer",
        "Supporter",
        "Body text",
        "desk@example.org",
        "03-1234-5678",
        "Highly Skilled Professional",
        "Japanese, English",
        'href="https://example.org/apply"',
        "JST",
    ):
        assert text in page, text
    ja = html(client.get(f"/ja/events/{event.slug}/"))
    for text in (
        "フォーラム",
        "会館",
        "1,000円",
        "経済産業省",
        "共催",
        "後援",
        "本文",
        "高度専門職",
    ):
        assert text in ja, text


def test_cancelled_event_has_a_banner_everywhere(client, calendar, now):
    event = make_event(calendar, cancelled=True, cancellation_note_en="Speaker ill")
    page = html(client.get(f"/en/events/{event.slug}/"))
    assert "This event has been cancelled." in page and "Speaker ill" in page
    assert "eventcal-badge--cancelled" in html(client.get("/en/events/"))
    assert "eventcal-badge--cancelled" in html(client.get("/en/events/month/2026-12/"))


def test_drafts_and_restricted_events_stay_off_the_calendar(client, calendar, now):
    make_event(calendar, title="下書き", publish=False)
    secret = make_event(calendar, title="限定公開")
    PageViewRestriction.objects.create(page=secret, restriction_type="password", password="x")
    live = make_event(calendar, title="公開中")
    live.title = "未公開の変更"
    live.save_revision()  # a draft change of a live event
    for path in ("/ja/events/", "/ja/events/month/2026-12/"):
        page = html(client.get(path))
        assert "公開中" in page
        assert "下書き" not in page and "限定公開" not in page and "未公開の変更" not in page


def _queries(client, path):
    # Count what an uncached month body costs, with Wagtail's site cache warm.
    cache.clear()
    Site.get_site_root_paths()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "path",
    [
        "/en/events/",
        "/en/events/?category=seminar&body_type=ministry&q=Event",
        "/en/events/month/2026-12/",
        "/en/events/archive/",
    ],
)
def test_query_count_does_not_grow_with_events(client, calendar, now, path):
    def add(n):
        for i in range(n):
            orgs = [make_organization(), (make_organization(), Role.SUPPORTER)]
            make_event(calendar, organizations=orgs, start=jst(2026, 12, 2 + i % 25, 10))
            make_event(calendar, organizations=orgs, start=jst(2026, 11, 2 + i % 25, 10))

    add(2)
    client.get(path)  # warm caches (site root, content types)
    few = _queries(client, path)
    add(15)
    many = _queries(client, path)
    assert few == many
    assert many <= 10


def test_event_page_query_count_is_small(client, calendar, now):
    event = make_event(calendar, organizations=[make_organization() for _ in range(5)])
    client.get(f"/en/events/{event.slug}/")
    # Cold: the event, its view restrictions (2) and its article are read.
    assert _queries(client, f"/en/events/{event.slug}/") <= 9


CALENDAR_SERVICES = ("https://calendar.google.com/calendar/", "https://outlook.live.com/calendar/")


def test_public_pages_make_no_external_requests(client, calendar, now):
    event = make_event(calendar)
    for path in ("/en/events/", "/en/events/month/", f"/en/events/{event.slug}/"):
        page = html(client.get(path))
        external = re.findall(r'(?:src|href)="(https?://[^"]+)"', page)
        # Links (not fetches) to the calendar services' "add" pages and to
        # the open-data licence are allowed.
        licence = get_setting("OPEN_DATA_LICENCE")["url"]
        allowed = ("http://testserver/", "https://example.org/", *CALENDAR_SERVICES, licence)
        assert all(url.startswith(allowed) for url in external), external


@pytest.mark.parametrize("language", ["ja", "en"])
def test_an_event_without_a_description_has_no_empty_about_heading(
    client, calendar, now, language
):
    bare = make_event(calendar, slug="bare", start=jst(2026, 12, 20, 14, 0))
    described = make_event(
        calendar,
        slug="described",
        start=jst(2026, 12, 21, 14, 0),
        description_ja="<p>内容です。</p>",
        description_en="<p>What it is.</p>",
    )
    assert 'id="about-heading"' not in html(client.get(f"/{language}/events/{bare.slug}/"))
    assert 'id="about-heading"' in html(client.get(f"/{language}/events/{described.slug}/"))

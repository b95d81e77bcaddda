"""Open-data export: published events only, the recommended format (BOM,
column order), JSON, filters, ETag/304, the licence in the Link header and
on the calendar page; exporting and importing reproduces the fields."""

import csv
import io
import json

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import jst, make_event, make_organization
from wagtail_eventcal.exchange.columns import COLUMNS
from wagtail_eventcal.exchange.export import body_code
from wagtail_eventcal.models import EventPage

CSV_URL = "/ja/events/opendata.csv"
JSON_URL = "/en/events/opendata.json"


def rows_of(response):
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def test_csv_holds_published_events_in_the_definitions_order(client, calendar):
    live = make_event(
        calendar,
        title="就職セミナー",
        title_en="Job seminar",
        start=jst(2027, 1, 15, 13, 0),
        end=jst(2027, 1, 15, 16, 0),
        venue_name_ja="会議室",
        address_ja="東京都千代田区霞が関1-3-1",
        capacity=80,
        detail_url="https://example.org/seminar",
    )
    make_event(calendar, title="下書きのイベント", publish=False)
    response = client.get(CSV_URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv; charset=utf-8")
    header = response.content.decode("utf-8-sig").splitlines()[0]
    assert header == ",".join(COLUMNS)
    [row] = rows_of(response)
    assert row["NO"] == str(live.pk)
    assert row["イベント名"] == "就職セミナー" and row["イベント名_英語"] == "Job seminar"
    assert (row["開始日"], row["開始時間"], row["終了時間"]) == ("2027-01-15", "13:00", "16:00")
    assert row["都道府県名"] == "東京都" and row["定員"] == "80"
    assert row["URL"] == "https://example.org/seminar"
    assert "下書きのイベント" not in response.content.decode("utf-8-sig")


def test_language_independent_and_filtered(client, calendar):
    make_event(calendar, title="東京の催し", prefecture="tokyo")
    make_event(calendar, title="大阪の催し", prefecture="osaka")
    ja, en = client.get(CSV_URL), client.get("/en/events/opendata.csv")
    assert ja.content == en.content and ja["ETag"] == en["ETag"]
    filtered = rows_of(client.get(CSV_URL + "?prefecture=osaka"))
    assert [r["イベント名"] for r in filtered] == ["大阪の催し"]
    assert client.get(CSV_URL + "?prefecture=mars").status_code == 400


def test_formula_cells_are_neutralised(client, calendar):
    make_event(calendar, title='=HYPERLINK("http://evil")', contact_phone="+81-3-0000-0000")
    [row] = rows_of(client.get(CSV_URL))
    assert row["イベント名"].startswith("'=")
    assert row["連絡先電話番号"] == "'+81-3-0000-0000"


def test_json_with_licence(client, calendar):
    make_event(calendar, title="就職セミナー", title_en="Job seminar")
    response = client.get(JSON_URL)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(response.content)
    assert data["columns"] == list(COLUMNS)
    assert data["events"][0]["イベント名_英語"] == "Job seminar"
    assert "CC BY 4.0" in data["licence"]["name_en"]


def test_etag_304_and_link_header(client, calendar, settings):
    make_event(calendar)
    response = client.get(CSV_URL)
    assert response["Link"] == '<https://www.digital.go.jp/resources/open_data/>; rel="license"'
    etag = response["ETag"]
    not_modified = client.get(CSV_URL, HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304 and not_modified["Link"] == response["Link"]
    make_event(calendar)  # a publication changes the token
    assert client.get(CSV_URL, HTTP_IF_NONE_MATCH=etag).status_code == 200
    settings.EVENTCAL_OPEN_DATA_LICENCE = {
        "name_ja": "CC BY 4.0",
        "name_en": "CC BY 4.0",
        "url": "https://creativecommons.org/licenses/by/4.0/",
    }
    assert client.get(CSV_URL)["Link"] == (
        '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'
    )


def test_open_data_section_on_the_calendar_page(client, calendar):
    html = client.get("/en/events/?prefecture=osaka").content.decode()
    assert 'href="/en/events/opendata.csv?prefecture=osaka"' in html
    assert 'href="/en/events/opendata.json?prefecture=osaka"' in html
    assert 'rel="license"' in html and "Government of Japan Standard Terms of Use" in html


FIELDS = (
    "title",
    "title_en",
    "start",
    "end",
    "all_day",
    "venue_name_ja",
    "address_ja",
    "prefecture",
    "is_free",
    "fee_ja",
    "capacity",
    "contact_name_ja",
    "contact_phone",
    "detail_url",
    "application_deadline",
    "summary_ja",
    "description_ja",
)


def test_round_trip_export_then_import_reproduces_the_fields(client, calendar):
    from tests.review_helpers import Cast

    cast = Cast(calendar)
    partner = make_organization(name_ja="大阪府", body_types=("local_government",))
    timed = make_event(
        calendar,
        organizations=[cast.ministry, partner],
        title="「第１回」就職セミナー",
        title_en="Job seminar No. 1",
        summary_ja="説明の一段落目。\n\n二段落目。",
        description_ja="<p>説明の一段落目。</p><p>二段落目。</p>",
        start=jst(2027, 1, 15, 13, 0),
        end=jst(2027, 1, 15, 16, 30),
        venue_name_ja="会議室A",
        address_ja="大阪府大阪市北区中之島5-3-51",
        prefecture="osaka",
        is_free=False,
        fee_ja="3,000円",
        capacity=120,
        contact_name_ja="事務局",
        contact_phone="06-0000-0000",
        application_deadline=jst(2027, 1, 10, 17, 0),
        detail_url="https://example.org/seminar-1",
    )
    all_day = make_event(
        calendar,
        organizations=[cast.ministry],
        title="二日間のフェア",
        summary_ja="フェア",
        description_ja="<p>フェア</p>",
        start=jst(2027, 2, 3, 0, 0),
        end=jst(2027, 2, 4, 23, 59, 59),
        all_day=True,
        prefecture="tokyo",
        detail_url="https://example.org/fair",
    )
    exported = client.get(CSV_URL).content
    client.force_login(cast.submitter)
    preview = client.post(
        "/admin/eventcal/import/",
        {
            "calendar": calendar.pk,
            "organization": cast.ministry.pk,
            "role": "organizer",
            "category": "seminar",
            "preview": "1",
            "file": SimpleUploadedFile("opendata.csv", exported),
        },
    )
    assert all(row.ok for row in preview.context["rows"]), [
        row.errors for row in preview.context["rows"]
    ]
    form = preview.context["form"]
    data = {name: form.data.get(name, "") for name in form.fields if name != "file"}
    assert client.post("/admin/eventcal/import/", {**data, "confirm": "1"}).status_code == 302
    for original in (timed, all_day):
        copy = EventPage.objects.get(import_keys__key=f"csv:{body_code(original)}:{original.pk}")
        assert not copy.live
        for name in FIELDS:
            assert getattr(copy, name) == getattr(original, name), name
        assert [p.organization for p in copy.participations.all()] == [
            p.organization for p in original.participations.all()
        ]


def test_the_current_standard_layout_with_the_organizers_codes(client, calendar):
    from wagtail_eventcal.exchange.columns import STANDARD_COLUMNS

    city = make_organization(
        body_types=("local_government",),
        name_ja="岡崎市",
        local_government_code="232025",
        corporate_number="1000020232025",
    )
    chamber = make_organization(body_types=("chamber_of_commerce",), name_ja="岡崎商工会議所")
    event = make_event(
        calendar,
        organizations=[city, (chamber, "co_organizer")],
        title="留学生と企業の交流会",
        start=jst(2027, 5, 10, 13, 30),
        end=jst(2027, 5, 10, 16, 0),
        address_ja="愛知県岡崎市康生通西4-71",
        prefecture="aichi",
        detail_url="https://example.org/okazaki",
    )
    ja = client.get(CSV_URL + "?layout=standard")
    en = client.get("/en/events/opendata.csv?layout=standard")
    assert ja.content == en.content
    assert ja.content.decode("utf-8-sig").splitlines()[0] == ",".join(STANDARD_COLUMNS)
    [row] = rows_of(ja)
    assert (row["全国地方公共団体コード"], row["法人番号"], row["ID"]) == (
        "232025",
        "1000020232025",
        str(event.pk),
    )
    assert row["地方公共団体名"] == "岡崎市" and row["共催団体"] == "岡崎商工会議所"
    assert row["所在地_都道府県"] == "愛知県" and row["URL"] == "https://example.org/okazaki"
    assert row["コンテンツURL"].endswith(f"/ja/events/{event.slug}/")
    assert client.get(CSV_URL + "?layout=2030").status_code == 400
    assert json.loads(client.get(JSON_URL + "?layout=standard").content)["columns"] == list(
        STANDARD_COLUMNS
    )


def test_the_standard_export_imports_again(client, calendar):
    from wagtail_eventcal.exchange.importer import read_rows

    make_event(
        calendar, title="就職セミナー", prefecture="tokyo", detail_url="https://example.org/s"
    )
    rows, notes = read_rows(client.get(CSV_URL + "?layout=standard").content)
    (row,) = rows
    assert row.ok and row.values["title"] == "就職セミナー"
    assert row.values["detail_url"].startswith("http") and row.values["prefecture"] == "tokyo"
    assert any("自治体標準" in note for note in notes)


def test_first_column_is_the_body_code(client, calendar, settings):
    osaka = make_organization(
        name_ja="大阪府", body_types=("local_government",), local_government_code="270008"
    )
    ministry = make_organization(name_ja="経済産業省")
    by_osaka = make_event(calendar, organizations=[ministry, osaka], prefecture="tokyo")
    by_ministry = make_event(calendar, organizations=[ministry], prefecture="miyagi")
    online = make_event(
        calendar,
        organizations=[ministry],
        prefecture="online",
        event_format="online",
        online_url="https://example.org/live",
    )

    def codes():
        return {
            row["NO"]: row["都道府県コード又は市区町村コード"]
            for row in rows_of(client.get(CSV_URL))
        }

    # The organizer's own code; else the prefecture where the event is held.
    assert codes() == {
        str(by_osaka.pk): "270008",
        str(by_ministry.pk): "040002",
        str(online.pk): "",
    }
    settings.EVENTCAL_OPEN_DATA_PUBLISHER_CODE = "000000"
    assert codes() == {
        str(by_osaka.pk): "270008",
        str(by_ministry.pk): "000000",
        str(online.pk): "000000",
    }


def test_every_column_the_model_can_fill_is_filled(client, calendar):
    make_event(
        calendar,
        venue_name_ja="大阪国際会議場",
        address_ja="〒530-0005 大阪府大阪市北区中之島5-3-51",
        locality_ja="大阪市北区",
        prefecture="osaka",
        start=jst(2027, 2, 3, 0, 0),
        end=jst(2027, 2, 3, 23, 59),
        all_day=True,
        is_free=False,
        fee_ja="3,000円",
        capacity=100,
        contact_name_ja="事務局",
        contact_phone="06-0000-0000",
        application_deadline=jst(2027, 2, 1, 17, 0),
        cancelled=True,
        cancellation_note_ja="荒天のため",
    )
    [row] = rows_of(client.get(CSV_URL))
    #: No field of the model holds these (docs/open-data.md says why).
    never = {
        "イベント名_カナ",
        "料金(詳細)",
        "連絡先内線番号",
        "方書",
        "緯度",
        "経度",
        "アクセス方法",
        "駐車場情報",
        # An all-day event has no times.
        "開始時間",
        "終了時間",
    }
    assert {column for column, value in row.items() if not value} == never
    assert row["市区町村名"] == "大阪市北区" and row["開始日時特記事項"] == "終日"
    assert row["参加申込方法"] == "URL欄のページから"


def test_file_name_names_calendar_and_day_and_both_languages_serve_the_same_bytes(
    client, calendar, time_machine
):
    time_machine.move_to(jst(2026, 12, 1, 9, 0))
    make_event(calendar)
    ja, en = client.get(CSV_URL), client.get("/en/events/opendata.csv")
    assert ja["Content-Disposition"] == 'inline; filename="events-events-2026-12-01.csv"'
    assert en.content == ja.content and en["Content-Language"] == ja["Content-Language"] == "ja"
    assert client.get(JSON_URL)["Content-Disposition"].endswith('events-events-2026-12-01.json"')

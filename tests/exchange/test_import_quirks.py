"""What calendar apps and municipal files write, as small fixtures written
here (each reproduces a quirk seen in real exports): the detail page in
DESCRIPTION/ATTACH/X-ALT-DESC, a prefecture anywhere in the address, a
postcode or a city, online and hybrid events, a category from the words,
定員 and 料金 as free text, the current 自治体標準 layout and header variants,
and bounded reading of XLSX files whatever they declare."""

import time

import pytest
from django.utils import translation

from wagtail_eventcal.exchange.columns import COLUMNS, STANDARD_COLUMNS
from wagtail_eventcal.exchange.importer import draft_values, read_rows
from wagtail_eventcal.exchange.places import online_kind, prefecture_in
from wagtail_eventcal.exchange.readers import FileError

from .ics_helpers import calendar, inline_row, xlsx


def ics_row(*lines):
    (row,) = read_rows(calendar(("UID:q@example.org", "DTSTART:20270301T100000", *lines)))[0]
    return row


def csv_row(columns=COLUMNS, **values):
    text = ",".join(columns) + "\r\n" + ",".join(f'"{values.get(c, "")}"' for c in columns)
    (row,) = read_rows(("\ufeff" + text).encode())[0]
    return row


@pytest.mark.parametrize(
    ("text", "prefecture"),
    [
        ("福岡市（福岡県）", "fukuoka"),
        ("〒810-0001 福岡県福岡市中央区天神1-8-1", "fukuoka"),
        ("〒530-0001 北区梅田1-1", "osaka"),
        ("グランフロント大阪", "osaka"),
        ("パシフィコ横浜", "kanagawa"),
        ("TKP札幌駅カンファレンスセンター", "hokkaido"),
        ("東京都庁（京都館ではない）", "tokyo"),
        ("Meeting room 3", None),
    ],
)
def test_prefecture_anywhere_in_the_place(text, prefecture):
    assert prefecture_in(text) == prefecture


@pytest.mark.parametrize(
    ("location", "kind"),
    [
        ("オンライン（Zoom）", "online"),
        ("Microsoft Teams Meeting", "online"),
        ("https://us02web.zoom.us/j/123", "online"),
        ("https://example.org/live", "online"),
        ("福岡県福岡市 / オンライン同時配信", "hybrid"),
        ("ハイブリッド開催", "hybrid"),
        ("大阪国際会議場", None),
    ],
)
def test_online_and_hybrid_places(location, kind):
    assert online_kind(location) == kind


def test_google_export_detail_page_in_the_description():
    row = ics_row(
        "SUMMARY:外国人材ジョブフェア",
        "LOCATION:福岡市（福岡県）",
        "DESCRIPTION:お申込みはこちら https://example.org/fair\\n参加費：無料",
    )
    assert row.ok
    assert row.values["detail_url"] == "https://example.org/fair"
    assert row.values["prefecture"] == "fukuoka"
    assert row.values["category"] == "job_fair"
    assert row.values["is_free"] is True


def test_outlook_alt_desc_and_apple_attach():
    outlook = ics_row(
        "SUMMARY:交流会",
        'X-ALT-DESC;FMTTYPE=text/html:<a href="https://example.org/o">詳細</a>',
    )
    assert outlook.values["detail_url"] == "https://example.org/o"
    assert outlook.values["category"] == "networking"
    apple = ics_row("SUMMARY:会", "ATTACH;VALUE=URI:https://example.org/a")
    assert apple.values["detail_url"] == "https://example.org/a"
    assert "category" not in apple.values  # nothing to guess from: left to the submitter


def test_teams_meeting_is_online_with_its_joining_address():
    row = ics_row(
        "SUMMARY:オンライン説明会",
        "LOCATION:Microsoft Teams Meeting",
        "DESCRIPTION:Join: https://teams.microsoft.com/l/meetup-join/abc\\n"
        "詳細 https://example.org/briefing",
    )
    assert row.values["event_format"] == "online" and row.values["prefecture"] == "online"
    assert row.values["online_url"] == "https://teams.microsoft.com/l/meetup-join/abc"
    assert row.values["detail_url"] == "https://example.org/briefing"


def test_defaults_apply_only_where_the_row_says_nothing():
    defaults = {"category": "other", "prefecture": "tokyo"}
    named = ics_row("SUMMARY:セミナー", "LOCATION:〒810-0001 天神1-8-1")
    silent = ics_row("SUMMARY:会", "LOCATION:本社3階")
    assert draft_values(named, defaults)["prefecture"] == "fukuoka"
    assert draft_values(named, defaults)["category"] == "seminar"
    assert draft_values(silent, defaults)["prefecture"] == "tokyo"
    assert draft_values(silent, defaults)["category"] == "other"


@pytest.mark.parametrize(
    ("capacity", "number", "note"),
    [("120", 120, False), ("120名", 120, False), ("20人　先着順", 20, True), ("15組", None, True)],
)
def test_free_text_capacity_is_kept_as_a_note(capacity, number, note):
    row = csv_row(NO="1", イベント名="セミナー", 開始日="2027-04-01", 定員=capacity)
    assert row.ok
    assert row.values.get("capacity") == number
    assert (f"定員：{capacity}" in row.values["description_ja"]) == note


def test_fee_unknown_is_not_free_and_the_detail_is_kept():
    unknown = csv_row(NO="1", イベント名="セミナー", 開始日="2027-04-01")
    assert unknown.values["is_free"] is False and unknown.values["fee_ja"] == ""
    detail = csv_row(
        NO="1", イベント名="セミナー", 開始日="2027-04-01", **{"料金(詳細)": "一般500円、学生無料"}
    )
    assert detail.values["is_free"] is False and detail.values["fee_ja"] == "一般500円、学生無料"
    free = csv_row(
        NO="1", イベント名="セミナー", 開始日="2027-04-01",
        **{"料金(基本)": "無料", "料金(詳細)": "懇親会は1,000円"},
    )  # fmt: skip
    assert free.values["is_free"] is True
    assert "料金(詳細)：懇親会は1,000円" in free.values["description_ja"]


STANDARD_ROW = {
    "全国地方公共団体コード": "342025",
    "法人番号": "1234567890123",
    "ID": "ev-0042",
    "地方公共団体名": "岡崎市",
    "イベント名": "外国人材と企業の交流会",
    "言語コード": "ja",
    "コンテンツURL": "https://example.org/city/ev-0042",
    "開始日": "2027-05-10",
    "開始時間": "13:30",
    "終了時間": "16:00",
    "概要": "市内企業と留学生の交流会です。",
    "料金(基本)": "無料",
    "主催者": "岡崎市",
    "共催団体": "岡崎商工会議所",
    "対象者": "留学生、企業の採用担当者",
    "場所名称": "市民会館",
    "所在地_都道府県": "愛知県",
    "所在地_市区町村": "岡崎市",
    "所在地_町字": "康生通西",
    "所在地_番地以下": "4-71",
    "Web開催": "有",
    "Web開催URL": "https://zoom.us/j/42",
    "定員": "50人",
    "外国語対応": "英語",
    "申込URL": "https://example.org/apply/42",
}


def test_the_current_standard_layout():
    text = ",".join(STANDARD_COLUMNS) + "\r\n"
    text += ",".join(f'"{STANDARD_ROW.get(c, "")}"' for c in STANDARD_COLUMNS) + "\r\n"
    rows, notes = read_rows(("\ufeff" + text).encode("utf-8"))
    (row,) = rows
    assert row.ok, row.errors
    assert row.key == "csv:342025:ev-0042" and row.ref == "ID ev-0042"
    assert row.values["detail_url"] == "https://example.org/city/ev-0042"
    assert row.values["prefecture"] == "aichi"
    assert row.values["address_ja"] == "愛知県岡崎市康生通西4-71"
    assert row.values["event_format"] == "hybrid"
    assert row.values["online_url"] == "https://zoom.us/j/42"
    assert row.values["capacity"] == 50 and row.values["is_free"] is True
    assert row.values["category"] == "networking"
    for kept in ("共催団体：岡崎商工会議所", "対象者：留学生", "外国語対応：英語"):
        assert kept in row.values["description_ja"]
    assert row.values["start"].isoformat() == "2027-05-10T13:30:00+09:00"
    assert any("自治体標準" in note for note in notes)


def test_header_variants_are_accepted():
    """Trailing spaces, full-width brackets, another order, extra columns."""
    columns = list(reversed(COLUMNS)) + ["独自の列"]
    header = [f"{c} " if c != "料金(基本)" else "料金（基本）" for c in columns]
    values = {"NO": "7", "イベント名": "説明会", "開始日": "2027/6/1", "料金(基本)": "500円"}
    text = ",".join(header) + "\r\n" + ",".join(values.get(c, "") for c in columns) + "\r\n"
    rows, notes = read_rows(text.encode("cp932"))
    assert rows[0].ok and rows[0].key == "csv::7"
    assert rows[0].values["fee_ja"] == "500円"
    assert any("独自の列" in note for note in notes)


def test_the_xlsx_bomb_is_read_in_bounded_time():
    """2 KB declaring A1:XFD1048576, a cell at the last address."""
    translation.activate("en")
    rows_xml = (
        inline_row(1, COLUMNS)
        + inline_row(2, ["130001", "1", "", "", "ボム", "", "", "2027-04-01"])
        + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    )
    data = xlsx(rows_xml, dimension="A1:XFD1048576")
    assert len(data) < 2_500
    started = time.monotonic()
    rows, _notes = read_rows(data, "bomb.xlsx")
    assert time.monotonic() - started < 5
    assert rows[0].ok and rows[0].values["title"] == "ボム"


def test_xlsx_rows_past_the_limit_stop_reading(settings):
    translation.activate("en")
    settings.EVENTCAL_IMPORT_MAX_ROWS = 50
    rows_xml = inline_row(1, COLUMNS) + "".join(f'<row r="{n}"/>' for n in range(2, 200_000))
    started = time.monotonic()
    with pytest.raises(FileError, match="more than"):
        read_rows(xlsx(rows_xml), "many.xlsx")
    assert time.monotonic() - started < 5


def test_xlsx_dates_times_and_numbers():
    styles = (
        '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy/mm/dd"/></numFmts>'
        '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="20"/></cellXfs>'
    )
    rows_xml = inline_row(1, COLUMNS) + (
        '<row r="2"><c r="B2"><v>12</v></c><c r="E2" t="inlineStr"><is><t>日付</t></is></c>'
        '<c r="H2" s="1"><v>46388</v></c><c r="J2" s="2"><v>0.5625</v></c>'
        '<c r="AA2"><v>30</v></c></row>'
    )
    (row,) = read_rows(xlsx(rows_xml, styles=styles), "d.xlsx")[0]
    assert row.ok, row.errors
    assert row.values["start"].isoformat() == "2027-01-01T13:30:00+09:00"
    assert row.values["capacity"] == 30 and row.key == "csv::12"

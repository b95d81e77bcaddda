"""Reading the recommended event format (CSV in UTF-8 with/without BOM and
Shift_JIS, XLSX) and .ics files into rows with per-row errors."""

import io

import pytest
from django.utils import translation
from openpyxl import Workbook

from wagtail_eventcal.exchange.columns import COLUMNS, local_government_code, prefecture_code
from wagtail_eventcal.exchange.importer import read_rows
from wagtail_eventcal.exchange.readers import FileError

from .conftest import sample


def by_line(rows):
    return {row.line: row for row in rows}


@pytest.mark.parametrize("name", ["events.csv", "events_sjis.csv"])
def test_sample_csv_in_both_encodings(name):
    rows, notes = read_rows(sample(name), name)
    assert notes == []
    assert [r.key for r in rows][:2] == ["csv:130001:1", "csv:130001:2"]
    first = rows[0]
    assert first.ok
    assert first.values["title"] == "外国人材向けIT企業合同説明会"
    assert first.values["title_en"].startswith("Joint briefing")
    assert first.values["start"].isoformat() == "2027-01-15T13:00:00+09:00"
    assert first.values["end"].isoformat() == "2027-01-15T16:00:00+09:00"
    assert first.values["prefecture"] == "tokyo"
    assert first.values["capacity"] == 120
    assert (
        first.values["description_ja"]
        == "<p>IT企業20社が採用計画を説明します。</p><p>個別相談あり。</p>"
    )
    assert first.organizer_names == ["経済産業省"]
    online = rows[1]
    assert online.values["prefecture"] == "online" and online.values["event_format"] == "online"
    all_day = rows[2]
    assert all_day.values["all_day"] and not all_day.values["is_free"]
    assert all_day.values["fee_ja"] == "1,000円"


def test_invalid_rows_name_line_and_column():
    rows = by_line(read_rows(sample("events.csv"), "events.csv")[0])
    # Header on line 1, the description of row 1 spans two more lines.
    assert sorted(rows) == [2, 5, 6, 7, 8, 9, 10]
    [(column, message)] = rows[8].errors
    assert column == "開始日" and "2027/13/40" in message
    assert rows[8].ref == "NO 5"
    # No detail page is not an error: the draft lacks it for submission.
    assert rows[9].ok and "detail_url" not in rows[9].values
    # 定員 "多数" is kept as a note; the hour 25 cannot be read.
    assert [c for c, _m in rows[10].errors] == ["開始時間"]


def test_utf8_without_bom_and_header_in_full_width_brackets():
    text = ",".join(COLUMNS).replace("(", "（").replace(")", "）") + "\r\n"
    text += "131016,9,東京都,千代田区,テスト,,,2027-04-01,,,,,,,,,,,,,,,,,,,,,,,https://example.org/t,\r\n"
    rows, _notes = read_rows(text.encode("utf-8"))
    assert rows[0].ok and rows[0].key == "csv:131016:9"
    assert rows[0].values["all_day"]


def test_xlsx():
    book = Workbook()
    sheet = book.active
    sheet.append(list(COLUMNS))
    values = dict.fromkeys(COLUMNS, None)
    values.update(
        {
            "NO": 3,
            "イベント名": "XLSXの例",
            "開始日": "2027-05-01",
            "開始時間": "10:00",
            "住所": "京都府京都市",
            "URL": "https://example.org/x",
        }
    )
    sheet.append([values[c] for c in COLUMNS])
    out = io.BytesIO()
    book.save(out)
    rows, _notes = read_rows(out.getvalue(), "events.xlsx")
    assert rows[0].ok, rows[0].errors
    assert rows[0].key == "csv::3"
    assert rows[0].values["prefecture"] == "kyoto"


def test_file_errors(settings):
    translation.activate("en")
    with pytest.raises(FileError, match="lacks the columns"):
        read_rows(b"a,b\r\n1,2\r\n")
    with pytest.raises(FileError, match="neither UTF-8 nor Shift_JIS"):
        read_rows(b"\xff\xfe\x00\x81\x00\xa0" * 10)
    settings.EVENTCAL_IMPORT_MAX_BYTES = 100
    with pytest.raises(FileError, match="at most 100 bytes"):
        read_rows(sample("events.csv"))
    settings.EVENTCAL_IMPORT_MAX_BYTES = 10_000
    settings.EVENTCAL_IMPORT_MAX_ROWS = 3
    with pytest.raises(FileError, match="at most 3 can be imported"):
        read_rows(sample("events.csv"))


def test_ics_sample_and_recurring_events_refused():
    rows = read_rows(sample("events.ics"), "events.ics")[0]
    assert [r.key for r in rows] == [
        "ics:careers-2027-01@example.org",
        "ics:fair-2027-02@example.org",
        "ics:weekly-consultation@example.org",
    ]
    timed, all_day, weekly = rows
    assert timed.ok and timed.values["start"].isoformat() == "2027-01-20T14:00:00+09:00"
    assert timed.values["prefecture"] == "tokyo"
    assert all_day.ok and all_day.values["all_day"]
    assert all_day.values["end"].date().isoformat() == "2027-02-19"
    assert weekly.line == 24
    assert [c for c, _m in weekly.errors] == ["RRULE"]


def test_prefecture_codes():
    assert local_government_code("13000") == "130001"
    assert local_government_code("01000") == "010006"
    assert prefecture_code("osaka") == "270008"
    assert prefecture_code("online") == ""


def test_errors_in_japanese():
    translation.activate("ja")
    with pytest.raises(FileError, match="イベント名、開始日"):
        read_rows(b"a,b\r\n1,2\r\n")
    rows = {r.line: r for r in read_rows(sample("events.csv"))[0]}
    assert rows[8].errors[0][1] == "「2027/13/40」は日付（YYYY-MM-DD）ではありません。"

"""Never 500, never silently wrong: whatever is broken inside one event or
one cell becomes that row's error (or a warning), the other rows import,
and a whole-file problem is a message in the user's language.

The property tests generate thousands of broken VEVENTs and spreadsheet
cells; the only exception allowed out of reading is ``FileError``.
"""

import string

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wagtail_eventcal.exchange.columns import COLUMNS
from wagtail_eventcal.exchange.importer import prepare, read_rows
from wagtail_eventcal.exchange.readers import FileError
from wagtail_eventcal.exchange.rows import KEY_LENGTH

from .ics_helpers import GOOD, calendar, inline_row, xlsx

DATE_LIKE = st.one_of(
    st.sampled_from(
        [
            "Next Year", "", "20270101T100000", "20270101", "99991231T235959Z", "00010101",
            "20270101,20270102", "20270230", "2027-01-01", "20270101T250000", "T", "0",
            "20270101T100000Z/20270101T110000Z", "P1D", "-P1D", "P99999999D", "PT-5H",
            "20270101T100000\\;x", "１２３",
        ]
    ),
    st.text(alphabet=string.printable.replace("\r", "").replace("\n", ""), max_size=25),
)  # fmt: skip
PARAMS = st.sampled_from(
    [
        "", ";VALUE=DATE", ";VALUE=PERIOD", ";VALUE=DATE-TIME", ";TZID=Foo/Bar",
        ';TZID="(UTC-05:00) Eastern Time (US & Canada)"', ";TZID=Tokyo Standard Time",
        ";TZID=", ";VALUE=TEXT", ";TZID=Asia/Tokyo;VALUE=DATE",
    ]
)  # fmt: skip
NAMES = st.sampled_from(
    [
        "DTSTART", "DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "RECURRENCE-ID", "UID",
        "SUMMARY", "LOCATION", "DESCRIPTION", "URL", "ATTACH", "X-ALT-DESC", "STATUS",
        "ORGANIZER", "CATEGORIES", "EXDATE",
    ]
)  # fmt: skip
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)
LINE = st.builds(
    lambda name, params, value: f"{name}{params}:{value}",
    NAMES,
    PARAMS,
    st.one_of(DATE_LIKE, TEXT, st.just("x" * 300)),
)
EVENT = st.lists(LINE, max_size=8)
TIMEZONES = st.sampled_from(
    [
        "",
        "BEGIN:VTIMEZONE\r\nTZID:A\r\nTZID:B\r\nEND:VTIMEZONE\r\n",
        "BEGIN:VTIMEZONE\r\nTZID:Broken\r\nBEGIN:STANDARD\r\nDTSTART:x\r\n"
        "TZOFFSETTO:+99\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n",
    ]
)


def read_or_refuse(data, name):
    """The rows, or None when the whole file is refused with a message."""
    try:
        return read_rows(data, name)[0]
    except FileError as error:
        assert str(error)
        return None


@settings(max_examples=1500, deadline=None)
@given(events=st.lists(EVENT, min_size=1, max_size=4), timezones=TIMEZONES)
def test_generated_broken_events_never_escape(events, timezones):
    data = calendar(GOOD, *events, timezones=timezones)
    rows = read_or_refuse(data, "broken.ics")
    if rows is None:
        return
    assert len(rows) == len(events) + 1
    for row in rows:
        assert row.ok or row.errors
        assert len(row.key) <= KEY_LENGTH
        for _column, message in row.errors + row.warnings:
            assert isinstance(message, str) and message


CELL = st.one_of(
    st.builds(lambda v: ("n", v), st.sampled_from(["abc", "1e999", "", "nan", "-1", "3.5"])),
    st.builds(lambda v: ("d", v), st.sampled_from(["garbage", "2027-13-01", "2027-01-01T10:00"])),
    st.builds(lambda v: ("b", v), st.sampled_from(["2", "yes", "", "1"])),
    st.builds(lambda v: ("s", v), st.sampled_from(["0", "99", "-1", "x", ""])),
    st.builds(lambda v: ("e", v), st.just("#REF!")),
    st.builds(lambda v: ("str", v), TEXT.map(lambda t: t.replace("<", "").replace("&", ""))),
)
REF = st.sampled_from(["", "ZZZZ1", "A", "1A", "B2", "XFD1048576", "AF3"])


def cell_xml(kind, value, ref, style):
    ref_attr = f' r="{ref}"' if ref else ""
    return f'<c{ref_attr} t="{kind}" s="{style}"><v>{value}</v></c>'


@settings(max_examples=600, deadline=None)
@given(
    rows=st.lists(
        st.lists(st.tuples(CELL, REF, st.sampled_from([0, 1, 7])), min_size=1, max_size=12),
        min_size=1,
        max_size=5,
    )
)
def test_generated_broken_cells_never_escape(rows):
    header = inline_row(1, COLUMNS)
    body = "".join(
        f'<row r="{n}">' + "".join(cell_xml(k, v, ref, s) for (k, v), ref, s in cells) + "</row>"
        for n, cells in enumerate(rows, start=2)
    )
    styles = '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>'
    data = xlsx(header + body, shared=["共有"], styles=styles)
    result = read_or_refuse(data, "broken.xlsx")
    if result is not None:
        for row in result:
            assert row.ok or row.errors


@pytest.mark.django_db
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(events=st.lists(EVENT, min_size=1, max_size=3))
def test_the_preview_of_generated_events_never_escapes(events, cast):
    rows = read_or_refuse(calendar(GOOD, *events), "broken.ics")
    if rows is None:
        return
    prepare(
        rows,
        organization=cast.ministry,
        role="organizer",
        defaults={"category": "", "prefecture": ""},
    )
    assert all(row.action in ("create", "update", "skip") for row in rows)
    assert rows[0].action == "create"


@pytest.mark.parametrize(
    ("lines", "column"),
    [
        (["DTSTART:Next Year"], "DTSTART"),
        (["DTSTART:"], "DTSTART"),
        (["DTSTART:20270101T100000", "DTSTART:20270102T100000"], "DTSTART"),
        (["DTSTART;VALUE=PERIOD:20270101T100000Z/20270101T110000Z"], "DTSTART"),
        (["DTSTART:20270101,20270102"], "DTSTART"),
        (["DTSTART:20270101T100000", "DURATION:P99999999D"], "DURATION"),
        (["DTSTART:99991231T100000Z"], "DTSTART"),
        (["DTSTART:00010101"], "DTSTART"),
        (["DTSTART:20270105", "DTEND:20270101"], "DTEND"),
    ],
)
def test_each_broken_event_is_its_own_error(lines, column):
    translation.activate("en")
    broken = ("UID:broken@example.org", "SUMMARY:壊れた予定", *lines)
    rows = read_rows(calendar(GOOD, broken), "x.ics")[0]
    good, bad = rows
    assert good.ok
    assert [c for c, _m in bad.errors] == [column]
    assert bad.ref == "UID broken@example.org 「壊れた予定」"


def test_a_vtimezone_icalendar_cannot_build_does_not_stop_the_file():
    """Two TZIDs, or none of STANDARD/DAYLIGHT (Outlook 365): the zones are
    then resolved by name (or flagged), the events still import."""
    translation.activate("en")
    for zone in ("TZID:A\r\nTZID:B\r\n", "TZID:Tokyo Standard Time\r\n"):
        data = calendar(
            GOOD,
            (
                "UID:w@example.org",
                "SUMMARY:説明会",
                "DTSTART;TZID=Tokyo Standard Time:20270301T100000",
            ),
            timezones=f"BEGIN:VTIMEZONE\r\n{zone}END:VTIMEZONE\r\n",
        )
        good, windows = read_rows(data, "x.ics")[0]
        assert good.ok and windows.ok and not windows.warnings
        assert windows.values["start"].isoformat() == "2027-03-01T10:00:00+09:00"


def test_two_calendars_in_one_file_are_read_as_one():
    second = GOOD[:1] + ("UID:good-2@example.org",) + GOOD[2:]
    data = calendar(GOOD) + calendar(second[1:])
    rows = read_rows(data, "x.ics")[0]
    assert [r.key for r in rows] == ["ics:good-1@example.org", "ics:good-2@example.org"]


def test_all_day_dtend_equal_to_dtstart_and_an_empty_rrule():
    event = ("UID:d@example.org", "SUMMARY:説明会", "DTSTART;VALUE=DATE:20270301",
             "DTEND;VALUE=DATE:20270301", "RRULE:")  # fmt: skip
    (row,) = read_rows(calendar(event), "x.ics")[0]
    assert row.ok, row.errors
    assert row.values["all_day"] and row.values["end"].date() == row.values["start"].date()


def test_a_missing_uid_still_makes_a_draft_with_a_stable_key():
    event = [line for line in GOOD if not line.startswith("UID")]
    (first,) = read_rows(calendar(event), "x.ics")[0]
    (again,) = read_rows(calendar(event), "x.ics")[0]
    assert first.ok and first.key == again.key and first.key.startswith("ics:#")
    assert [c for c, _m in first.warnings] == ["UID"]


def test_long_keys_are_hashed():
    event = ("UID:" + "u" * 300,) + GOOD[1:]
    (row,) = read_rows(calendar(event), "x.ics")[0]
    assert row.ok and len(row.key) <= KEY_LENGTH and row.key.startswith("ics#sha256:")
    text = (
        ",".join(COLUMNS)
        + "\r\n"
        + ",".join(
            {"NO": "n" * 400, "イベント名": "長いキー", "開始日": "2027-04-01"}.get(c, "")
            for c in COLUMNS
        )
    )
    (row,) = read_rows(text.encode())[0]
    assert row.ok and len(row.key) <= KEY_LENGTH


@pytest.mark.parametrize(
    ("tzid", "jst", "warned"),
    [
        ("Eastern Standard Time", "2027-01-11T00:00:00+09:00", False),
        ('"(UTC+09:00) Osaka, Sapporo, Tokyo"', "2027-01-10T10:00:00+09:00", False),
        ('"(UTC-06:00) Central Time (US & Canada)"', "2027-01-11T01:00:00+09:00", True),
        ("Mars/Olympus_Mons", "2027-01-10T10:00:00+09:00", True),
    ],
)
def test_windows_and_exchange_time_zones(tzid, jst, warned):
    translation.activate("en")
    event = ("UID:tz@example.org", "SUMMARY:時差", f"DTSTART;TZID={tzid}:20270110T100000")
    (row,) = read_rows(calendar(event), "x.ics")[0]
    assert row.ok
    assert row.values["start"].isoformat() == jst
    messages = [m for c, m in row.warnings if c == "DTSTART"]
    assert bool(messages) == warned
    if warned:
        assert "Check the time" in messages[0]


def test_exchange_display_name_with_its_vtimezone():
    zone = (
        "BEGIN:VTIMEZONE\r\nTZID:(UTC-05:00) Eastern Time (US & Canada)\r\n"
        "BEGIN:STANDARD\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:-0400\r\n"
        "TZOFFSETTO:-0500\r\nRRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11\r\nEND:STANDARD\r\n"
        "BEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:-0500\r\n"
        "TZOFFSETTO:-0400\r\nRRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3\r\nEND:DAYLIGHT\r\n"
        "END:VTIMEZONE\r\n"
    )
    event = (
        "UID:ex@example.org",
        "SUMMARY:夏の説明会",
        'DTSTART;TZID="(UTC-05:00) Eastern Time (US & Canada)":20270710T100000',
    )
    (row,) = read_rows(calendar(event, timezones=zone), "x.ics")[0]
    assert row.ok and not row.warnings
    assert row.values["start"].isoformat() == "2027-07-10T23:00:00+09:00"  # EDT, -4


def test_the_size_error_states_the_real_size(client, cast, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.EVENTCAL_IMPORT_MAX_BYTES = 1_000
    client.force_login(cast.submitter)
    response = client.post(
        "/admin/eventcal/import/",
        {
            "calendar": cast.calendar.pk,
            "organization": cast.ministry.pk,
            "role": "organizer",
            "file": SimpleUploadedFile("big.csv", b"x" * 12_345),
            "preview": "1",
        },
    )
    assert response.status_code == 200
    assert "12,345" in response.content.decode()
    assert "1,001" not in response.content.decode()


def test_cell_problems_are_row_errors_naming_the_column():
    translation.activate("en")
    header = inline_row(1, COLUMNS)
    good = inline_row(2, ["130001", "1", "", "", "良い行", "", "", "2027-04-01"])
    bad = (
        '<row r="3"><c r="B3"><v>2</v></c><c r="E3" t="inlineStr"><is><t>悪い行</t></is></c>'
        '<c r="H3" t="d"><v>garbage</v></c><c r="I3" t="s"><v>42</v></c></row>'
    )
    rows = read_rows(xlsx(header + good + bad), "x.xlsx")[0]
    assert rows[0].ok
    assert {c for c, _m in rows[1].errors} == {"開始日", "終了日"}
    assert rows[1].ref == "NO 2"


def test_a_post_limit_too_small_for_the_import_is_a_system_check_warning(settings):
    from django.core.checks import run_checks

    def warnings():
        return [m.id for m in run_checks() if m.id == "wagtail_eventcal.W001"]

    assert warnings() == []
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # Django's default
    assert warnings() == ["wagtail_eventcal.W001"]
    settings.EVENTCAL_IMPORT_MAX_BYTES = 1_000_000
    assert warnings() == []

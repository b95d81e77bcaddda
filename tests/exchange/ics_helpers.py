"""Small iCalendar and XLSX files written by the tests (no third-party files)."""

import io
import zipfile


def calendar(*events, timezones=""):
    body = "".join(
        "BEGIN:VEVENT\r\n" + "".join(f"{line}\r\n" for line in event) + "END:VEVENT\r\n"
        for event in events
    )
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//tests//eventcal//EN\r\n"
        + timezones
        + body
        + "END:VCALENDAR\r\n"
    ).encode()


GOOD = (
    "UID:good-1@example.org",
    "SUMMARY:留学生向け就職セミナー",
    "DTSTART;TZID=Asia/Tokyo:20270120T140000",
    "DTEND;TZID=Asia/Tokyo:20270120T160000",
    "LOCATION:東京都千代田区霞が関1-3-1",
    "DESCRIPTION:詳細 https://example.org/seminar",
)

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def xlsx(rows_xml, *, shared=(), dimension="A1:AF10", styles=""):
    """An XLSX package whose first sheet holds ``rows_xml`` as written."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"/>',
        )
        book.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{MAIN}" xmlns:r="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships"><sheets><sheet name="s" sheetId="1" '
            'r:id="rId1"/></sheets></workbook>',
        )
        book.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            'relationships"><Relationship Id="rId1" Target="worksheets/sheet1.xml" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'worksheet"/></Relationships>',
        )
        strings = "".join(f"<si><t>{s}</t></si>" for s in shared)
        book.writestr("xl/sharedStrings.xml", f'<sst xmlns="{MAIN}">{strings}</sst>')
        if styles:
            book.writestr("xl/styles.xml", f'<styleSheet xmlns="{MAIN}">{styles}</styleSheet>')
        book.writestr(
            "xl/worksheets/sheet1.xml",
            f'<worksheet xmlns="{MAIN}"><dimension ref="{dimension}"/>'
            f"<sheetData>{rows_xml}</sheetData></worksheet>",
        )
    return out.getvalue()


def column_letter(index):
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def inline_row(number, values):
    cells = "".join(
        f'<c r="{column_letter(i)}{number}" t="inlineStr"><is><t>{v}</t></is></c>'
        for i, v in enumerate(values)
        if v != ""
    )
    return f'<row r="{number}">{cells}</row>'

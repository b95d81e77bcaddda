"""Reading the first sheet of an XLSX file, bounded whatever it declares.

openpyxl pads every row to the sheet's declared ``<dimension>`` and raises
out of its row iterator for one bad cell (a ``d``/``n``/``b`` cell holding
garbage, a bad reference, a missing shared string), which ends the whole
file. This reader streams the sheet's XML, keeps only the cells that exist
(up to :data:`MAX_COLUMNS`), turns a bad cell into an error of its row, and
stops at the row limit, the XML size limit or the time budget.
"""

import re
import time
import zipfile
from datetime import datetime, timedelta
from xml.etree.ElementTree import ParseError, iterparse

from django.utils.translation import gettext as _

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
#: Columns read per row (both layouts have fewer than 100).
MAX_COLUMNS = 128
#: Bytes of uncompressed XML read from one part (a zip bomb stops here).
MAX_XML_BYTES = 200_000_000
_REF = re.compile(r"^([A-Z]{1,3})(\d{1,7})$")
# Excel's built-in date and time number formats.
_TIME_ONLY = {18, 19, 20, 21, 45, 46, 47}
_DATE_FORMATS = {14, 15, 16, 17, 22, 27, 30, 36, 50, 57} | _TIME_ONLY
_EPOCH = datetime(1899, 12, 30)


class XlsxError(Exception):
    """The workbook cannot be read at all (its message is for people)."""


class _Bounded:
    """A file object that refuses to give more than ``limit`` bytes."""

    def __init__(self, raw, limit):
        self.raw, self.left = raw, limit

    def read(self, size=-1):
        data = self.raw.read(65536 if size is None or size < 0 else min(size, 65536))
        self.left -= len(data)
        if self.left < 0:
            raise XlsxError(_("The XLSX file is too large once unpacked."))
        return data


def _parse(book, name):
    """iterparse events of one part of the package."""
    try:
        raw = book.open(name)
    except KeyError as error:
        raise XlsxError(_("The XLSX file has no worksheet.")) from error
    return iterparse(_Bounded(raw, MAX_XML_BYTES), events=("end",))


def _first_sheet(book):
    names = set(book.namelist())
    try:
        sheet_id = next(
            el.get(f"{REL}id")
            for _e, el in _parse(book, "xl/workbook.xml")
            if el.tag == f"{MAIN}sheet"
        )
        target = next(
            el.get("Target")
            for _e, el in _parse(book, "xl/_rels/workbook.xml.rels")
            if el.tag == f"{PACKAGE_REL}Relationship" and el.get("Id") == sheet_id
        )
    except (StopIteration, ParseError, XlsxError):
        target = "worksheets/sheet1.xml"
    path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return path if path in names else "xl/worksheets/sheet1.xml"


def _shared_strings(book):
    if "xl/sharedStrings.xml" not in book.namelist():
        return []
    strings = []
    for _e, el in _parse(book, "xl/sharedStrings.xml"):
        if el.tag == f"{MAIN}si":
            strings.append("".join(t.text or "" for t in el.iter(f"{MAIN}t")))
            el.clear()
    return strings


def _date_styles(book):
    """{style index: "date" | "time"} of the cell styles showing dates."""
    if "xl/styles.xml" not in book.namelist():
        return {}
    custom, styles, in_xfs = {}, {}, False
    for _e, el in _parse(book, "xl/styles.xml"):
        if el.tag == f"{MAIN}numFmt":
            code = re.sub(r'"[^"]*"|\[[^\]]*\]', "", el.get("formatCode", "")).lower()
            if re.search(r"[ymd]", code):
                custom[int(el.get("numFmtId", "0"))] = "date"
            elif re.search(r"[hs]", code):
                custom[int(el.get("numFmtId", "0"))] = "time"
        elif el.tag == f"{MAIN}cellXfs":
            in_xfs = True
            for index, xf in enumerate(el.findall(f"{MAIN}xf")):
                number = int(xf.get("numFmtId", "0") or 0)
                builtin = "time" if number in _TIME_ONLY else "date"
                kind = custom.get(number) or (builtin if number in _DATE_FORMATS else None)
                if kind:
                    styles[index] = kind
    return styles if in_xfs else {}


def _column_index(letters):
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number - 1


def _serial(number, kind):
    moment = _EPOCH + timedelta(days=number)
    if kind == "time":
        return moment.strftime("%H:%M")
    if moment.time() == datetime.min.time():
        return moment.date().isoformat()
    return moment.strftime("%Y-%m-%d %H:%M")


def _cell_value(cell, strings, styles):
    kind = cell.get("t", "n")
    value = cell.find(f"{MAIN}v")
    text = value.text if value is not None and value.text is not None else ""
    if kind == "inlineStr":
        return "".join(t.text or "" for t in cell.iter(f"{MAIN}t"))
    if kind == "s":
        return strings[int(text)]  # IndexError/ValueError: the cell's error
    if kind in ("str", "e"):
        return text if kind == "str" else ""
    if kind == "b":
        return {"1": "TRUE", "0": "FALSE"}[text.strip()]
    if kind == "d":
        parsed = datetime.fromisoformat(text.strip())
        return (
            parsed.date().isoformat()
            if parsed.time() == datetime.min.time()
            else f"{parsed:%Y-%m-%d %H:%M}"
        )
    if not text:
        return ""
    number = float(text)
    style = styles.get(int(cell.get("s", "0") or 0))
    if style:
        return _serial(number, style)
    return str(int(number)) if number.is_integer() else text


def read_xlsx(data, *, max_rows, deadline):
    """``[(row number, cells, {column index: problem})]`` of the first sheet;
    raises :class:`XlsxError` when the file cannot be read or is too big."""
    import io

    try:
        book = zipfile.ZipFile(io.BytesIO(data))
        strings = _shared_strings(book)
        try:
            styles = _date_styles(book)
        except (ValueError, ParseError):  # unreadable styles: numbers stay numbers
            styles = {}
        rows, number = [], 0
        for _e, el in _parse(book, _first_sheet(book)):
            if el.tag != f"{MAIN}row":
                continue
            number += 1
            if number > max_rows or time.monotonic() > deadline:
                raise XlsxError(
                    _("The XLSX file has more than %(count)s rows or takes too long to read.")
                    % {"count": f"{max_rows:,}"}
                )
            rows.append(_row(el, number, strings, styles))
            el.clear()
        return rows
    except (zipfile.BadZipFile, ParseError, OSError, EOFError, RuntimeError, ValueError) as error:
        raise XlsxError(_("The XLSX file cannot be read.")) from error


def _row(el, number, strings, styles):
    try:
        number = int(el.get("r", number))
    except ValueError:
        pass
    cells, problems, column = {}, {}, -1
    for cell in el.findall(f"{MAIN}c"):
        column += 1
        match = _REF.match(cell.get("r", ""))
        if match:
            column = _column_index(match[1])
        elif cell.get("r") is not None:
            problems[column] = _("“%(ref)s” is not a cell reference.") % {"ref": cell.get("r")[:20]}
            continue
        if column >= MAX_COLUMNS:
            break
        try:
            cells[column] = _cell_value(cell, strings, styles)
        except (ValueError, IndexError, KeyError, OverflowError, TypeError):
            problems[column] = _("This cell cannot be read (type %(type)s).") % {
                "type": cell.get("t", "n")[:10]
            }
    width = max(cells, default=-1) + 1
    return number, [cells.get(i, "") for i in range(width)], problems

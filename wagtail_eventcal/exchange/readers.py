"""Reading uploaded files into records: ``(line, {column: text})``.

A file-level problem (unknown encoding, no header, too many rows) raises
:class:`FileError`; a problem of one row is that row's, reported later with
its line number (``rows``), so the good rows still import.
"""

import csv
import io
import zipfile

from django.utils.translation import gettext as _

from ..conf import get_setting
from .columns import COLUMNS, REQUIRED
from .neutralize import unneutralize

# The byte order mark is dropped by "utf-8-sig"; Excel's Japanese CSV is
# CP932 (Shift_JIS with Microsoft's extensions: ①, ㈱, 髙 …).
ENCODINGS = ("utf-8-sig", "cp932")


class FileError(Exception):
    """The whole file is refused (the message says why, for people)."""


def check_size(data):
    limit = get_setting("IMPORT_MAX_BYTES")
    if len(data) > limit:
        raise FileError(
            _("The file is %(size)s bytes; at most %(limit)s bytes can be imported at once.")
            % {"size": f"{len(data):,}", "limit": f"{limit:,}"}
        )
    if not data.strip():
        raise FileError(_("The file is empty."))


def check_rows(count):
    limit = get_setting("IMPORT_MAX_ROWS")
    if count > limit:
        raise FileError(
            _("The file has %(count)s events; at most %(limit)s can be imported at once.")
            % {"count": count, "limit": limit}
        )


def decode(data):
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileError(_("The file is neither UTF-8 nor Shift_JIS (CP932) text."))


def read_table(data):
    """Records of a CSV or XLSX file in the recommended event format."""
    check_size(data)
    table = _xlsx_rows(data) if zipfile.is_zipfile(io.BytesIO(data)) else _csv_rows(data)
    return _records(table)


def _csv_rows(data):
    text = decode(data)
    try:
        # (line number, cells): a quoted cell may span lines.
        reader = csv.reader(io.StringIO(text, newline=""))
        rows, last = [], 0
        for cells in reader:
            rows.append((last + 1, cells))  # the line the row starts on
            last = reader.line_num
        return rows
    except csv.Error as error:
        raise FileError(
            _("The CSV file cannot be read near line %(line)s: %(error)s")
            % {"line": reader.line_num, "error": error}
        ) from error


def _xlsx_rows(data):
    from openpyxl import load_workbook

    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise FileError(_("The XLSX file cannot be read.")) from error
    rows = []
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        rows.append((number, [_cell_text(value) for value in values]))
    return rows


def _cell_text(value):
    from datetime import date, datetime, time

    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M") if value.time() != time.min else f"{value:%Y-%m-%d}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _records(table):
    table = [(line, cells) for line, cells in table if any(c.strip() for c in cells)]
    if not table:
        raise FileError(_("The file is empty."))
    header_line, header = table[0]
    header = [cell.strip().replace("（", "(").replace("）", ")") for cell in header]
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        raise FileError(
            _(
                "The header row (line %(line)s) lacks the columns %(columns)s "
                "of the recommended event format."
            )
            % {"line": header_line, "columns": "、".join(missing)}
        )
    unknown = [c for c in header if c and c not in COLUMNS]
    check_rows(len(table) - 1)
    records = []
    for line, cells in table[1:]:
        record = {column: "" for column in COLUMNS}
        for column, cell in zip(header, cells, strict=False):
            if column in record:
                record[column] = unneutralize(cell.strip())
        records.append((line, record))
    return records, unknown

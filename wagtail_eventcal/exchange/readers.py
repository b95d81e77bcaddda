"""Reading uploaded files into records: ``(line, {column: text}, problems)``.

A file-level problem (unknown encoding, no header, too many rows, too
large) raises :class:`FileError`; a problem of one row or cell is that
row's, reported later with its NO/ID (``table_rows``), so the good rows
still import. Reading is bounded whatever a file declares: rows are counted
as they are read, cells past the known columns are ignored, and a file has
a time budget.
"""

import csv
import io
import time
import zipfile

from django.utils.translation import gettext as _

from ..conf import get_setting
from .columns import detect_layout, header_name
from .neutralize import unneutralize
from .xlsx import XlsxError, read_xlsx

# The byte order mark is dropped by "utf-8-sig"; Excel's Japanese CSV is
# CP932 (Shift_JIS with Microsoft's extensions: ①, ㈱, 髙 …).
ENCODINGS = ("utf-8-sig", "cp932")
#: Blank rows allowed on top of the row limit (spreadsheets keep some).
BLANK_ROWS = 1000


class FileError(Exception):
    """The whole file is refused (the message says why, for people)."""


def check_size(data, size=None):
    """``size``: the upload's real size when only its start was read."""
    limit = get_setting("IMPORT_MAX_BYTES")
    size = len(data) if size is None else size
    if size > limit:
        raise FileError(
            _("The file is %(size)s bytes; at most %(limit)s bytes can be imported at once.")
            % {"size": f"{size:,}", "limit": f"{limit:,}"}
        )
    if not data.strip():
        raise FileError(_("The file is empty."))


def check_rows(count):
    limit = get_setting("IMPORT_MAX_ROWS")
    if count > limit:
        raise FileError(
            _("The file has %(count)s events; at most %(limit)s can be imported at once.")
            % {"count": f"{count:,}", "limit": f"{limit:,}"}
        )


def deadline():
    """The moment reading a file must be over (``IMPORT_MAX_SECONDS``)."""
    return time.monotonic() + get_setting("IMPORT_MAX_SECONDS")


def decode(data):
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileError(_("The file is neither UTF-8 nor Shift_JIS (CP932) text."))


def read_table(data):
    """(layout, records, unknown columns) of a CSV or XLSX file in either
    layout of イベント一覧 (its size already checked)."""
    if zipfile.is_zipfile(io.BytesIO(data)):
        max_rows = get_setting("IMPORT_MAX_ROWS") + 1 + BLANK_ROWS
        try:
            table = read_xlsx(data, max_rows=max_rows, deadline=deadline())
        except XlsxError as error:
            raise FileError(str(error)) from error
    else:
        table = _csv_rows(data)
    return _records(table)


def _csv_rows(data):
    text = decode(data)
    # (line number, cells): a quoted cell may span lines.
    reader = csv.reader(io.StringIO(text, newline=""))
    rows, last = [], 0
    try:
        for cells in reader:
            rows.append((last + 1, cells, {}))  # the line the row starts on
            last = reader.line_num
    except csv.Error as error:
        raise FileError(
            _("The CSV file cannot be read near line %(line)s.") % {"line": reader.line_num}
        ) from error
    return rows


def _records(table):
    table = [row for row in table if any(c.strip() for c in row[1])]
    if not table:
        raise FileError(_("The file is empty."))
    header_line, header, _problems = table[0]
    header = [header_name(cell) for cell in header]
    layout = detect_layout(header)
    missing = [column for column in layout.required if column not in header]
    if missing:
        raise FileError(
            _(
                "The header row (line %(line)s) lacks the columns %(columns)s "
                "of the open-data event format (イベント一覧)."
            )
            % {"line": header_line, "columns": "、".join(missing)}
        )
    unknown = [c for c in header if c and c not in layout.columns]
    check_rows(len(table) - 1)
    records = []
    for line, cells, problems in table[1:]:
        record = {}
        for column, cell in zip(header, cells, strict=False):
            if column and column not in record:
                record[column] = unneutralize(cell.strip())
        cell_problems = [
            (header[index] if index < len(header) else "", message)
            for index, message in problems.items()
        ]
        records.append((line, record, cell_problems))
    return layout, records, unknown

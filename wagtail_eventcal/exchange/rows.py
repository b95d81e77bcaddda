"""One imported row: the values its draft will have, and what is wrong with it.

Both readers (CSV/XLSX records and ``.ics`` VEVENTs) produce
:class:`ImportRow` objects; errors name the line and the column (or the
iCalendar property) so that the submitter can fix the file.
"""

import html
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from ..choices import EventFormat
from ..models.pages import event_zone
from .columns import PREFECTURE_BY_NAME, prefecture_from_text

SUMMARY_LENGTH = 400
_URL = URLValidator(schemes=["http", "https"])
_TIME = re.compile(r"^(\d{1,2})[:：](\d{2})(?::\d{2})?$")
_FREE = {"", "無料", "0", "0円", "free", "無料（要申込）"}


@dataclass
class ImportRow:
    line: int
    key: str = ""
    values: dict = field(default_factory=dict)
    organizer_names: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # [(column, message)]
    verdict: object = None
    duplicates: list = field(default_factory=list)
    existing: object = None  # the draft an earlier import made from this key
    action: str = ""  # "create", "update", "skip"

    def error(self, column, message):
        self.errors.append((column, message))

    @property
    def ok(self):
        return not self.errors


def parse_date(row, column, text):
    if not text:
        return None
    normalized = text.strip().replace("/", "-").replace(".", "-")
    try:
        return date.fromisoformat("-".join(part.zfill(2) for part in normalized.split("-")))
    except ValueError:
        row.error(column, _("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": text})
        return None


def parse_time(row, column, text):
    if not text:
        return None
    match = _TIME.match(text.strip())
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        row.error(column, _("“%(value)s” is not a time (hh:mm).") % {"value": text})
        return None
    return time(int(match[1]), int(match[2]))


def text_to_rich_text(text):
    """Plain text paragraphs as the rich text the admin stores."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]
    return "".join("<p>{}</p>".format(html.escape(p).replace("\n", "<br/>")) for p in paragraphs)


def set_times(row, start_date, start_time, end_date, end_time, *, start_col, end_col):
    """start/end/all_day from separate dates and times (JST)."""
    zone = event_zone()
    if start_date is None:
        return
    end_date = end_date or start_date
    if end_date < start_date:
        row.error(end_col, _("The end date is before the start date."))
        return
    if start_time is None:
        row.values.update(
            all_day=True,
            start=datetime.combine(start_date, time.min, tzinfo=zone),
            end=datetime.combine(end_date, time(23, 59, 59), tzinfo=zone),
        )
        return
    start = datetime.combine(start_date, start_time, tzinfo=zone)
    # Without an end time the event is taken to last until the start time
    # on the end date (the submitter completes it in the draft).
    end = datetime.combine(end_date, end_time or start_time, tzinfo=zone)
    if end < start:
        row.error(end_col, _("The end is before the start."))
        return
    row.values.update(all_day=False, start=start, end=end)


def check_url(row, column, url):
    if not url:
        row.error(column, _("A public page with the event's details is required (posting rule 4)."))
        return
    try:
        _URL(url)
    except ValidationError:
        row.error(column, _("“%(value)s” is not an http or https address.") % {"value": url})
        return
    row.values["detail_url"] = url


def record_to_row(line, record, *, code_column="都道府県コード又は市区町村コード"):
    """An ImportRow from one record of the recommended event format."""
    row = ImportRow(line=line)
    row.key = f"csv:{record[code_column]}:{record['NO']}" if record["NO"] else ""
    if not record["NO"]:
        row.error(
            "NO", _("Every row needs a NO (with the code, it identifies the event on re-import).")
        )
    title = record["イベント名"]
    if not title:
        row.error("イベント名", _("The event name is required."))
    row.values.update(title=title[:255], title_en=record["イベント名_英語"][:255])
    start_date = parse_date(row, "開始日", record["開始日"])
    if not record["開始日"]:
        row.error("開始日", _("The start date is required."))
    end_date = parse_date(row, "終了日", record["終了日"])
    start_time = parse_time(row, "開始時間", record["開始時間"])
    end_time = parse_time(row, "終了時間", record["終了時間"])
    set_times(row, start_date, start_time, end_date, end_time, start_col="開始日", end_col="終了日")
    description = record["説明"]
    row.values.update(
        summary_ja=description[:SUMMARY_LENGTH],
        description_ja=text_to_rich_text(description),
        venue_name_ja=record["場所名称"][:255],
        address_ja=record["住所"][:255],
        contact_name_ja=record["連絡先名称"][:255],
        contact_phone=record["連絡先電話番号"][:40],
    )
    fee = record["料金(基本)"]
    is_free = fee.strip().lower() in _FREE
    row.values.update(is_free=is_free, fee_ja="" if is_free else fee[:255])
    prefecture = PREFECTURE_BY_NAME.get(record["都道府県名"]) or prefecture_from_text(
        record["住所"]
    )
    if record["場所名称"] in ("オンライン", "Online", "online"):
        # The detail page tells participants how to join (completed in the draft).
        row.values.update(
            event_format=EventFormat.ONLINE, prefecture="online", online_url=record["URL"]
        )
    elif prefecture:
        row.values["prefecture"] = prefecture
    if record["定員"]:
        digits = record["定員"].replace(",", "").removesuffix("名").removesuffix("人")
        if digits.isdigit():
            row.values["capacity"] = int(digits)
        else:
            row.error(
                "定員", _("“%(value)s” is not a number of people.") % {"value": record["定員"]}
            )
    for column in ("緯度", "経度"):
        if record[column]:
            try:
                float(record[column])
            except ValueError:
                row.error(
                    column, _("“%(value)s” is not a decimal number.") % {"value": record[column]}
                )
    deadline_date = parse_date(row, "参加申込終了日", record["参加申込終了日"])
    deadline_time = parse_time(row, "参加申込終了時間", record["参加申込終了時間"])
    if deadline_date:
        row.values["application_deadline"] = datetime.combine(
            deadline_date, deadline_time or time(23, 59), tzinfo=event_zone()
        )
        start = row.values.get("start")
        if start and row.values["application_deadline"] > start:
            row.values["application_deadline"] = start
    check_url(row, "URL", record["URL"])
    row.organizer_names = [
        name.strip() for name in re.split(r"[、,，/／]", record["主催者"]) if name.strip()
    ]
    return row

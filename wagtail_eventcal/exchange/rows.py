"""One imported row: the values its draft will have, and what is wrong with it.

Both readers (CSV/XLSX records and ``.ics`` VEVENTs) produce
:class:`ImportRow` objects. An *error* means the row cannot be a draft at all
(no title, no start, unreadable dates, a recurring series); a *warning* is
shown with the draft (a time zone to check, an address that was not used);
what the draft still lacks for submission is listed by the importer. Every
message names the row as its file does (NO/ID, or the UID and summary).
"""

import hashlib
import html
import logging
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from ..models.pages import event_zone

logger = logging.getLogger(__name__)

SUMMARY_LENGTH = 400
#: ``ImportedEvent.key`` holds this many characters; longer keys are hashed.
KEY_LENGTH = 255
#: Dates outside these years are typing errors or placeholders (9999, 0001).
YEARS = (1970, 2100)
_URL = URLValidator(schemes=["http", "https"])
_TIME = re.compile(r"^(\d{1,2})[:：](\d{2})(?::\d{2})?$")


@dataclass
class ImportRow:
    line: int
    ref: str = ""  # how messages name the row: "NO 3", "ID a-1", "UID … 「…」"
    key: str = ""
    values: dict = field(default_factory=dict)
    organizer_names: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # [(column, message)]: not imported
    warnings: list = field(default_factory=list)  # [(column, message)]: imported
    lacks: list = field(default_factory=list)  # labels of what submission needs
    verdict: object = None
    duplicates: list = field(default_factory=list)
    existing: object = None  # the draft an earlier import made from this key
    action: str = ""  # "create", "update", "skip"

    def error(self, column, message):
        self.errors.append((column, message))

    def warn(self, column, message):
        self.warnings.append((column, message))

    @property
    def ok(self):
        return not self.errors


def import_key(prefix, value):
    """``prefix:value``, or a digest of ``value`` when that is longer than
    the key column (a 300-character UID must not fail at "Create drafts")."""
    key = f"{prefix}:{value}"
    if len(key) <= KEY_LENGTH:
        return key
    return f"{prefix}#sha256:{hashlib.sha256(value.encode('utf-8', 'replace')).hexdigest()}"


def safely(line, ref, build, *args):
    """``build(*args)``, or a row with one error when reading it failed in a
    way nobody foresaw: one broken row never stops the file."""
    try:
        return build(*args)
    except Exception:
        logger.warning("Import: row %s (%s) could not be read", line, ref, exc_info=True)
        row = ImportRow(line=line, ref=ref)
        row.error("", _("This row could not be read; check its values."))
        return row


def in_range(report, column, value, shown):
    """``value`` (a date) if its year is plausible, else None, reported."""
    if value is not None and not YEARS[0] <= value.year <= YEARS[1]:
        report(
            column,
            _("“%(value)s” is outside the years %(first)s–%(last)s.")
            % {"value": shown, "first": YEARS[0], "last": YEARS[1]},
        )
        return None
    return value


def parse_date(report, column, text):
    """The date in ``text`` (YYYY-MM-DD, YYYY/M/D, YYYY.MM.DD), or None with
    ``report(column, message)`` (``row.error`` or ``row.warn``)."""
    if not text:
        return None
    normalized = text.strip().replace("/", "-").replace(".", "-")
    try:
        value = date.fromisoformat("-".join(part.zfill(2) for part in normalized.split("-")))
    except ValueError:
        report(column, _("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": text})
        return None
    return in_range(report, column, value, text)


def parse_time(report, column, text):
    if not text:
        return None
    match = _TIME.match(text.strip())
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        report(column, _("“%(value)s” is not a time (hh:mm).") % {"value": text})
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


def valid_url(url):
    try:
        _URL(url)
    except ValidationError:
        return False
    return len(url) <= 500


def offer_url(row, column, url, *, field_name="detail_url"):
    """Use ``url`` as the draft's detail (or online) address when it is one;
    a malformed one is said and left out (the draft then lacks it)."""
    url = (url or "").strip()
    if not url or row.values.get(field_name):
        return
    if valid_url(url):
        row.values[field_name] = url
    else:
        row.warn(column, _("“%(value)s” is not an http or https address.") % {"value": url[:200]})

"""When the secretariat owed an answer, under each revision's rule 2.(2).

The review cadence changed twice (the document's change log):

- revisions 1 and 2: a **monthly** batch — 「原則毎月第2月曜を締め日として、
  それまでに投稿のあったイベントを第3月曜までに更新する」: submissions
  received up to the 2nd Monday of a month are published by its 3rd Monday;
- revision 3: a **weekly** batch — 「原則毎週金曜を締め日として、それまでに
  投稿のあったイベントを水曜までに更新する」: received up to a Friday,
  published by the following Wednesday;
- revision 4 (current): each receipt within about 3 business days
  (``business_days.due_date``).

The cut-off day itself counts as "up to" it (それまでに). The batch dates are
calendar days, as the document states them: a holiday moves nothing.

The 3rd revision is dated 2019-05-14 while its change log is dated
2019-05-07; the plugin takes 2019-05-14 (``eligibility.RULE_SETS``), so a
receipt of 7–13 May 2019 is replayed under the monthly batch.
"""

from datetime import date, datetime, timedelta

from . import business_days

MONTHLY = "monthly"
WEEKLY = "weekly"
ROLLING = "rolling"

MONDAY, WEDNESDAY, FRIDAY = 0, 2, 4


def nth_weekday(year, month, weekday, n):
    """The ``n``-th ``weekday`` (0 = Monday) of the month."""
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def monthly_due(received: date) -> date:
    """Received up to the 2nd Monday of its month: that month's 3rd Monday;
    after it: the next month's."""
    year, month = received.year, received.month
    if received > nth_weekday(year, month, MONDAY, 2):
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return nth_weekday(year, month, MONDAY, 3)


def weekly_due(received: date) -> date:
    """Received up to a Friday: the Wednesday after it."""
    cut_off = received + timedelta(days=(FRIDAY - received.weekday()) % 7)
    return cut_off + timedelta(days=5)


def due_date(received_at: datetime, cadence: str, **kwargs) -> date:
    """The date by which a receipt at ``received_at`` (JST date) was owed an
    answer under ``cadence``; ``kwargs`` go to ``business_days.due_date``."""
    if cadence == MONTHLY:
        return monthly_due(business_days.local_date(received_at))
    if cadence == WEEKLY:
        return weekly_due(business_days.local_date(received_at))
    return business_days.due_date(received_at, **kwargs)

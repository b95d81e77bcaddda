"""Signs that a submission promotes a programme rather than a one-off event.

Overview note ※1 of the rules document: 「インターンシップ事業等、一定期間に渡る
公募・実施を伴う事業広報は別途取りまとめの上、掲載を行います。」 Such
programmes are compiled and listed separately, so a submission that looks like
one is the reviewer's call ("needs review"), never an automatic refusal.

Length alone (``PROGRAMME_DAYS``) misses a short internship or a
selection-based programme, so the texts and dates are read for signals:

- *strong* signals count on their own: an internship, a public call (公募),
  selection of participants (選考・選抜), several sessions (全N回, 連続講座,
  "6-session", a cohort), applications closing well before the start
  (``PROGRAMME_APPLICATION_LEAD_DAYS``), sessions of one series of the same
  body (titles equal but for 第N回 / "Session N", close in time);
- *weak* signals — recruiting participants (募集, 参加者募集, "now
  recruiting") — count only next to another signal or over several days:
  「参加者募集中」 on a one-day seminar is how every seminar is announced.

Pure functions over plain values; ``evaluate_event`` gathers them.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from ..conf import get_setting


@dataclass(frozen=True)
class Signal:
    code: str
    label_ja: str
    label_en: str


INTERNSHIP = Signal("internship", "インターンシップ", "an internship")
PUBLIC_CALL = Signal("public_call", "公募", "a public call for applications")
SELECTION = Signal("selection", "参加者の選考", "selection of participants")
SESSIONS = Signal("sessions", "複数回の実施", "several sessions")
RECRUITING = Signal("recruiting", "参加者の募集", "recruiting participants")
SEVERAL_DAYS = Signal("several_days", "複数日にわたる開催", "held over several days")

_FLAGS = re.IGNORECASE

#: (signal, pattern): found in the folded texts (NFKC, so ３ reads as 3).
STRONG_PATTERNS = (
    (INTERNSHIP, re.compile(r"インターン|\binterns?(hips?)?\b", _FLAGS)),
    (
        PUBLIC_CALL,
        re.compile(
            r"公募|call for (applications|participants|entries)|applications are invited|"
            r"open call",
            _FLAGS,
        ),
    ),
    (
        SELECTION,
        re.compile(
            r"選抜|書類審査|(書類|一次|二次|最終)選考|選考(の上|により|によって|結果|を経て|を行|あり)|"
            r"selection (process|of participants)|(participants|applicants) (will be|are) "
            r"selected|selected participants|document screening|shortlist",
            _FLAGS,
        ),
    ),
    (
        SESSIONS,
        re.compile(
            r"全\s*\d+\s*回|計\s*\d+\s*回|\d+\s*回(シリーズ|連続|コース)|連続講座|\d+\s*期生|"
            r"\b\d+[- ](session|week|part)s?\b(?! ago)|series of \d+|"
            r"session \d+ of \d+|part \d+ of \d+|multi-session|\bcohort\b",
            _FLAGS,
        ),
    ),
)
WEAK_PATTERNS = (
    (
        RECRUITING,
        re.compile(
            r"募集|recruiting (participants|students|trainees)|participants wanted|"
            r"now recruiting|applications? (are )?open",
            _FLAGS,
        ),
    ),
)

#: A number marking one session of a series: 第3回, （2回目）, Session 2 …
_SERIES_MARK = re.compile(
    r"第\s*\d+\s*回|[(（]?\s*\d+\s*回目\s*[)）]?|\b(session|part|no\.|vol\.|#)\s*\d+\b|#\d+",
    _FLAGS,
)


def fold(text):
    return unicodedata.normalize("NFKC", text or "").lower()


def series_stem(title):
    """The title without its session number, or None when it has none."""
    folded = fold(title)
    if not _SERIES_MARK.search(folded):
        return None
    return re.sub(r"[\W_]+", "", _SERIES_MARK.sub("", folded))


def in_one_series(title, start, others, *, days=None):
    """Whether another event of the same body (``others``: ``(title, start
    date)`` pairs) is a session of the same series within ``days``
    (``PROGRAMME_SERIES_DAYS``): 「ビジネス日本語講座 第2回」 a week after
    第1回. A yearly 「第10回 留学生就職フェア」 is an edition, not a session."""
    stem = series_stem(title)
    if not stem or start is None:
        return False
    window = timedelta(days=days if days is not None else get_setting("PROGRAMME_SERIES_DAYS"))
    return any(
        series_stem(other) == stem and abs(other_start - start) <= window
        for other, other_start in others
    )


def find_signals(
    texts,
    *,
    start: date | None = None,
    end: date | None = None,
    application_deadline: date | None = None,
    series=False,
):
    """The programme signals of an event, in a stable order.

    ``texts``: its titles, summaries and descriptions as plain text;
    ``start``/``end``/``application_deadline``: local dates; ``series``: it
    is one session of a series of its body (:func:`in_one_series`)."""
    text = "\n".join(fold(t) for t in texts if t)
    found = [signal for signal, pattern in STRONG_PATTERNS if pattern.search(text)]
    if series and SESSIONS not in found:
        found.append(SESSIONS)
    lead = get_setting("PROGRAMME_APPLICATION_LEAD_DAYS")
    if application_deadline and start and (start - application_deadline).days >= lead:
        found.append(early_deadline((start - application_deadline).days))
    weak = [signal for signal, pattern in WEAK_PATTERNS if pattern.search(text)]
    several_days = bool(start and end and end > start)
    if weak and (found or several_days):
        found.extend(weak)
        if several_days:
            found.append(SEVERAL_DAYS)
    return found


def early_deadline(days):
    return Signal(
        "early_deadline",
        f"開始の{days}日前に締め切る申込期間",
        f"applications close {days} days before the start",
    )

"""The posting rules as data, and a pure function that applies them.

The rules document has been revised; each revision is a :class:`RuleSet`
with the date it took effect. A submission is judged by the set in force on
its submission date (``evaluate(..., on=date)``), so that a past decision can
be replayed exactly.

English messages cite the numbered posting rules ("posting rule 2"); the
Japanese ones quote the document through ``quotes`` and cite its sections in
its one style (細則3.(1), FAQ Q.1).

:func:`evaluate` takes plain values and touches no database;
:func:`evaluate_event` reads them off an ``EventPage`` (and, for a series,
its organizers' other events through the page's own manager).
"""

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.html import strip_tags

from ..bilingual import active_language
from ..choices import BodyType, ResidenceAudience, Role
from ..conf import get_setting
from . import cadence, programmes, quotes

ELIGIBLE = "eligible"
NEEDS_REVIEW = "needs_review"
INELIGIBLE = "ineligible"
# Worst first: the verdict is the worst of its reasons.
_SEVERITY = {ELIGIBLE: 0, NEEDS_REVIEW: 1, INELIGIBLE: 2}


@dataclass(frozen=True)
class RuleSet:
    revision: int
    effective: date
    public_body_types: frozenset
    note: str = ""
    #: How the secretariat answered (rule 2.(2)): ``cadence.MONTHLY``,
    #: ``WEEKLY`` or ``ROLLING``.
    cadence: str = cadence.ROLLING


_FIRST_BODIES = frozenset(
    {
        BodyType.MINISTRY,
        BodyType.LOCAL_GOVERNMENT,
        BodyType.INCORPORATED_ADMINISTRATIVE_AGENCY,
        BodyType.CHAMBER_OF_COMMERCE,
    }
)
_SECOND_BODIES = _FIRST_BODIES | {BodyType.SOCIETY_OF_COMMERCE, BodyType.UNIVERSITY}

#: Every revision of the rules document, oldest first.
RULE_SETS = (
    RuleSet(1, date(2018, 11, 20), _FIRST_BODIES, "1st edition", cadence.MONTHLY),
    RuleSet(
        2,
        date(2019, 1, 9),
        _SECOND_BODIES,
        "societies of commerce, universities added",
        cadence.MONTHLY,
    ),
    # The document dates this revision 2019-05-14 and its change log
    # 2019-05-07: the revision's own date is taken (docs/posting-rules.md).
    RuleSet(
        3,
        date(2019, 5, 14),
        _SECOND_BODIES,
        "weekly publication batch (effective 2019-05-14, the revision's date; "
        "its change log is dated 2019-05-07)",
        cadence.WEEKLY,
    ),
    RuleSet(4, date(2020, 7, 10), _SECOND_BODIES, "rolling review within ~3 business days"),
)

#: Work outside the professional/technical residence statuses (posting rule 1:
#: 「技能実習生や留学生のアルバイトなど」 — an open list, hence the "other" code).
#: An event *mainly* for these is out of scope; next to professional audiences,
#: what the event mainly serves is the reviewer's call.
EXCLUDED_AUDIENCES = frozenset(
    {
        ResidenceAudience.TECHNICAL_INTERN,
        ResidenceAudience.STUDENT_PART_TIME,
        ResidenceAudience.OTHER_NON_PROFESSIONAL,
    }
)
#: Audiences that are the reviewer's call (SPEC, interpretation notes).
FLAGGED_AUDIENCES = frozenset({ResidenceAudience.SPECIFIED_SKILLED_WORKER})
#: Only these roles of a public body satisfy rule 2 (細則3.(1) 「主催・共催・後援」);
#: a sponsor (協賛), cooperating organization (協力) or exhibitor (出展) does not.
QUALIFYING_ROLES = frozenset({Role.ORGANIZER, Role.CO_ORGANIZER, Role.SUPPORTER})


def status_label(status):
    """The verdict status for people, in the active language."""
    from django.utils.translation import gettext

    labels = {
        ELIGIBLE: gettext("Eligible"),
        NEEDS_REVIEW: gettext("Needs review"),
        INELIGIBLE: gettext("Not eligible"),
    }
    return labels.get(status, status)


def rule_set_for(on: date) -> RuleSet:
    """The rule set in force on ``on`` (the first one for earlier dates)."""
    current = RULE_SETS[0]
    for rule_set in RULE_SETS:
        if rule_set.effective <= on:
            current = rule_set
    return current


def public_body_types(on: date | None = None) -> frozenset:
    """The body-type codes that are public bodies on ``on`` (today when
    None): posting rule 2 and FAQ 1 of the revision in force."""
    return rule_set_for(on or timezone.localdate()).public_body_types


def is_public_body(body_types, on: date | None = None) -> bool:
    """Whether an organization of ``body_types`` (codes) is a public body:
    only its staff enter events and ask for proxy entry (FAQ 2)."""
    return bool(_codes(body_types) & public_body_types(on))


@dataclass(frozen=True)
class Reason:
    """Why a submission is not simply eligible. ``code`` is stable (store it,
    test on it); the messages are for people and cite the rule."""

    code: str
    status: str
    message_ja: str
    message_en: str
    rule: str  # the rule cited, e.g. "rule 2, FAQ 1"

    @property
    def message(self):
        return self.message_en if active_language() == "en" else self.message_ja

    def __str__(self):
        return self.message


@dataclass(frozen=True)
class Verdict:
    status: str
    reasons: list = field(default_factory=list)
    rule_set: RuleSet = RULE_SETS[-1]

    @property
    def is_eligible(self):
        return self.status == ELIGIBLE

    @property
    def is_ineligible(self):
        return self.status == INELIGIBLE

    @property
    def label(self):
        return status_label(self.status)

    def as_data(self):
        """The reasons as JSON-ready dicts (stored with each review round)."""
        return [asdict(reason) for reason in self.reasons]

    @property
    def codes(self):
        return [reason.code for reason in self.reasons]

    def with_reasons(self, *reasons):
        """A verdict with ``reasons`` added (status recomputed)."""
        return verdict_of([*self.reasons, *reasons], self.rule_set)


def verdict_of(reasons, rule_set):
    """A verdict whose status is the worst of ``reasons``."""
    status = max((r.status for r in reasons), key=_SEVERITY.get, default=ELIGIBLE)
    return Verdict(status, list(reasons), rule_set)


def _codes(value):
    if value is None:
        return frozenset()
    if isinstance(value, str):
        return frozenset({value})
    return frozenset(value)


def no_public_body(rule_set):
    names_ja = "・".join(_JA_BODY_NAMES[c] for c in _ORDER if c in rule_set.public_body_types)
    return Reason(
        "no_public_body",
        INELIGIBLE,
        f"公的機関（{names_ja}）が主催・共催・後援していません。"
        f"{quotes.RULE_3_1.quoted()} {quotes.FAQ_1.quoted()}",
        "No public body organizes, co-organizes or supports the event (posting rule 2, "
        "FAQ 1: general incorporated associations are not public bodies, nor, at present, "
        "incorporated foundations).",
        "rule 2, FAQ 1",
    )


_ORDER = [
    BodyType.MINISTRY,
    BodyType.LOCAL_GOVERNMENT,
    BodyType.INCORPORATED_ADMINISTRATIVE_AGENCY,
    BodyType.CHAMBER_OF_COMMERCE,
    BodyType.SOCIETY_OF_COMMERCE,
    BodyType.UNIVERSITY,
]
_JA_BODY_NAMES = {
    BodyType.MINISTRY: "省庁",
    BodyType.LOCAL_GOVERNMENT: "自治体",
    BodyType.INCORPORATED_ADMINISTRATIVE_AGENCY: "独立行政法人",
    BodyType.CHAMBER_OF_COMMERCE: "商工会議所",
    BodyType.SOCIETY_OF_COMMERCE: "商工会",
    BodyType.UNIVERSITY: "大学",
}

NON_QUALIFYING_ROLE = Reason(
    "non_qualifying_role",
    INELIGIBLE,
    "公的機関が協賛・協力・出展として関与していますが、対象となるのは公的機関が"
    "「主催・共催・後援する個別のイベント」です（細則3.(1)）。公的機関の後援等を得ているなら、"
    "役割を改めてください。",
    "A public body takes part only as a sponsor, cooperating organization or exhibitor: "
    "only an event that a public body organizes, co-organizes or supports is eligible "
    "(posting rule 2). If a public body does support it, correct the role.",
    "rule 2",
)
EXCLUDED_AUDIENCE = Reason(
    "excluded_audience",
    INELIGIBLE,
    f"技能実習生・留学生のアルバイトなど、専門的・技術的分野以外の就労を主な対象とする"
    f"イベントは掲載できません。{quotes.RULE_2_1.quoted()}",
    "Events mainly for Technical Intern Training trainees, part-time work by international "
    "students or other work outside the professional/technical residence statuses are out "
    "of scope (posting rule 1).",
    "rule 1",
)
MIXED_AUDIENCE = Reason(
    "mixed_audience",
    NEEDS_REVIEW,
    "専門的・技術的分野以外の就労（技能実習・留学生のアルバイトなど）と専門的・技術的分野の"
    "対象者が併記されています。これらの外国人材活用を「主目的に」開催するイベントは対象外のため、"
    f"主目的を事務局が確認します。{quotes.RULE_2_1.quoted()}",
    "The event is aimed at work outside the professional/technical statuses (Technical Intern "
    "Training, students' part-time work …) as well as at professionals. Events held mainly "
    "for the former are out of scope (posting rule 1): the secretariat checks the main purpose.",
    "rule 1",
)
NO_AUDIENCE = Reason(
    "no_audience",
    INELIGIBLE,
    "対象とする在留資格（「対象とする在留資格」欄）を選んでください。掲載の可否はこれで判断します。"
    f"{quotes.RULE_2_1.quoted()}",
    "Choose the residence statuses the event is mainly for (field “residence statuses "
    "aimed at”): events held mainly for work outside the professional/technical residence "
    "statuses, such as Technical Intern Training trainees or part-time work by "
    "international students, are out of scope (posting rule 1).",
    "rule 1",
)
NO_DETAIL_URL = Reason(
    "no_detail_url",
    INELIGIBLE,
    f"詳細ページのURLがありません。{quotes.RULE_2_3.quoted()}",
    "A public page with the event's details (e.g. the application form) must be online "
    "(posting rule 4).",
    "rule 4",
)
SPECIFIED_SKILLED_WORKER = Reason(
    "specified_skilled_worker",
    NEEDS_REVIEW,
    "特定技能を主な対象とするイベントは、高度外国人材に当たるか事務局が確認します。"
    f"{quotes.RULE_2_1.quoted()}",
    "Events mainly for Specified Skilled Workers are the secretariat's call: they are not "
    "“highly skilled” (posting rule 1).",
    "rule 1",
)
URL_UNREACHABLE = Reason(
    "detail_url_unreachable",
    NEEDS_REVIEW,
    "詳細ページのURLに接続できませんでした。公開されているか事務局が確認します。"
    f"{quotes.RULE_2_3.quoted()}",
    "The detail page could not be reached; the secretariat will check that it is online "
    "(posting rule 4).",
    "rule 4",
)
ENDED = Reason(
    "ended",
    INELIGIBLE,
    "このイベントはすでに終了しています。掲載するのは"
    f"{quotes.PLANNED.quoted()}です。",
    "The event has already ended: the calendar lists planned events only (overview of the "
    "rules).",
    "overview",
)


def long_duration(days, limit):
    return Reason(
        "long_duration",
        NEEDS_REVIEW,
        f"開催期間が{days}日間（{limit}日超）です。単発のイベントではなく別途掲載の対象となる"
        f"事業の可能性があります。{quotes.NOTE_1.quoted()}",
        f"The event runs for {days} days (more than {limit}): it may be a programme rather "
        "than a one-off event (overview, note 1).",
        "overview note 1",
    )


def programme(signals):
    """``signals``: :class:`~.programmes.Signal` found in the event."""
    found_ja = "、".join(signal.label_ja for signal in signals)
    found_en = "; ".join(signal.label_en for signal in signals)
    return Reason(
        "programme",
        NEEDS_REVIEW,
        f"公募・選考や複数回の実施を伴う事業（インターンシップ等）の可能性があります（{found_ja}）。"
        f"単発のイベントか、別途掲載の対象となる事業かを事務局が確認します。{quotes.NOTE_1.quoted()}",
        f"The event may be a programme that recruits or selects participants or runs over "
        f"several sessions, such as an internship ({found_en}): the secretariat checks whether "
        "it is a one-off event or a programme listed separately (overview, note 1).",
        "overview note 1",
    )


def evaluate(
    participations: Iterable,
    *,
    audiences: Iterable = (),
    has_detail_url: bool = True,
    duration_days: int = 1,
    has_ended: bool = False,
    programme_signals: Iterable = (),
    on: date | None = None,
) -> Verdict:
    """Judge a submission by the rule set in force on ``on`` (today when None).

    ``participations``: ``(body_types, role)`` pairs, ``body_types`` one code
    or an iterable of codes; ``audiences``: residence-status codes the event
    is mainly for (required: without them rule 1 cannot be applied);
    ``has_ended``: the event is over; ``programme_signals``: what
    :func:`~.programmes.find_signals` found.
    """
    rule_set = rule_set_for(on or timezone.localdate())
    reasons = []
    public = rule_set.public_body_types
    public_roles = {role for body_types, role in participations if _codes(body_types) & public}
    if not public_roles & QUALIFYING_ROLES:
        reasons.append(no_public_body(rule_set))
        if public_roles:
            reasons.append(NON_QUALIFYING_ROLE)
    audiences = _codes(audiences)
    if not audiences:
        reasons.append(NO_AUDIENCE)
    if audiences & EXCLUDED_AUDIENCES:
        # Only excluded audiences: mainly for them. Next to professional
        # audiences the main purpose cannot be read off the form.
        mixed = bool(audiences - EXCLUDED_AUDIENCES)
        reasons.append(MIXED_AUDIENCE if mixed else EXCLUDED_AUDIENCE)
    if not has_detail_url:
        reasons.append(NO_DETAIL_URL)
    if has_ended:
        reasons.append(ENDED)
    if audiences & FLAGGED_AUDIENCES:
        reasons.append(SPECIFIED_SKILLED_WORKER)
    limit = get_setting("PROGRAMME_DAYS")
    if duration_days > limit:
        reasons.append(long_duration(duration_days, limit))
    signals = list(programme_signals)
    if signals:
        reasons.append(programme(signals))
    return verdict_of(reasons, rule_set)


def evaluate_event(event, *, on=None, participations=None, url_check=None, now=None):
    """The verdict for an ``EventPage`` (saved or not).

    ``participations`` overrides the page's own (e.g. an unsaved inline
    formset: ``[(organization, role), ...]``); ``url_check`` is the latest
    detail-URL check (any object with ``is_reachable``), adding a
    needs-review reason when the page could not be reached; ``now`` (the
    current time by default) tells whether the event has ended.
    """
    if participations is None:
        participations = [(p.organization, p.role) for p in event.participations.all()]
    pairs = [(organization.body_type_codes(), role) for organization, role in participations]
    dated = bool(event.start and event.end)
    now = now or timezone.now()
    verdict = evaluate(
        pairs,
        audiences=event.residence_audiences or (),
        has_detail_url=bool(event.detail_url),
        duration_days=len(event.covered_dates()) if dated else 1,
        has_ended=dated and event.end < now,
        programme_signals=event_programme_signals(event, participations) if dated else (),
        on=on,
    )
    if url_check is not None and url_check.url == event.detail_url and not url_check.is_reachable:
        verdict = verdict.with_reasons(URL_UNREACHABLE)
    return verdict


def event_programme_signals(event, participations):
    """:func:`~.programmes.find_signals` of an ``EventPage``: its texts in
    both languages, its dates, and its organizers' other events (a series)."""
    start, end = _local_date(event.start), _local_date(event.end)
    deadline = _local_date(event.application_deadline) if event.application_deadline else None
    texts = [
        event.title,
        event.title_en,
        event.summary_ja,
        event.summary_en,
        strip_tags(event.description_ja or ""),
        strip_tags(event.description_en or ""),
    ]
    others = _same_organizer_events(event, participations, start)
    series = programmes.in_one_series(
        event.title, start, [(title, day) for title, _en, day in others]
    ) or programmes.in_one_series(event.title_en, start, [(en, day) for _ja, en, day in others])
    return programmes.find_signals(
        texts, start=start, end=end, application_deadline=deadline, series=series
    )


def _local_date(moment):
    return timezone.localtime(moment, ZoneInfo(get_setting("TIME_ZONE"))).date()


def _same_organizer_events(event, participations, start):
    """``(title, title_en, local start date)`` of the other events organized
    by the same bodies within the series window, read through the event's
    own manager (this package has no model imports)."""
    organizers = [org.pk for org, role in participations if role == Role.ORGANIZER and org.pk]
    if not organizers or not programmes.series_stem(event.title + " " + event.title_en):
        return []
    window = timedelta(days=get_setting("PROGRAMME_SERIES_DAYS") + 1)
    rows = (
        type(event)
        .objects.filter(
            participations__organization__in=organizers,
            participations__role=Role.ORGANIZER,
            start__range=(event.start - window, event.start + window),
        )
        .exclude(pk=event.pk)
        .values_list("title", "title_en", "start")
        .distinct()
    )
    return [(title, title_en, _local_date(moment)) for title, title_en, moment in rows]

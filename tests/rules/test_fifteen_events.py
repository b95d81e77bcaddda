"""Fifteen events written as an editor would write them, judged by the rules
engine (``evaluate_event``, as the workflow calls it) against the verdict
the rules document gives each. Two of them were judged wrongly before: a
5-day internship recruiting participants (a programme, ※1) and a chamber of
commerce that only sponsors (協賛) a company's event."""

from dataclasses import dataclass
from datetime import timedelta

import pytest

from wagtail_eventcal.models import EventPage
from wagtail_eventcal.rules.eligibility import ELIGIBLE, INELIGIBLE, NEEDS_REVIEW, evaluate_event

from ..factories import jst

SUBMITTED = jst(2026, 12, 1, 9, 0)


@dataclass
class Body:
    """An organization as the engine reads it (its type codes); unsaved."""

    name: str
    codes: tuple
    pk = None

    def body_type_codes(self):
        return list(self.codes)


METI = Body("経済産業省", ("ministry",))
OSAKA = Body("大阪府", ("local_government",))
FUKUOKA_CITY = Body("福岡市", ("local_government",))
JETRO = Body("日本貿易振興機構（ジェトロ）", ("incorporated_administrative_agency",))
CHAMBER = Body("名古屋商工会議所", ("chamber_of_commerce",))
SOCIETY = Body("小松市商工会", ("society_of_commerce",))
UNIVERSITY = Body("東北大学", ("university",))
ASSOCIATION = Body("一般社団法人 外国人雇用協議会", ("general_incorporated_association",))
FOUNDATION = Body("公益財団法人 国際人材交流財団", ("public_interest_foundation",))
GENERAL_FOUNDATION = Body("一般財団法人 海外人材支援センター", ("general_foundation",))
COMPANY = Body("株式会社グローバルキャリア", ("company",))
COOPERATIVE = Body("○○事業協同組合", ("other",))

# (id, participations, fields, expected status, expected reason codes)
CASES = [
    (
        "ministry-seminar",
        [(METI, "organizer")],
        {
            "title": "高度外国人材活躍推進セミナー〜採用から定着まで〜",
            "description_ja": (
                "<p>中堅・中小企業向けに、高度外国人材の採用と定着のポイントを解説します。</p>"
            ),
        },
        ELIGIBLE,
        [],
    ),
    (
        "company-job-fair-supported-by-prefecture",
        [(COMPANY, "organizer"), (OSAKA, "supporter")],
        {
            "title": "外国人留学生のための合同企業説明会 in 大阪",
            "summary_ja": "参加者募集中！当日参加も歓迎です。",
            "residence_audiences": ["student_job_seeker"],
        },
        ELIGIBLE,
        [],
    ),
    (
        "association-alone",
        [(ASSOCIATION, "organizer")],
        {"title": "外国人材と企業の交流会"},
        INELIGIBLE,
        ["no_public_body"],
    ),
    (
        "foundation-with-jetro-co-organizing",
        [(FOUNDATION, "organizer"), (JETRO, "co_organizer")],
        {"title": "Global Talent Networking Night", "title_en": "Global Talent Networking Night"},
        ELIGIBLE,
        [],
    ),
    (
        "five-day-internship-recruiting",
        [(OSAKA, "organizer")],
        {
            "title": "留学生向け 府内企業5日間インターンシップ 参加者募集",
            "description_ja": "<p>府内の中小企業で5日間の就業体験を行います。定員20名。</p>",
            "end_days": 4,
        },
        NEEDS_REVIEW,
        ["programme"],
    ),
    (
        "chamber-only-sponsors-a-pitch",
        [(COMPANY, "organizer"), (CHAMBER, "sponsor")],
        {
            "title": "外国人起業家ピッチイベント",
            "description_ja": "<p>主催：株式会社グローバルキャリア　協賛：名古屋商工会議所</p>",
        },
        INELIGIBLE,
        ["no_public_body", "non_qualifying_role"],
    ),
    (
        "technical-intern-briefing",
        [(COOPERATIVE, "organizer"), (FUKUOKA_CITY, "supporter")],
        {
            "title": "技能実習生受入れ企業向け説明会",
            "residence_audiences": ["technical_intern"],
        },
        INELIGIBLE,
        ["excluded_audience"],
    ),
    (
        "student-part-time-rules",
        [(UNIVERSITY, "organizer")],
        {
            "title": "留学生のアルバイトと資格外活動許可の説明会",
            "residence_audiences": ["student_part_time"],
        },
        INELIGIBLE,
        ["excluded_audience"],
    ),
    (
        "specified-skilled-worker-matching",
        [(OSAKA, "organizer")],
        {
            "title": "特定技能外国人と介護事業者のマッチング会",
            "residence_audiences": ["specified_skilled_worker"],
        },
        NEEDS_REVIEW,
        ["specified_skilled_worker"],
    ),
    (
        "mixed-audience-fair",
        [(FUKUOKA_CITY, "organizer")],
        {
            "title": "外国人材合同面談会",
            "residence_audiences": ["technical_intern", "engineer_specialist"],
        },
        NEEDS_REVIEW,
        ["mixed_audience"],
    ),
    (
        "ended-fifteen-days-before",
        [(METI, "organizer")],
        {"title": "高度人材ポイント制 説明会", "start_days": -16},
        INELIGIBLE,
        ["ended"],
    ),
    (
        "no-audience-ticked",
        [(GENERAL_FOUNDATION, "organizer"), (FUKUOKA_CITY, "supporter")],
        {"title": "海外人材活用フォーラム", "residence_audiences": []},
        INELIGIBLE,
        ["no_audience"],
    ),
    (
        "company-seminar-supported-by-society-of-commerce",
        [(COMPANY, "organizer"), (SOCIETY, "supporter")],
        {"title": "外国人材の採用手続セミナー（在留資格の基礎）"},
        ELIGIBLE,
        [],
    ),
    (
        "university-career-forum-in-english",
        [(UNIVERSITY, "organizer")],
        {
            "title": "留学生キャリアフォーラム",
            "title_en": "Career Forum for International PhD Students",
            "summary_en": "Meet employers looking for researchers and engineers.",
            "residence_audiences": ["student_job_seeker", "highly_skilled_professional"],
        },
        ELIGIBLE,
        [],
    ),
    (
        "three-week-selection-bootcamp",
        [(JETRO, "organizer")],
        {
            "title": "グローバル起業家ブートキャンプ",
            "title_en": "Global Entrepreneurship Bootcamp",
            "description_en": "<p>Applicants will be selected after an interview.</p>",
            "end_days": 20,
        },
        NEEDS_REVIEW,
        ["long_duration", "programme"],
    ),
]


def event_of(fields):
    fields = dict(fields)
    start = SUBMITTED + timedelta(days=9 + fields.pop("start_days", 0), hours=5)
    end = start + timedelta(days=fields.pop("end_days", 0), hours=2)
    fields.setdefault("residence_audiences", ["engineer_specialist"])
    fields.setdefault("detail_url", "https://example.org/event")
    return EventPage(start=start, end=end, **fields)


def test_there_are_fifteen_cases():
    assert len(CASES) == 15
    assert len({case[0] for case in CASES}) == 15


@pytest.mark.django_db  # a Page finds its content type when built
@pytest.mark.parametrize(
    ("participations", "fields", "status", "codes"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_each_realistic_event_gets_the_rules_verdict(participations, fields, status, codes):
    verdict = evaluate_event(
        event_of(fields), participations=participations, on=SUBMITTED.date(), now=SUBMITTED
    )
    assert verdict.status == status
    assert verdict.codes == codes

"""Overview note ※1: programmes are told from one-off events by more than
their length (pure functions of rules/programmes.py)."""

from datetime import date

import pytest
from django.test import override_settings

from wagtail_eventcal.rules.programmes import find_signals, in_one_series, series_stem

D = date(2027, 2, 10)

# (texts, start, end, application deadline): promotions of programmes, as
# public bodies word them.
PROGRAMMES = [
    pytest.param(
        ["留学生向け5日間インターンシップ 参加者募集", "県内企業で5日間の就業体験を行います。"],
        D,
        date(2027, 2, 14),
        None,
        {"internship", "recruiting", "several_days"},
        id="ja-5-day-internship",
    ),
    pytest.param(
        ["Summer Internship Programme for International Students", "Two weeks in a Kobe firm."],
        D,
        D,
        None,
        {"internship"},
        id="en-internship",
    ),
    pytest.param(
        [
            "高度外国人材受入れ支援事業 参加企業の公募について",
            "本事業に参加する中小企業を公募します。",
        ],
        D,
        D,
        None,
        {"public_call"},
        id="ja-public-call",
    ),
    pytest.param(
        ["グローバル人材育成プログラム", "書類選考の上、参加者20名を決定します。"],
        D,
        D,
        None,
        {"selection"},
        id="ja-document-selection",
    ),
    pytest.param(
        ["Startup Visa Accelerator", "Applicants will be selected after an interview."],
        D,
        D,
        None,
        {"selection"},
        id="en-selection",
    ),
    pytest.param(
        ["ビジネス日本語講座（全６回）", "毎週水曜日、外国籍社員向けに開講します。"],
        D,
        D,
        None,
        {"sessions"},
        id="ja-six-sessions-full-width",
    ),
    pytest.param(
        ["Career Seminar Series", "A 6-week course for international graduates, weekly."],
        D,
        D,
        None,
        {"sessions"},
        id="en-six-week-course",
    ),
    pytest.param(
        ["起業家育成連続講座", "外国人起業家のための連続講座です。"],
        D,
        D,
        None,
        {"sessions"},
        id="ja-series-course",
    ),
    pytest.param(
        ["Global Talent Fellowship: call for applications", ""],
        D,
        D,
        None,
        {"public_call"},
        id="en-call-for-applications",
    ),
    pytest.param(
        ["海外大学生受入れ事業 説明会", "参加者を募集します。"],
        D,
        D,
        date(2026, 12, 20),
        {"early_deadline", "recruiting"},
        id="ja-application-closes-seven-weeks-before",
    ),
    pytest.param(
        ["Mentoring programme for foreign engineers", "Now recruiting participants."],
        D,
        date(2027, 3, 10),
        None,
        {"recruiting", "several_days"},
        id="en-recruiting-over-a-month",
    ),
    pytest.param(
        ["第3期生募集 外国人留学生地域定着プログラム", ""],
        D,
        D,
        None,
        {"sessions", "recruiting"},
        id="ja-cohort",
    ),
]

# One-off events, however they advertise themselves.
EVENTS = [
    pytest.param(
        ["外国人留学生のための合同企業説明会", "参加者募集中！当日参加も可能です。"],
        id="ja-job-fair-recruiting",
    ),
    pytest.param(
        ["第10回 高度外国人材活躍推進フォーラム", "基調講演とパネル討論"], id="ja-tenth-edition"
    ),
    pytest.param(
        ["Job Fair for International Students in Osaka", "Meet 40 companies."], id="en-job-fair"
    ),
    pytest.param(
        ["外国人材採用セミナー", "外国人材の採用手続と在留資格を解説します。"], id="ja-seminar"
    ),
    pytest.param(
        ["Networking Evening for Foreign Professionals", "Drinks and talks."], id="en-networking"
    ),
    pytest.param(["高度人材ポイント制 説明会", "申込は前日まで。"], id="ja-briefing"),
    pytest.param(
        ["Webinar: hiring engineers from India", "Registration closes the day before."],
        id="en-webinar",
    ),
    pytest.param(["留学生と企業の交流会", "企業の採用担当者と直接話せます。"], id="ja-exchange"),
    pytest.param(
        ["Pitch event for startups by foreign founders", "Ten teams pitch."], id="en-pitch"
    ),
    pytest.param(
        ["外国人社員の定着に関する経営者セミナー", "講師：人事コンサルタント"], id="ja-retention"
    ),
    pytest.param(
        ["Seminar: the Highly Skilled Professional visa, 2 hours", ""], id="en-visa-seminar"
    ),
    pytest.param(["2027年 外国人材活用シンポジウム", "定員100名（先着順）"], id="ja-symposium"),
]


@pytest.mark.parametrize(("texts", "start", "end", "deadline", "codes"), PROGRAMMES)
def test_programmes_are_found(texts, start, end, deadline, codes):
    signals = find_signals(texts, start=start, end=end, application_deadline=deadline)
    assert {signal.code for signal in signals} == codes
    assert all(signal.label_ja and signal.label_en for signal in signals)


@pytest.mark.parametrize("texts", EVENTS)
def test_one_off_events_are_not_programmes(texts):
    assert find_signals(texts, start=D, end=D, application_deadline=D) == []


def test_recruiting_alone_is_how_a_seminar_is_announced():
    assert find_signals(["セミナー参加者募集"], start=D, end=D) == []
    two_days = find_signals(["セミナー参加者募集"], start=D, end=date(2027, 2, 11))
    assert [s.code for s in two_days] == ["recruiting", "several_days"]


def test_early_deadline_follows_the_setting():
    deadline = date(2027, 1, 27)  # 14 days before
    assert find_signals([""], start=D, end=D, application_deadline=deadline) == []
    with override_settings(EVENTCAL_PROGRAMME_APPLICATION_LEAD_DAYS=14):
        (signal,) = find_signals([""], start=D, end=D, application_deadline=deadline)
    assert signal.code == "early_deadline"
    assert "14" in signal.label_ja and "14 days" in signal.label_en


def test_series_stem_drops_the_session_number():
    assert series_stem("ビジネス日本語講座 第２回") == series_stem("ビジネス日本語講座 第1回")
    assert series_stem("Business Japanese, Session 3") == series_stem("Business Japanese Session 1")
    assert series_stem("外国人材採用セミナー") is None


def test_sessions_of_one_series_close_in_time_are_a_programme():
    others = [("ビジネス日本語講座 第1回", date(2027, 2, 3))]
    assert in_one_series("ビジネス日本語講座 第2回", D, others)
    assert find_signals([""], start=D, end=D, series=True)[0].code == "sessions"


def test_yearly_editions_are_not_a_series():
    others = [("第9回 高度外国人材活躍推進フォーラム", date(2026, 2, 12))]
    assert not in_one_series("第10回 高度外国人材活躍推進フォーラム", D, others)
    assert not in_one_series("外国人材採用セミナー", D, [("外国人材採用セミナー", D)])

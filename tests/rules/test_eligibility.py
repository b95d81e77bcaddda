"""The posting rules (SPEC.md) as a pure function."""

from datetime import date

import pytest
from django.test import override_settings
from django.utils import translation

from wagtail_eventcal.rules.eligibility import (
    ELIGIBLE,
    INELIGIBLE,
    NEEDS_REVIEW,
    RULE_SETS,
    evaluate,
    evaluate_event,
    rule_set_for,
)

TODAY = date(2026, 11, 26)


def verdict(participations, **kw):
    kw.setdefault("on", TODAY)
    kw.setdefault("audiences", ["engineer_specialist"])
    return evaluate(participations, **kw)


@pytest.mark.parametrize(
    "body_type",
    [
        "ministry",
        "local_government",
        "incorporated_administrative_agency",
        "chamber_of_commerce",
        "society_of_commerce",
        "university",
    ],
)
@pytest.mark.parametrize("role", ["organizer", "co_organizer", "supporter"])
def test_each_public_body_in_each_role_is_eligible(body_type, role):
    result = verdict([(body_type, role)])
    assert result.status == ELIGIBLE
    assert result.reasons == []


@pytest.mark.parametrize(
    "body_type",
    [
        "general_incorporated_association",
        "general_foundation",
        "public_interest_foundation",
        "company",
        "other",
    ],
)
def test_non_public_bodies_alone_are_ineligible(body_type):
    result = verdict([(body_type, "organizer")])
    assert result.status == INELIGIBLE
    assert result.codes == ["no_public_body"]


def test_private_event_supported_by_public_body_is_eligible():
    # Detailed rule 3.(2) and FAQ 1: a company's or association's event is fine
    # when a public body co-organizes or supports it.
    result = verdict(
        [
            ("company", "organizer"),
            ("general_incorporated_association", "co_organizer"),
            ("chamber_of_commerce", "supporter"),
        ]
    )
    assert result.status == ELIGIBLE


def test_body_of_several_types_counts_if_any_is_public():
    assert verdict([(["general_foundation", "university"], "organizer")]).status == ELIGIBLE


def test_unknown_role_does_not_count():
    assert verdict([("ministry", "sponsor")]).status == INELIGIBLE


def test_no_participation_is_ineligible():
    assert verdict([]).codes == ["no_public_body"]


@pytest.mark.parametrize(
    ("on", "status", "revision"),
    [
        (date(2018, 12, 1), INELIGIBLE, 1),
        (date(2019, 1, 8), INELIGIBLE, 1),
        (date(2019, 1, 9), ELIGIBLE, 2),
        (date(2020, 7, 10), ELIGIBLE, 4),
    ],
)
def test_universities_count_only_from_the_second_revision(on, status, revision):
    result = verdict([("university", "organizer")], on=on)
    assert result.status == status
    assert result.rule_set.revision == revision


def test_societies_of_commerce_added_with_universities():
    assert verdict([("society_of_commerce", "supporter")], on=date(2018, 11, 20)).is_ineligible
    assert verdict([("society_of_commerce", "supporter")], on=date(2019, 1, 9)).is_eligible


def test_rule_sets_are_dated_and_ordered():
    assert [r.effective for r in RULE_SETS] == sorted(r.effective for r in RULE_SETS)
    assert rule_set_for(date(2010, 1, 1)) == RULE_SETS[0]
    assert rule_set_for(date(2030, 1, 1)) == RULE_SETS[-1]


EXCLUDED = ["technical_intern", "student_part_time", "other_non_professional"]


@pytest.mark.parametrize("audience", EXCLUDED)
def test_only_excluded_audiences_are_ineligible(audience):
    result = verdict([("ministry", "organizer")], audiences=[audience])
    assert result.status == INELIGIBLE
    assert result.codes == ["excluded_audience"]
    assert verdict([("ministry", "organizer")], audiences=EXCLUDED).is_ineligible


@pytest.mark.parametrize("audience", EXCLUDED)
def test_excluded_next_to_professionals_is_the_reviewers_call(audience):
    # Rule 1 excludes events held *mainly* (主目的に) for such work.
    result = verdict([("ministry", "organizer")], audiences=[audience, "engineer_specialist"])
    assert result.status == NEEDS_REVIEW
    assert result.codes == ["mixed_audience"]
    (reason,) = result.reasons
    assert reason.rule == "rule 1" and "主目的" in reason.message_ja
    assert "mainly" in reason.message_en


def test_other_work_outside_the_statuses_is_offered_in_both_languages():
    from django.utils import translation

    from wagtail_eventcal.choices import ResidenceAudience

    label = ResidenceAudience("other_non_professional").label
    with translation.override("en"):
        assert "outside the professional/technical statuses" in str(label)
    with translation.override("ja"):
        assert "専門的・技術的分野" in str(label)


def test_specified_skilled_worker_needs_review():
    result = verdict([("ministry", "organizer")], audiences=["specified_skilled_worker"])
    assert result.status == NEEDS_REVIEW
    assert result.codes == ["specified_skilled_worker"]


def test_missing_detail_url_is_ineligible():
    assert verdict([("ministry", "organizer")], has_detail_url=False).codes == ["no_detail_url"]


def test_long_event_needs_review_above_the_setting():
    assert verdict([("ministry", "organizer")], duration_days=14).status == ELIGIBLE
    long = verdict([("ministry", "organizer")], duration_days=15)
    assert long.status == NEEDS_REVIEW
    assert long.codes == ["long_duration"]
    with override_settings(EVENTCAL_PROGRAMME_DAYS=3):
        assert verdict([("ministry", "organizer")], duration_days=4).status == NEEDS_REVIEW


def test_worst_reason_wins_and_all_reasons_are_kept():
    result = verdict(
        [("company", "organizer")],
        audiences=["specified_skilled_worker"],
        has_detail_url=False,
        duration_days=30,
    )
    assert result.status == INELIGIBLE
    assert set(result.codes) == {
        "no_public_body",
        "no_detail_url",
        "specified_skilled_worker",
        "long_duration",
    }


def test_reasons_cite_the_rule_in_both_languages():
    reason = verdict([("company", "organizer")]).reasons[0]
    assert reason.rule == "rule 2, FAQ 1"
    assert "posting rule 2" in reason.message_en and "FAQ 1" in reason.message_en
    assert "（細則3.(1)）" in reason.message_ja and "（FAQ Q.1）" in reason.message_ja
    with translation.override("en"):
        assert str(reason) == reason.message_en
    with translation.override("ja"):
        assert str(reason) == reason.message_ja


def test_first_rule_set_message_lists_only_its_bodies():
    reason = verdict([("company", "organizer")], on=date(2018, 12, 1)).reasons[0]
    assert reason.message_ja.startswith("公的機関（省庁・自治体・独立行政法人・商工会議所）が")


@pytest.mark.django_db
def test_evaluate_event_reads_the_page(calendar):
    from tests.factories import jst, make_event, make_organization

    foundation = make_organization(body_types=("public_interest_foundation",))
    event = make_event(
        calendar,
        organizations=[foundation],
        publish=False,
        residence_audiences=["specified_skilled_worker"],
        start=jst(2026, 12, 1, 10, 0),
        end=jst(2026, 12, 20, 17, 0),
    )
    result = evaluate_event(event, on=TODAY, now=jst(2026, 11, 26, 9, 0))
    assert set(result.codes) == {"no_public_body", "specified_skilled_worker", "long_duration"}

    ministry = make_organization(body_types=("ministry",))
    result = evaluate_event(
        event, on=TODAY, participations=[(ministry, "supporter")], now=jst(2026, 11, 26, 9, 0)
    )
    assert "no_public_body" not in result.codes


@pytest.mark.parametrize("role", ["sponsor", "cooperator", "exhibitor"])
def test_sponsoring_cooperating_or_exhibiting_does_not_satisfy_rule_2(role):
    # 細則3.(1): 「主催・共催・後援する個別のイベント」 only.
    result = verdict([("company", "organizer"), ("chamber_of_commerce", role)])
    assert result.status == INELIGIBLE
    assert result.codes == ["no_public_body", "non_qualifying_role"]
    reason = result.reasons[1]
    assert "協賛・協力・出展" in reason.message_ja and "主催・共催・後援する個別のイベント" in (
        reason.message_ja
    )
    assert "sponsor" in reason.message_en and "supports" in reason.message_en


def test_a_sponsor_next_to_a_supporting_public_body_changes_nothing():
    result = verdict(
        [("company", "organizer"), ("chamber_of_commerce", "sponsor"), ("university", "supporter")]
    )
    assert result.status == ELIGIBLE


def test_a_company_sponsor_is_no_public_body_role():
    assert verdict([("company", "sponsor")]).codes == ["no_public_body"]


def test_no_audience_cannot_be_judged_and_quotes_rule_2_1_in_full():
    result = evaluate([("ministry", "organizer")], on=TODAY)
    assert result.status == INELIGIBLE
    assert result.codes == ["no_audience"]
    (reason,) = result.reasons
    assert (
        "「掲載するイベントは公的機関の関与する高度外国人材の活躍推進に資するイベントに限り、"
        "技能実習生や留学生のアルバイトなど、在留資格でいう専門的・技術的分野での就労以外の"
        "外国人材活用を主目的に開催するイベントは対象外とする。」（原則2.(1)）"
    ) in reason.message_ja
    assert "residence statuses" in reason.message_en and "posting rule 1" in reason.message_en


def test_excluded_audience_message_quotes_rule_2_1_in_full():
    (reason,) = verdict([("ministry", "organizer")], audiences=["technical_intern"]).reasons
    expected = "在留資格でいう専門的・技術的分野での就労以外の外国人材活用を主目的に"
    assert expected in reason.message_ja
    assert reason.message_ja.endswith("（原則2.(1)）")


def test_an_ended_event_is_not_planned():
    result = verdict([("ministry", "organizer")], has_ended=True)
    assert result.status == INELIGIBLE
    assert result.codes == ["ended"]
    (reason,) = result.reasons
    planned = "「各省庁並びに関係公的機関にて実施予定の高度外国人材に係るイベント」"
    assert planned in reason.message_ja
    assert "already ended" in reason.message_en and "planned" in reason.message_en


def test_programme_signals_need_review_and_quote_note_1():
    from wagtail_eventcal.rules.programmes import INTERNSHIP, RECRUITING

    result = verdict([("ministry", "organizer")], programme_signals=[INTERNSHIP, RECRUITING])
    assert result.status == NEEDS_REVIEW
    assert result.codes == ["programme"]
    (reason,) = result.reasons
    assert "インターンシップ、参加者の募集" in reason.message_ja
    assert reason.message_ja.endswith(
        "「インターンシップ事業等、一定期間に渡る公募・実施を伴う事業広報は別途取りまとめの上、"
        "掲載を行います。」（概要※1）"
    )
    assert "an internship; recruiting participants" in reason.message_en


@pytest.mark.django_db
def test_evaluate_event_knows_an_ended_event_and_a_series(calendar):
    from tests.factories import jst, make_event, make_organization

    body = make_organization(body_types=("local_government",))
    first = make_event(
        calendar,
        organizations=[body],
        title="ビジネス日本語講座 第1回",
        residence_audiences=["engineer_specialist"],
        start=jst(2026, 12, 2, 18, 0),
    )
    second = make_event(
        calendar,
        organizations=[body],
        publish=False,
        title="ビジネス日本語講座 第2回",
        residence_audiences=["engineer_specialist"],
        start=jst(2026, 12, 9, 18, 0),
    )
    before = jst(2026, 12, 1, 9, 0)
    assert evaluate_event(second, now=before).codes == ["programme"]
    assert "ended" in evaluate_event(first, now=jst(2026, 12, 2, 20, 1)).codes
    assert "ended" not in evaluate_event(first, now=jst(2026, 12, 2, 19, 59)).codes
    # Another body's session 1 makes no series of this one.
    other = make_organization(body_types=("local_government",))
    assert evaluate_event(second, now=before, participations=[(other, "organizer")]).codes == []

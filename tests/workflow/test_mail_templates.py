"""The review mails are one English template per kind, translated through
gettext: every kind has a Japanese and an English part, the Japanese part
has no English sentence left in it, and each part prints the values of its
own language (title, organizations and roles, proxy label, public page)."""

import re
from datetime import datetime
from types import SimpleNamespace

import pytest
import time_machine
from django.utils import translation

from tests.factories import jst, make_event, make_organization
from tests.review_helpers import Cast, post_edit
from wagtail_eventcal.choices import Role
from wagtail_eventcal.models import EventReviewTaskState
from wagtail_eventcal.models.pages import event_zone
from wagtail_eventcal.workflow.context import submission_context
from wagtail_eventcal.workflow.notifications import bilingual_message, compose, mail_renderer

pytestmark = pytest.mark.django_db

KINDS = (
    "submitted",
    "resubmitted",
    "receipt",
    "return",
    "request_confirmation",
    "approve",
    "overdue",
)
SEPARATOR = "\n\n----------------------------------------\n\n"
COMMENT = "定員は何名ですか？"
JAPANESE = re.compile(r"[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]")


@pytest.fixture
def context(client, calendar, django_capture_on_commit_callbacks):
    cast = Cast(calendar)
    cast.ministry.name_en = "METI"
    cast.ministry.save()
    university = make_organization(
        body_types=("university",), name_ja="東北大学", name_en="Tohoku University"
    )
    event = make_event(
        calendar,
        organizations=[cast.ministry, (university, Role.SUPPORTER)],
        publish=False,
        title="R&D 高度人材セミナー",
        title_en="R&D seminar for professionals",
        owner=cast.submitter,
        residence_audiences=["specified_skilled_worker"],  # a verdict with a reason
    )
    client.force_login(cast.submitter)
    with (
        time_machine.travel(jst(2026, 11, 25, 10, 0), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        post_edit(client, event, "action-submit")
    task_state = EventReviewTaskState.objects.get(workflow_state__object_id=str(event.pk))
    with translation.override("en"):  # built in English: the mail must not care
        context = submission_context(task_state)
    context.update(
        comment=COMMENT,
        proxy={"label_ja": "山田による代理入力", "label_en": "Proxy entry by Yamada"},
        live_url_ja="http://localhost/ja/events/seminar/",
        live_url_en="http://localhost/en/events/seminar/",
    )
    return context


def parts(kind, context, language):
    subject, text, _html = compose(kind, context, language)
    subjects, bodies = subject.split(" / "), text.split(SEPARATOR)
    assert len(subjects) == 2 and len(bodies) == 2 and all(subjects) and all(bodies), kind
    if language == "en":
        subjects.reverse()
        bodies.reverse()
    return subjects, bodies  # (ja, en) each


@pytest.mark.parametrize("language", ["ja", "en"])
@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_has_a_japanese_and_an_english_part(context, kind, language):
    (subject_ja, subject_en), (ja, en) = parts(kind, context, language)
    assert subject_ja.startswith("【") and subject_ja.endswith("R&D 高度人材セミナー")
    assert subject_en.endswith("R&D seminar for professionals")
    assert "主催等：経済産業省（主催）、東北大学（後援）" in ja
    assert "Organizations: METI (Organizer), Tohoku University (Supporter)" in en
    assert "代理入力：山田による代理入力" in ja and "Proxy entry: Proxy entry by Yamada" in en
    assert "2026年12月10日 14:00〜2026年12月10日 16:00" in ja  # JST
    assert "10 Dec 2026, 14:00 – 10 Dec 2026, 16:00 JST" in en
    assert "&amp;" not in ja + en  # plain text

    ja_lines = {line.strip() for line in ja.splitlines()} - {"", COMMENT}
    en_lines = {line.strip() for line in en.splitlines()} - {"", COMMENT}
    # No English line left untranslated in the Japanese part...
    assert not ja_lines & en_lines, ja_lines & en_lines
    assert [line for line in ja_lines if not JAPANESE.search(line)] == []
    # ...and no Japanese in the English part (all values have English here).
    assert [line for line in en_lines if JAPANESE.search(line)] == []


def test_approval_links_the_public_page_in_each_language(context):
    _subjects, (ja, en) = parts("approve", context, "ja")
    assert "公開ページ：http://localhost/ja/events/seminar/" in ja
    assert "Public page: http://localhost/en/events/seminar/" in en


def test_delegation_mails_are_plain_text():
    delegation = SimpleNamespace(
        revoked_at=None,
        expires_at=datetime(2026, 12, 1, 9, 0, tzinfo=event_zone()),
        delegate=SimpleNamespace(get_username="o'brien"),
        organization=SimpleNamespace(name="R&D 機構"),
    )
    context = {
        "event": SimpleNamespace(title="R&D セミナー", title_en=""),
        "delegation": delegation,
    }
    render = mail_renderer("wagtail_eventcal/mail/delegation_ended.txt", context)
    subject, text, _html = bilingual_message(render, "ja")
    assert subject == "代理入力の終了：R&D セミナー / Proxy entry ended: R&D セミナー"
    assert "o'brien" in text and "R&D 機構" in text and "&amp;" not in text
    assert "2026年12月1日 9:00" in text and "1 Dec 2026, 09:00" in text  # one format a language


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_merge_mail_has_a_japanese_and_an_english_part(
    calendar, superuser, language, django_capture_on_commit_callbacks
):
    """The mail to the submitter of an event merged into another (issue 15,
    item 2): both parts, each in its own language, plain text."""
    from wagtail.users.models import UserProfile

    from wagtail_eventcal.models import Notification
    from wagtail_eventcal.workflow.merge import merge

    cast = Cast(calendar)
    cast.ministry.name_en = "METI"
    cast.ministry.save()
    university = make_organization(
        body_types=("university",), name_ja="東北大学", name_en="Tohoku University"
    )
    kept = make_event(calendar, title="R&D 高度人材セミナー", title_en="R&D seminar")
    other = make_event(
        calendar,
        organizations=[cast.ministry, (university, Role.SUPPORTER)],
        title="R&D 高度人材セミナー（重複）",
        title_en="R&D seminar (again)",
        owner=cast.submitter,
    )
    profile = UserProfile.get_for_user(cast.submitter)
    profile.preferred_language = language
    profile.save()
    with django_capture_on_commit_callbacks(execute=True):
        merge(kept.pk, other.pk, superuser, comment=COMMENT, withdraw_live=True)
    note = Notification.objects.get(kind="merged")
    subjects, bodies = note.subject.split(" / "), note.body_text.split(SEPARATOR)
    if language == "en":
        subjects.reverse()
        bodies.reverse()
    (subject_ja, subject_en), (ja, en) = subjects, bodies
    assert subject_ja == "【統合・取り下げ】R&D 高度人材セミナー（重複）"
    assert subject_en == "Merged with another submission: R&D seminar (again)"
    assert "統合先のイベント：R&D 高度人材セミナー" in ja
    assert "Kept event: R&D seminar" in en
    assert "追加した機関：経済産業省（主催）、東北大学（後援）" in ja
    assert "Organizations added to the kept event: METI (Organizer), Tohoku University" in en
    assert f"http://testserver/ja/events/{kept.slug}/" in ja
    assert f"http://testserver/en/events/{kept.slug}/" in en
    assert "&amp;" not in ja + en
    ja_lines = {line.strip() for line in ja.splitlines()} - {"", COMMENT}
    en_lines = {line.strip() for line in en.splitlines()} - {"", COMMENT}
    assert not ja_lines & en_lines, ja_lines & en_lines
    assert [line for line in ja_lines if not JAPANESE.search(line)] == []
    assert [line for line in en_lines if JAPANESE.search(line)] == []

"""The event form's submit button says what happens — 「審査に提出」 /
"Submit for review" — not Wagtail's "Submit to <workflow name>" with the
bilingual workflow name in the middle of the sentence."""

import re

import pytest

from tests.admin_screens import set_admin_language
from tests.factories import make_event
from tests.review_helpers import Cast, add_url, edit_url

pytestmark = pytest.mark.django_db


def submit_label(html):
    button = re.search(r'<button[^>]*name="action-submit"[^>]*>(.*?)</button>', html, re.S)
    assert button, "no submit button"
    return re.sub(r"<[^>]+>|\s+", " ", button.group(1)).strip()


@pytest.mark.parametrize("language, label", [("ja", "審査に提出"), ("en", "Submit for review")])
def test_the_new_event_form_submits_for_review(client, calendar, language, label):
    cast = Cast(calendar)
    set_admin_language(cast.submitter, language)
    client.force_login(cast.submitter)
    html = client.get(add_url(calendar)).content.decode()
    assert submit_label(html) == label
    assert "事務局審査 / Secretariat review" not in submit_label(html)


@pytest.mark.parametrize("language, label", [("ja", "審査に再提出"), ("en", "Resubmit for review")])
def test_a_returned_event_is_resubmitted_for_review(client, calendar, language, label):
    cast = Cast(calendar)
    event = make_event(calendar, organizations=[cast.ministry], publish=False)
    event.get_workflow().start(event, cast.submitter)
    task_state = event.current_workflow_task_state.specific
    task_state.task.specific.on_action(task_state, cast.reviewer, "return", comment="直して")
    set_admin_language(cast.submitter, language)
    client.force_login(cast.submitter)
    assert submit_label(client.get(edit_url(event)).content.decode()) == label


def test_submitting_says_審査_in_the_products_words(client, calendar):
    """Wagtail's Japanese says 「ページ：'…' が調整のために提出されました」;
    the admin says what the product calls it."""
    from django.contrib.messages import get_messages

    from tests.review_helpers import post_edit

    cast = Cast(calendar)
    event = make_event(calendar, organizations=[cast.ministry], publish=False, title="説明会")
    set_admin_language(cast.submitter, "ja")
    client.force_login(cast.submitter)
    response = post_edit(client, event, "action-submit", duplicate_reason="別件")
    said = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "「説明会」を審査に提出しました。" in said, said
    assert "調整" not in said and "'" not in said


def test_wagtails_english_in_the_japanese_admin_is_translated():
    from django.utils import translation

    with translation.override("ja"):
        for msgid in (
            "Go to the first error",
            "Use server language: %(language_name)s",
            "Exploring",
            "Wagtail %(current_version)s editor guide",
        ):
            assert translation.gettext(msgid) != msgid, msgid
        assert translation.gettext("Page '%(page_title)s' has been updated.") == (
            "「%(page_title)s」を更新しました。"
        )

"""Every text presented as the rules document's words is the document's
words (compared with the document as received, tests/rules/data)."""

import re
from datetime import date
from pathlib import Path

import pytest

from wagtail_eventcal.rules import quotes
from wagtail_eventcal.rules.eligibility import (
    ENDED,
    EXCLUDED_AUDIENCE,
    MIXED_AUDIENCE,
    NO_AUDIENCE,
    NO_DETAIL_URL,
    SPECIFIED_SKILLED_WORKER,
    URL_UNREACHABLE,
    long_duration,
    no_public_body,
    programme,
    rule_set_for,
)
from wagtail_eventcal.rules.programmes import INTERNSHIP
from wagtail_eventcal.workflow import checklist

DOCUMENT = Path(__file__).parent / "data" / "rules_document_ja.txt"


def flat(text):
    """Without markup (bold, list marks) and line breaks, which the
    document's layout adds and its words do not have."""
    return re.sub(r"\s+|\*\*", "", text)


@pytest.fixture(scope="module")
def document():
    return flat(DOCUMENT.read_text(encoding="utf-8"))


@pytest.mark.parametrize("quote", quotes.ALL, ids=lambda q: q.cite_ja)
def test_each_quote_is_in_the_document(quote, document):
    assert flat(quote.text) in document


QUOTED = re.compile(r"「((?:[^「」]|「[^「」]*」)*)」（([^（）]+)）")


def quotations(text):
    """``「…」（cite）`` pairs of a message, nested 「」 included."""
    return QUOTED.findall(text)


REASONS = [
    no_public_body(rule_set_for(date(2026, 12, 1))),
    EXCLUDED_AUDIENCE,
    MIXED_AUDIENCE,
    NO_AUDIENCE,
    NO_DETAIL_URL,
    SPECIFIED_SKILLED_WORKER,
    URL_UNREACHABLE,
    ENDED,
    long_duration(20, 14),
    programme([INTERNSHIP]),
]


@pytest.mark.parametrize("reason", REASONS, ids=lambda r: r.code)
def test_every_quotation_in_a_reason_is_the_documents(reason, document):
    found = quotations(reason.message_ja)
    assert found, reason.message_ja
    by_cite = {quote.cite_ja: quote.text for quote in quotes.ALL}
    for text, cite in found:
        assert flat(text) in document
        assert by_cite[cite] == text  # cited by its own section


@pytest.mark.parametrize("item", checklist.ITEMS, ids=lambda item: item.code)
def test_checklist_quotes_are_the_documents(item, document):
    assert flat(item.quote.text) in document
    assert f"({item.quote.cite_ja}): 「{item.quote.text}」" in item.label
    assert f"/ {quotes.RESTATED_EN}: {item.question_en}" in item.label


def test_the_checklist_asks_about_programmes():
    assert "note1_programme" in checklist.CODES
    (item,) = [item for item in checklist.ITEMS if item.code == "note1_programme"]
    assert item.quote is quotes.NOTE_1


def test_one_citation_style_in_the_japanese_catalogue():
    catalogue = Path(quotes.__file__).parents[1] / "locale" / "ja" / "LC_MESSAGES" / "django.po"
    text = catalogue.read_text(encoding="utf-8")
    for old_style in ("投稿の原則(", "投稿の細則(", "投稿ルールFAQ"):
        assert old_style not in text


def test_faq_a1_keeps_at_present_for_foundations_only():
    assert "一般社団法人は含まないものとする。" in quotes.FAQ_1.text
    assert quotes.FAQ_1.text.index("現時点では") > quotes.FAQ_1.text.index("公益財団法人")

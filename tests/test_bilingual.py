from django.utils import translation

from wagtail_eventcal.bilingual import localized, pick


class Thing:
    title = "日本語"
    title_en = ""
    summary_ja = "概要"
    summary_en = "Summary"


def test_english_value_when_present():
    with translation.override("en"):
        value = localized(Thing(), "summary")
    assert (value.value, value.language, value.is_fallback) == ("Summary", "en", False)


def test_japanese_fallback_is_marked_on_english_pages():
    with translation.override("en"):
        value = localized(Thing(), "title")
    assert (value.value, value.language, value.is_fallback) == ("日本語", "ja", True)


def test_japanese_pages_never_fall_back():
    with translation.override("ja"):
        value = localized(Thing(), "summary")
    assert (value.value, value.is_fallback) == ("概要", False)


def test_blank_rich_text_counts_as_blank():
    value = pick("<p>本文</p>", "<p></p>", language="en")
    assert value.is_fallback and value.value == "<p>本文</p>"


def test_both_blank_is_falsy_and_not_a_fallback():
    value = pick("", "", language="en")
    assert not value and not value.is_fallback and str(value) == ""

"""Sentences joined in the active language (docs/japanese-typography.md)."""

import pytest
from django.utils import translation

from wagtail_eventcal.sentences import join_sentences


@pytest.mark.parametrize(
    "language, parts, joined",
    [
        ("ja", ["対象外です。", "期間が長すぎます。"], "対象外です。期間が長すぎます。"),
        ("en", ["Out of scope.", "Too long."], "Out of scope. Too long."),
        ("ja", ["一つだけ。"], "一つだけ。"),
        ("en", [], ""),
    ],
)
def test_join_sentences(language, parts, joined):
    with translation.override(language):
        assert join_sentences(parts) == joined

"""What an imported event is about, guessed from its words: the category
from keywords in the title (then the description), or none — the
submitter chooses it in the draft rather than every row silently getting
the same one."""

import re
import unicodedata

from ..choices import Category

# First match wins: a 合同企業説明会 is a job fair before it is a briefing.
_KEYWORDS = (
    (Category.JOB_FAIR, r"ジョブフェア|就職フェア|合同企業説明会|合同説明会|就職面接会|面接会|"
     r"job ?fair|career ?fair|recruit(?:ing|ment) fair"),
    (Category.NETWORKING, r"交流会|ネットワーキング|懇親会|ミートアップ|networking|meet ?up|mixer"),
    (Category.BRIEFING, r"説明会|オリエンテーション|briefing|information session|orientation"),
    (Category.SEMINAR, r"セミナー|ウェビナー|講座|講演|講習|研修|ワークショップ|シンポジウム|"
     r"フォーラム|seminar|webinar|workshop|lecture|symposium|forum|training"),
)  # fmt: skip
_PATTERNS = [(category, re.compile(words, re.IGNORECASE)) for category, words in _KEYWORDS]


def guess_category(*texts):
    """The category whose keywords appear first in ``texts`` (title first),
    or "" when none does."""
    for text in texts:
        text = unicodedata.normalize("NFKC", text or "")
        for category, pattern in _PATTERNS:
            if pattern.search(text):
                return category.value
    return ""

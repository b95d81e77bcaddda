"""The relevance checklist of the review screen (issue 12, item 5).

Whether an event promotes the activity of highly skilled foreign
professionals (posting rule 1) is the reviewer's judgement; the checklist
quotes posting rules 1-4 so that every reviewer asks the same questions, and
the items the reviewer confirmed are recorded with the decision
(``EventReviewTaskState.checklist``). Publication needs every item; a return
or a question records those the reviewer ticked.

The quotes are the rules document's own words (Japanese) with the English
restatement of SPEC.md, shown together whatever the admin language, like
the FAQ 2 statements of proxy delegation.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Item:
    code: str
    rule: str  # the rule number of SPEC.md / the section of the original
    quote_ja: str
    question_en: str

    @property
    def label(self):
        return f"{self.rule}: {self.quote_ja} / {self.question_en}"


ITEMS = (
    Item(
        "rule1_scope",
        "Rule 1 (原則2.(1))",
        "公的機関の関与する高度外国人材の活躍推進に資するイベントに限り、技能実習生や留学生の"
        "アルバイトなど、在留資格でいう専門的・技術的分野での就労以外の外国人材活用を主目的に"
        "開催するイベントは対象外とする。",
        "Does the event promote the activity of highly skilled foreign professionals, and is it "
        "not held mainly for work outside the professional/technical statuses?",
    ),
    Item(
        "rule2_public_body",
        "Rule 2 (細則3.(1)(2))",
        "省庁・自治体・独立行政法人・商工会議所・商工会・大学が主催・共催・後援する個別のイベント"
        "（民間主催でも可）。",
        "Does a ministry or agency, local government, incorporated administrative agency, "
        "chamber or society of commerce and industry, or university organize, co-organize or "
        "support this individual event?",
    ),
    Item(
        "rule3_not_public",
        "Rule 3 (FAQ Q.1)",
        "一般社団法人、公益財団法人・一般財団法人は（現時点では）公的機関に含まない。",
        "Is that body really one of those types (not a general incorporated association or a "
        "foundation)?",
    ),
    Item(
        "rule4_detail_page",
        "Rule 4 (原則2.(3))",
        "申込フォームなど、詳細が閲覧できるサイトが公開されていなければならない。",
        "Is a public page with the details (e.g. the application form) online now?",
    ),
)
CODES = tuple(item.code for item in ITEMS)
CHOICES = [(item.code, item.label) for item in ITEMS]


def confirmed_items(codes):
    """The items of ``codes`` in checklist order (unknown codes dropped)."""
    chosen = set(codes or ())
    return [item for item in ITEMS if item.code in chosen]

"""The relevance checklist of the review screen.

Whether an event promotes the activity of highly skilled foreign
professionals (posting rule 1), and whether it is a one-off event rather than
a programme (overview note ※1), is the reviewer's judgement; the checklist
quotes the rules so that every reviewer asks the same questions, and the
items the reviewer confirmed are recorded with the decision
(``EventReviewTaskState.checklist``). Publication needs every item; a return
or a question records those the reviewer ticked.

Each item shows the document's own words (``rules.quotes``, Japanese) and an
English question labelled as a restatement, whatever the admin language,
like the FAQ 2 statements of proxy delegation.
"""

from dataclasses import dataclass

from ..rules import quotes


@dataclass(frozen=True)
class Item:
    code: str
    rule: str  # the rule number of the documentation
    quote: quotes.Quote
    question_en: str  # a restatement, not the document's words

    @property
    def quote_ja(self):
        return self.quote.text

    @property
    def citation(self):
        return f"{self.rule} ({self.quote.cite_ja})"

    @property
    def label(self):
        return f"{self.citation}: 「{self.quote.text}」 / {quotes.RESTATED_EN}: {self.question_en}"


ITEMS = (
    Item(
        "rule1_scope",
        "Rule 1",
        quotes.RULE_2_1,
        "Does the event promote the activity of highly skilled foreign professionals, and is it "
        "not held mainly for work outside the professional/technical statuses?",
    ),
    Item(
        "rule2_public_body",
        "Rule 2",
        quotes.RULE_3_1,
        "Does a ministry or agency, local government, incorporated administrative agency, "
        "chamber or society of commerce and industry, or university organize, co-organize or "
        "support this individual event (a sponsor, cooperating organization or exhibitor does "
        "not count; a privately organized event may qualify)?",
    ),
    Item(
        "rule3_not_public",
        "Rule 3",
        quotes.FAQ_1,
        "Is that body really one of those types (not a general incorporated association, nor, "
        "at present, a foundation)?",
    ),
    Item(
        "rule4_detail_page",
        "Rule 4",
        quotes.RULE_2_3,
        "Is a public page with the details (e.g. the application form) online now?",
    ),
    Item(
        "note1_programme",
        "Note 1",
        quotes.NOTE_1,
        "Is this a one-off event, not a programme that recruits participants or runs over a "
        "period (such as an internship), which is compiled and listed separately?",
    ),
)
CODES = tuple(item.code for item in ITEMS)
CHOICES = [(item.code, item.label) for item in ITEMS]


def confirmed_items(codes):
    """The items of ``codes`` in checklist order (unknown codes dropped)."""
    chosen = set(codes or ())
    return [item for item in ITEMS if item.code in chosen]

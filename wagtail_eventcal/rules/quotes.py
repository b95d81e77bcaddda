"""The rules document's own words, and how the plugin cites them.

Everything the plugin shows as a quotation of the (Japanese) rules document
comes from here, word for word (``tests/rules/test_quotes.py`` compares each
text with the document). English texts are restatements, never quotations,
and are labelled so (:data:`RESTATED_EN`).

One citation style: Japanese cites the document's sections — 概要※1,
原則2.(1), 細則3.(1), FAQ Q.1 — and English the numbered posting rules of the
plugin's documentation ("posting rule 1"), which restate them.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Quote:
    cite_ja: str  # the section, in the one citation style
    text: str  # the document's words

    def quoted(self):
        """``「text」（cite）``: how messages quote the document."""
        return f"「{self.text}」（{self.cite_ja}）"


#: 1. 概要: the calendar lists events 実施予定 (planned).
PLANNED = Quote("概要", "各省庁並びに関係公的機関にて実施予定の高度外国人材に係るイベント")
#: 1. 概要 ※1: programmes are compiled and listed separately.
NOTE_1 = Quote(
    "概要※1",
    "インターンシップ事業等、一定期間に渡る公募・実施を伴う事業広報は別途取りまとめの上、"
    "掲載を行います。",
)
#: 1. 概要 ※2: the form is not public.
NOTE_2 = Quote(
    "概要※2",
    "本フォームの一般公開はしていないことから、不特定多数へ送信することは避けてください。",
)
#: 2. 投稿の原則 (1): scope (posting rule 1).
RULE_2_1 = Quote(
    "原則2.(1)",
    "掲載するイベントは公的機関の関与する高度外国人材の活躍推進に資するイベントに限り、"
    "技能実習生や留学生のアルバイトなど、在留資格でいう専門的・技術的分野での就労以外の"
    "外国人材活用を主目的に開催するイベントは対象外とする。",
)
#: 2. 投稿の原則 (3): a public detail page (posting rule 4).
RULE_2_3 = Quote(
    "原則2.(3)",
    "投稿に際しては、申込フォームなど、詳細が閲覧できるサイトが公開されていなければならない。",
)
#: 3. 投稿の細則 (1): public bodies and roles (posting rule 2).
RULE_3_1 = Quote(
    "細則3.(1)",
    "前項2. -(1)の「公的機関の関与する」範囲は、省庁・自治体・独立行政法人・商工会議所・"
    "商工会・大学が主催・共催・後援する個別のイベントを指すものとする。",
)
#: 3. 投稿の細則 (2): privately organized events (posting rule 2).
RULE_3_2 = Quote(
    "細則3.(2)",
    "この条件を満たしている場合には民間主催のイベントであっても掲載することとする。",
)
#: FAQ A.1: what is not a public body (posting rule 3). 「現時点では」
#: qualifies the foundations only, as in the document.
FAQ_1 = Quote(
    "FAQ Q.1",
    "一般社団法人は含まないものとする。公益財団法人・一般財団法人は現時点では含まないものとする。",
)
#: FAQ A.2: who enters events, and proxy entry (posting rule 6).
FAQ_2 = Quote(
    "FAQ Q.2",
    "イベントのフォームへの入力者は原則として公的機関(省庁・自治体・独立行政法人・"
    "商工会議所・商工会・大学)の担当者を想定している。ただし、同担当者からの依頼によって、"
    "事業実施主体である後援先や業務委託先に依頼をし、代理入力することも可とする。"
    "その場合は、担当者から実施主体に入力を依頼する際に、①本件は代理入力であることを"
    "伝えるとともに、②当該イベントに限っての入力依頼であることを伝えること。",
)

#: The label of every English text shown next to a quotation.
RESTATED_EN = "English restatement"

ALL = (PLANNED, NOTE_1, NOTE_2, RULE_2_1, RULE_2_3, RULE_3_1, RULE_3_2, FAQ_1, FAQ_2)

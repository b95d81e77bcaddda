"""The open-data dataset "イベント一覧" in its two layouts — the 2019
推奨データセット (:data:`COLUMNS`) and the current 自治体標準オープンデータセット
(:data:`STANDARD_COLUMNS`) — told apart by their header, and the prefecture
codes of the 全国地方公共団体コード.

Dates are written YYYY-MM-DD and times hh:mm in both definitions; the file is
CSV with a header row.
"""

import unicodedata
from dataclasses import dataclass

from ..choices import Prefecture

COLUMNS = (
    "都道府県コード又は市区町村コード",
    "NO",
    "都道府県名",
    "市区町村名",
    "イベント名",
    "イベント名_カナ",
    "イベント名_英語",
    "開始日",
    "終了日",
    "開始時間",
    "終了時間",
    "開始日時特記事項",
    "説明",
    "料金(基本)",
    "料金(詳細)",
    "連絡先名称",
    "連絡先電話番号",
    "連絡先内線番号",
    "主催者",
    "場所名称",
    "住所",
    "方書",
    "緯度",
    "経度",
    "アクセス方法",
    "駐車場情報",
    "定員",
    "参加申込終了日",
    "参加申込終了時間",
    "参加申込方法",
    "URL",
    "備考",
)
#: The 自治体標準オープンデータセット「イベント一覧」, as cities publish it today.
STANDARD_COLUMNS = (
    "全国地方公共団体コード", "法人番号", "ID", "地方公共団体名", "イベント名", "言語コード",
    "イベント通称", "サブタイトル", "イベント名_カナ", "イベント名_英語", "コンテンツURL", "状態",
    "キーワード", "タグ", "対象となる産業", "開催パターン", "開始日", "終了日", "開始時間",
    "終了時間", "開始日時特記事項", "所要時間", "掲載開始日", "掲載終了日", "概要", "説明",
    "サブイベント", "イベント種類", "料金(基本)", "料金(詳細)", "連絡先名称", "連絡先電話番号",
    "連絡先内線番号", "主催者", "共催団体", "関連組織", "対象者", "対象者備考", "場所名称",
    "集合(受付)場所", "所在地_全国地方公共団体コード", "町字ID", "所在地_連結表記",
    "所在地_都道府県", "所在地_市区町村", "所在地_町字", "所在地_番地以下", "建物名等(方書)",
    "緯度", "経度", "アクセス方法", "駐車場情報", "駐車場料金", "駐輪場情報", "Web開催",
    "Web開催URL", "ツール・環境", "定員", "定員備考", "料金種別", "決済種別", "外国語対応",
    "外国語対応備考", "開催条件", "参加申込終了日", "参加申込終了時間", "参加申込方法",
    "申込開始日", "申込開始時刻", "申込URL", "URL", "授乳室", "おむつ替えコーナー", "飲食可否",
    "ベビーカー貸出", "ベビーカー利用", "画像", "画像_ライセンス", "備考",
)  # fmt: skip


@dataclass(frozen=True)
class Layout:
    name: str
    columns: tuple
    code: str  # the publisher's 全国地方公共団体コード
    key: str  # the row's identifier within the publisher's file
    #: Without these the file is not in the layout.
    required: tuple


RECOMMENDED = Layout(
    "recommended", COLUMNS, "都道府県コード又は市区町村コード", "NO", ("イベント名", "開始日")
)
STANDARD = Layout(
    "standard", STANDARD_COLUMNS, "全国地方公共団体コード", "ID", ("ID", "イベント名", "開始日")
)
LAYOUTS = (STANDARD, RECOMMENDED)
#: Columns only the current layout has: one of them in a header selects it.
_STANDARD_ONLY = {"ID", "全国地方公共団体コード", "コンテンツURL", "所在地_都道府県", "言語コード"}


def header_name(cell):
    """A header cell as written in the definitions: width-folded (NFKC:
    （）→ (), full-width letters), without spaces, BOM or zero-width marks."""
    text = unicodedata.normalize("NFKC", cell or "")
    return "".join(ch for ch in text if not ch.isspace() and ch not in "\ufeff\u200b")


def detect_layout(header):
    """The layout a header row (already :func:`header_name`-d) is in: the
    current standard when it has one of its own columns, else the 2019 one."""
    return STANDARD if _STANDARD_ONLY & set(header) else RECOMMENDED


# JIS X 0401 order: Hokkaido = 01 … Okinawa = 47.
_PREFECTURE_NAMES = (
    ("hokkaido", "北海道"), ("aomori", "青森県"), ("iwate", "岩手県"), ("miyagi", "宮城県"),
    ("akita", "秋田県"), ("yamagata", "山形県"), ("fukushima", "福島県"),
    ("ibaraki", "茨城県"), ("tochigi", "栃木県"), ("gunma", "群馬県"), ("saitama", "埼玉県"),
    ("chiba", "千葉県"), ("tokyo", "東京都"), ("kanagawa", "神奈川県"), ("niigata", "新潟県"),
    ("toyama", "富山県"), ("ishikawa", "石川県"), ("fukui", "福井県"), ("yamanashi", "山梨県"),
    ("nagano", "長野県"), ("gifu", "岐阜県"), ("shizuoka", "静岡県"), ("aichi", "愛知県"),
    ("mie", "三重県"), ("shiga", "滋賀県"), ("kyoto", "京都府"), ("osaka", "大阪府"),
    ("hyogo", "兵庫県"), ("nara", "奈良県"), ("wakayama", "和歌山県"), ("tottori", "鳥取県"),
    ("shimane", "島根県"), ("okayama", "岡山県"), ("hiroshima", "広島県"),
    ("yamaguchi", "山口県"), ("tokushima", "徳島県"), ("kagawa", "香川県"), ("ehime", "愛媛県"),
    ("kochi", "高知県"), ("fukuoka", "福岡県"), ("saga", "佐賀県"), ("nagasaki", "長崎県"),
    ("kumamoto", "熊本県"), ("oita", "大分県"), ("miyazaki", "宮崎県"),
    ("kagoshima", "鹿児島県"), ("okinawa", "沖縄県"),
)  # fmt: skip
PREFECTURE_NAME = dict(_PREFECTURE_NAMES)
PREFECTURE_BY_NAME = {name: code for code, name in _PREFECTURE_NAMES}
PREFECTURE_NUMBER = {code: n for n, (code, _) in enumerate(_PREFECTURE_NAMES, start=1)}
assert set(PREFECTURE_NAME) == set(Prefecture.values) - {"online", "overseas"}


def local_government_code(digits5):
    """The 6-digit 全国地方公共団体コード: five digits and their check digit
    (weights 6..2, modulus 11), e.g. ``"13000"`` → ``"130001"``."""
    total = sum(int(d) * w for d, w in zip(digits5, (6, 5, 4, 3, 2), strict=True))
    return f"{digits5}{(11 - total % 11) % 10}"


def prefecture_code(prefecture):
    """Tokyo → ``"130001"``; ``""`` for online / overseas."""
    number = PREFECTURE_NUMBER.get(prefecture)
    return local_government_code(f"{number:02d}000") if number else ""

"""The recommended open-data dataset "イベント一覧" (推奨データセット, now
自治体標準データセット): its columns in the definition's order, and the
prefecture codes of the 全国地方公共団体コード.

Dates are written YYYY-MM-DD and times hh:mm in the definition; the file is
CSV with a header row.
"""

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
#: Without these a row cannot become an event.
REQUIRED = ("イベント名", "開始日", "URL")

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


def prefecture_from_text(text):
    """The prefecture a Japanese address or name starts with, or None."""
    text = (text or "").strip()
    for name, code in PREFECTURE_BY_NAME.items():
        if text.startswith(name) or (name != "北海道" and text == name[:-1]):
            return code
    return None

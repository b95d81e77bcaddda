"""Where an event takes place, read from free text as calendar apps and
municipal files write it: a prefecture named anywhere in an address or
venue, a postcode's prefecture, a major city's prefecture, and whether a
place is online (a meeting service, オンライン, a URL).

Pure functions: the importer decides what to do with their answers.
"""

import re
import unicodedata

from .columns import PREFECTURE_BY_NAME

# The prefecture of a postcode's first three digits (日本郵便's regional
# numbering; a written prefecture name always wins over it).
_POSTCODE_RANGES = (
    (1, 9, "hokkaido"), (10, 19, "akita"), (20, 29, "iwate"), (30, 39, "aomori"),
    (40, 99, "hokkaido"), (100, 209, "tokyo"), (210, 259, "kanagawa"), (260, 299, "chiba"),
    (300, 319, "ibaraki"), (320, 329, "tochigi"), (330, 369, "saitama"), (370, 379, "gunma"),
    (380, 399, "nagano"), (400, 409, "yamanashi"), (410, 439, "shizuoka"),
    (440, 499, "aichi"), (500, 509, "gifu"), (510, 519, "mie"), (520, 529, "shiga"),
    (530, 599, "osaka"), (600, 629, "kyoto"), (630, 639, "nara"), (640, 649, "wakayama"),
    (650, 679, "hyogo"), (680, 689, "tottori"), (690, 699, "shimane"),
    (700, 719, "okayama"), (720, 739, "hiroshima"), (740, 759, "yamaguchi"),
    (760, 769, "kagawa"), (770, 779, "tokushima"), (780, 789, "kochi"), (790, 799, "ehime"),
    (800, 839, "fukuoka"), (840, 849, "saga"), (850, 859, "nagasaki"),
    (860, 869, "kumamoto"), (870, 879, "oita"), (880, 889, "miyazaki"),
    (890, 899, "kagoshima"), (900, 909, "okinawa"), (910, 919, "fukui"),
    (920, 929, "ishikawa"), (930, 939, "toyama"), (940, 959, "niigata"),
    (960, 979, "fukushima"), (980, 989, "miyagi"), (990, 999, "yamagata"),
)  # fmt: skip
_POSTCODE = re.compile(r"〒\s*(\d{3})-?\d{4}|(?<!\d)(\d{3})-\d{4}(?!\d)")

# Designated cities and other names that only one prefecture has (a bare
# prefecture stem like 山口 or 富山 is also a surname or a town: not used).
_CITIES = {
    "札幌": "hokkaido", "仙台": "miyagi", "さいたま市": "saitama", "千葉市": "chiba",
    "東京": "tokyo", "横浜": "kanagawa", "川崎市": "kanagawa", "相模原": "kanagawa",
    "新潟市": "niigata", "静岡市": "shizuoka", "浜松": "shizuoka", "名古屋": "aichi",
    "京都": "kyoto", "大阪": "osaka", "堺市": "osaka", "神戸": "hyogo", "岡山市": "okayama",
    "広島": "hiroshima", "北九州": "fukuoka", "福岡市": "fukuoka", "熊本": "kumamoto",
    "那覇": "okinawa", "金沢": "ishikawa", "鹿児島": "kagoshima", "長崎": "nagasaki",
    "宇都宮": "tochigi", "前橋": "gunma", "水戸": "ibaraki", "甲府": "yamanashi",
    "岐阜": "gifu", "津市": "mie", "大津": "shiga", "奈良": "nara", "和歌山": "wakayama",
    "鳥取": "tottori", "松江": "shimane", "高松": "kagawa", "徳島": "tokushima",
    "松山市": "ehime", "高知": "kochi", "佐賀": "saga", "大分": "oita", "宮崎": "miyazaki",
    "盛岡": "iwate", "秋田": "akita", "青森": "aomori", "山形": "yamagata",
    "福島": "fukushima", "富山市": "toyama", "福井": "fukui", "長野": "nagano",
    "Tokyo": "tokyo", "Osaka": "osaka", "Kyoto": "kyoto", "Yokohama": "kanagawa",
    "Nagoya": "aichi", "Sapporo": "hokkaido", "Fukuoka": "fukuoka", "Kobe": "hyogo",
    "Sendai": "miyagi", "Hiroshima": "hiroshima", "Okinawa": "okinawa",
}  # fmt: skip

_MEETING_HOSTS = re.compile(
    r"zoom\.us|zoom\.com|teams\.microsoft\.com|teams\.live\.com|meet\.google\.com|"
    r"webex\.com|whereby\.com|youtube\.com/live|youtu\.be",
    re.IGNORECASE,
)
_ONLINE_WORDS = re.compile(
    r"オンライン|ウェビナー|ウェブ開催|web開催|zoom|teams|google meet|webex|online|webinar|"
    r"virtual",
    re.IGNORECASE,
)
_HYBRID_WORDS = re.compile(r"ハイブリッド|hybrid|会場(?:及び|および|と|・|/|／)オンライン", re.I)
URL = re.compile(r"https?://[^\s<>\"'　「」（）()、，,]+", re.IGNORECASE)


def _fold(text):
    return unicodedata.normalize("NFKC", text or "")


def prefecture_in(*texts):
    """The prefecture named in the first of ``texts`` that names one: a
    prefecture name anywhere (the earliest), else a postcode's, else a major
    city's. None if none does."""
    for text in texts:
        found = _prefecture_in(_fold(text))
        if found:
            return found
    return None


def _prefecture_in(text):
    if not text:
        return None
    positions = [(text.find(name), code) for name, code in PREFECTURE_BY_NAME.items()]
    named = sorted((at, code) for at, code in positions if at >= 0)
    if named:
        return named[0][1]
    for match in _POSTCODE.finditer(text):
        number = int(match[1] or match[2])
        for low, high, code in _POSTCODE_RANGES:
            if low <= number <= high:
                return code
    cities = sorted((text.find(name), code) for name, code in _CITIES.items() if name in text)
    return cities[0][1] if cities else None


def urls_in(text):
    """The http(s) addresses in ``text``, in order, without trailing
    punctuation."""
    return [url.rstrip(".。,)>]") for url in URL.findall(_fold(text))]


def is_meeting_url(url):
    return bool(_MEETING_HOSTS.search(url or ""))


def online_kind(location):
    """ "online", "hybrid" or None for a LOCATION / 場所名称 text."""
    text = _fold(location).strip()
    if not text:
        return None
    if _HYBRID_WORDS.search(text):
        return "hybrid"
    bare_url = URL.fullmatch(text)
    if bare_url or _ONLINE_WORDS.search(text) or is_meeting_url(text):
        # オンライン（Zoom）is online; "東京都… / Zoom" names a place too.
        place = URL.sub("", text)
        place = _ONLINE_WORDS.sub("", place)
        if _prefecture_in(place):
            return "hybrid"
        return "online"
    return None

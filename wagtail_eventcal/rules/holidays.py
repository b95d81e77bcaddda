"""Names of the days Japan's offices are closed, for the public month grid:
the same data as the review clock (``business_days``: jpholiday and the
29 Dec – 3 Jan closure), named in Japanese and English (jpholiday names
them in Japanese only)."""

from ..bilingual import pick
from .business_days import is_year_end_closure, national_holiday_name

#: jpholiday's names → the English names of the Cabinet Office's list.
ENGLISH_NAMES = {
    "元日": "New Year's Day",
    "成人の日": "Coming of Age Day",
    "建国記念の日": "National Foundation Day",
    "天皇誕生日": "The Emperor's Birthday",
    "春分の日": "Vernal Equinox Day",
    "昭和の日": "Showa Day",
    "憲法記念日": "Constitution Memorial Day",
    "みどりの日": "Greenery Day",
    "こどもの日": "Children's Day",
    "海の日": "Marine Day",
    "山の日": "Mountain Day",
    "敬老の日": "Respect for the Aged Day",
    "秋分の日": "Autumnal Equinox Day",
    "体育の日": "Health and Sports Day",
    "スポーツの日": "Sports Day",
    "文化の日": "Culture Day",
    "勤労感謝の日": "Labor Thanksgiving Day",
    "国民の休日": "Citizens' Holiday",
    "天皇の即位の日": "Day of the Emperor's Enthronement",
    "即位礼正殿の儀": "Enthronement Ceremony",
}
SUBSTITUTE = " 振替休日"
CLOSURE = ("年末年始休業", "Year-end closure")


def english_name(japanese):
    if japanese.endswith(SUBSTITUTE):
        base = ENGLISH_NAMES.get(japanese.removesuffix(SUBSTITUTE))
        return f"Substitute holiday ({base})" if base else ""
    return ENGLISH_NAMES.get(japanese, "")


def day_off_name(day):
    """The holiday's (or closure's) name in the active language, or ``None``
    on an ordinary day. Unknown English names fall back to the Japanese."""
    japanese = national_holiday_name(day)
    if japanese:
        return pick(japanese, english_name(japanese))
    if is_year_end_closure(day):
        return pick(*CLOSURE)
    return None

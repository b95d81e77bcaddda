"""Text folding for comparing events typed by different people."""

import re
import unicodedata
from urllib.parse import urlsplit

from ..folding import fold as search_fold

# Punctuation, symbols and spaces carry no identity: 「第1回」 == 第１回.
_NOISE = re.compile(r"[\W_]+", re.UNICODE)
_NUMBERS = re.compile(r"\d+")


def fold(text):
    """The keyword search's folding (NFKC: full-width digits and letters,
    half-width kana; case folded), without spaces or punctuation."""
    return _NOISE.sub("", search_fold(str(text or "")))


def numbers(text):
    """The numbers in ``text`` after folding (第2回 → ("2",))."""
    return tuple(n.lstrip("0") or "0" for n in _NUMBERS.findall(fold(text)))


def url_key(url):
    """Host (without www.) and path (without a trailing slash), lower case:
    http/https, query and fragment do not tell two events apart."""
    if not url:
        return ""
    parts = urlsplit(unicodedata.normalize("NFKC", url.strip()))
    host = (parts.hostname or "").removeprefix("www.")
    path = parts.path.rstrip("/")
    for index in ("/index.html", "/index.htm", "/index.php"):
        path = path.removesuffix(index)
    return f"{host}{path}".lower()

"""Usernames chosen at invitation sign-up: one spelling, none that passes
for another account's.

A proxy's username is shown to reviewers ("proxy entry by …"), so a new
one must not read as an existing account: "ſubmitter_a" (long s) or
"submitter_а" (Cyrillic a) would pass for "submitter_a". The name is
normalised (NFKC: "ſ" becomes "s", full-width letters ASCII), must then be
ASCII — which rules out look-alikes from other scripts — and is refused when
its skeleton, the ASCII characters that are easily taken for one another
folded together, equals an existing account's.
"""

import re
import unicodedata

#: Read alike in the admin's fonts: each is replaced by the first of its group.
_LOOK_ALIKES = [("rn", "m"), ("vv", "w"), ("0", "o"), ("1", "l"), ("i", "l"), ("|", "l")]
_SEPARATORS = re.compile(r"[._\-]+")


def normalise(username):
    return unicodedata.normalize("NFKC", username).strip()


def skeleton(username):
    """What ``username`` looks like: NFKC, case-folded, easily confused
    characters and runs of separators folded to one."""
    text = unicodedata.normalize("NFKC", username).casefold()
    for look_alike, letter in _LOOK_ALIKES:
        text = text.replace(look_alike, letter)
    return _SEPARATORS.sub("_", text)


def look_alike_of(username, existing):
    """The first of ``existing`` that ``username`` could be taken for."""
    wanted = skeleton(username)
    return next((name for name in existing if skeleton(name) == wanted), None)

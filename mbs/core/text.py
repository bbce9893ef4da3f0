"""Turkish-aware text helpers.

Python's own case mapping is wrong for Turkish: "I".lower() is "i" (should be "ı") and
"İ".lower() is "i" plus a combining dot. Names typed in capitals by one office and in
title case by another must still compare equal, so every comparison goes through
`turkish_casefold`.
"""

import re
import unicodedata

_TO_LOWER = str.maketrans({"I": "ı", "İ": "i"})
_TO_UPPER = str.maketrans({"i": "İ", "ı": "I"})
_TO_ASCII = str.maketrans("çğıöşüâîû", "cgiosuaiu")
_SPACES = re.compile(r"\s+")


def collapse_whitespace(text: str) -> str:
    """Trimmed, with every run of whitespace (tabs, non-breaking spaces) one space."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def turkish_casefold(text: str) -> str:
    """Lower case by Turkish rules (İ→i, I→ı), for comparing names."""
    # NFC first: a decomposed "I + combining dot" must become "İ" before mapping.
    return unicodedata.normalize("NFC", text).translate(_TO_LOWER).lower()


def turkish_upper(text: str) -> str:
    return unicodedata.normalize("NFC", text).translate(_TO_UPPER).upper()


def turkish_title(text: str) -> str:
    """Display form of a name: "İSMAİL  YILMAZ" → "İsmail Yılmaz" (also after "-")."""
    words = collapse_whitespace(text).split(" ")
    return " ".join("-".join(_capitalize(part) for part in word.split("-")) for word in words)


def _capitalize(word: str) -> str:
    return turkish_upper(word[:1]) + turkish_casefold(word[1:])


def ascii_key(text: str) -> str:
    """A loose key: casefolded, Turkish letters to ASCII, spaces and dashes to "_".

    For matching words typed without Turkish letters ("Kaymakamlik", "KOY") and column
    headers ("İlçe" → "ilce"); never for storing.
    """
    folded = turkish_casefold(collapse_whitespace(text)).translate(_TO_ASCII)
    return re.sub(r"[\s\-]+", "_", folded)

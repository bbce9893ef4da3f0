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


TURKISH_ALPHABET = "abcçdefgğhıijklmnoöprsştuüvyz"
_LETTER_RANK: dict[str, float] = {
    letter: 100 + rank for rank, letter in enumerate(TURKISH_ALPHABET)
}
# Circumflexed vowels (Kâhta, Şehîd) sort as their plain letters; q, w, x (foreign
# names) sort after the letters they follow in the Latin alphabet.
_LETTER_RANK.update({"â": _LETTER_RANK["a"], "î": _LETTER_RANK["i"], "û": _LETTER_RANK["u"]})
_LETTER_RANK.update({"q": _LETTER_RANK["p"] + 0.5, "w": _LETTER_RANK["v"] + 0.5})
_LETTER_RANK["x"] = _LETTER_RANK["w"] + 0.25


def turkish_sort_key(text: str) -> tuple[tuple[float, ...], str]:
    """A key that sorts names in Turkish alphabetical order, ignoring case:
    a b c ç d e f g ğ h ı i j k l m n o ö p r s ş t u ü v y z.

    Python's own order puts "Ç" after "Z" and "ı" after every ASCII letter. Spaces and
    punctuation sort before digits, digits before letters; the name itself breaks ties
    so the order is stable.
    """
    folded = turkish_casefold(collapse_whitespace(text))
    ranks: list[float] = []
    for char in folded:
        if char in _LETTER_RANK:
            ranks.append(_LETTER_RANK[char])
        elif char.isdigit():
            ranks.append(50 + int(char) if char.isascii() else 60)
        elif char.isalpha():
            ranks.append(1000 + ord(char))  # another script: after every Turkish letter
        else:
            ranks.append(10)
    return tuple(ranks), text


def search_key(*parts: str) -> str:
    """What free-text search matches against: the parts joined, whitespace collapsed,
    Turkish-casefolded and then without Turkish letters, so "IŞIK" is found by "ışık"
    and by "isik", "İSTANBUL" by "istanbul" and by "Istanbul" (typed on a keyboard
    without Turkish letters, where capital I is the only I)."""
    return turkish_casefold(collapse_whitespace(" ".join(parts))).translate(_TO_ASCII)

"""The local part of a muhtar's corporate address, from their name.

The rule, in order, the first candidate nobody holds yet wins:

1. first given name + "." + surname: "Çağlayan Şükrü Ölmez" → `caglayan.olmez`;
2. every given name, run together + "." + surname: `caglayansukru.olmez`;
3. rule 1 with a number from 2 up: `ali.yilmaz2`, `ali.yilmaz3`, ...

Letters are lower-cased by Turkish rules and transliterated (ç→c, ğ→g, ı→i, İ→i,
ö→o, ş→s, ü→u, â→a, î→i, û→u); other accented letters lose their accents (é→e);
apostrophes, hyphens and spaces inside a name are dropped ("Ayşe-Nur" → `aysenur`,
surname "Kara Ahmet" → `karaahmet`); anything else that is not a-z or 0-9 goes too.
A name that leaves nothing (another script) becomes "muhtar". The result is at most
64 characters (RFC 5321), the surname shortened first.
"""

import unicodedata
from collections.abc import Callable, Iterator

from mbs.core.text import collapse_whitespace, turkish_casefold

MAX_LOCAL_PART = 64
FALLBACK_WORD = "muhtar"
_TURKISH = str.maketrans("çğıöşüâîû", "cgiosuaiu")


def ascii_word(text: str) -> str:
    """One name as a-z and 0-9 only: "Şükrü" → "sukru", "O'Neil" → "oneil"."""
    folded = turkish_casefold(collapse_whitespace(text)).translate(_TURKISH)
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(c for c in decomposed if c.isascii() and c.isalnum()).lower()


def _given_names(first_name: str) -> list[str]:
    words = [ascii_word(word) for word in collapse_whitespace(first_name).split(" ")]
    return [word for word in words if word] or [FALLBACK_WORD]


def _join(given: str, surname: str, suffix: str = "") -> str:
    # The surname gives way first; a given name longer than half the room is cut too.
    room = MAX_LOCAL_PART - len(suffix) - 1
    if len(given) + len(surname) > room:
        given = given[: MAX_LOCAL_PART // 2 - 1]
    return f"{given}.{surname[: room - len(given)]}{suffix}"


def candidates(first_name: str, last_name: str) -> Iterator[str]:
    """The local parts to try for this person, best first (endless: rule 3 counts up)."""
    given = _given_names(first_name)
    surname = ascii_word(last_name) or FALLBACK_WORD
    first = _join(given[0], surname)
    yield first
    if len(given) > 1:
        yield _join("".join(given), surname)
    number = 2
    while True:
        yield _join(given[0], surname, str(number))
        number += 1


def choose_local_part(first_name: str, last_name: str, is_taken: Callable[[str], bool]) -> str:
    """The first candidate for which `is_taken` is False."""
    for candidate in candidates(first_name, last_name):
        if not is_taken(candidate):
            return candidate
    raise AssertionError("candidates() never ends")


def display_name(first_name: str, last_name: str) -> str:
    """The name shown in the mail client: the registry's spelling, whitespace tidied."""
    return collapse_whitespace(f"{first_name} {last_name}")

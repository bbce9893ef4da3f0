"""Corporate addresses: the local part from tricky Turkish names, and the collision
rule (first given name, then all given names, then a number)."""

import itertools

import pytest

from mbs.core.mail.addresses import MAX_LOCAL_PART, ascii_word, candidates, choose_local_part


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        ("Çağlayan Şükrü", "Ölmez", "caglayan.olmez"),
        ("İpek", "Işık", "ipek.isik"),
        ("İPEK", "IŞIK", "ipek.isik"),  # capitals by Turkish rules: I → ı → i
        ("ipek", "ışık", "ipek.isik"),
        ("Ali", "Yılmaz", "ali.yilmaz"),
        ("Ayşe-Nur", "Kaya", "aysenur.kaya"),
        ("Hatice", "Kara Ahmet", "hatice.karaahmet"),
        ("Mehmet", "D'Alessandro", "mehmet.dalessandro"),
        ("Âdem", "Şâhin", "adem.sahin"),
        ("José", "Núñez", "jose.nunez"),
        ("  Gülşen  ", " Öztürk ", "gulsen.ozturk"),
        ("Ли", "Ан", "muhtar.muhtar"),  # nothing left in a-z: a fixed word
    ],
)
def test_the_first_candidate(first: str, last: str, expected: str) -> None:
    assert next(candidates(first, last)) == expected


def test_decomposed_letters_are_the_same_name() -> None:
    # "I" + combining dot above, "S" + combining cedilla, as some systems store them.
    assert ascii_word("I\u0307PEK") == "ipek"
    assert ascii_word("S\u0327u\u0308kru\u0308") == "sukru"


def test_several_given_names_are_tried_together_before_a_number() -> None:
    assert list(itertools.islice(candidates("Çağlayan Şükrü", "Ölmez"), 4)) == [
        "caglayan.olmez",
        "caglayansukru.olmez",
        "caglayan.olmez2",
        "caglayan.olmez3",
    ]


def test_one_given_name_goes_straight_to_the_number() -> None:
    taken = {"ali.yilmaz", "ali.yilmaz2"}
    assert choose_local_part("Ali", "Yılmaz", taken.__contains__) == "ali.yilmaz3"


def test_a_long_name_stays_within_64_characters() -> None:
    parts = list(itertools.islice(candidates("Abdurrahman" * 5, "Karamustafaoğulları" * 4), 12))
    assert all(len(part) <= MAX_LOCAL_PART for part in parts)
    assert len(set(parts)) == len(parts)
    assert parts[-1].endswith("12")

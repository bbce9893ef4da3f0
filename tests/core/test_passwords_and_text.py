"""Turkish text rules, TCKN and phone handling, password hashing and policy."""

import pytest

from mbs.core.errors import ValidationError
from mbs.core.security.passwords import (
    check_password_policy,
    generate_password,
    hash_password,
    needs_rehash,
    verify_password,
)
from mbs.core.tckn import (
    is_valid_tckn,
    mask_phone,
    mask_tckn,
    normalize_person_name,
    normalize_phone,
)
from mbs.core.text import ascii_key, collapse_whitespace, turkish_casefold, turkish_title
from tests.builders import valid_tckn


def test_turkish_casefold_maps_dotted_and_dotless_i() -> None:
    assert turkish_casefold("ISPARTA") == "ısparta"
    assert turkish_casefold("İSTANBUL") == "istanbul"
    assert turkish_casefold("ÇĞÖŞÜ") == "çğöşü"
    # A decomposed capital İ (I + combining dot) is the same letter.
    assert turkish_casefold("I\u0307ZMI\u0307R") == "izmir"
    assert turkish_casefold("I") != turkish_casefold("İ")


def test_person_names_compare_equal_across_case_and_spacing() -> None:
    assert normalize_person_name("İSMAİL  yılmaz") == normalize_person_name(" İsmail Yılmaz ")
    assert normalize_person_name("IŞIL") == normalize_person_name("ışıl")
    assert normalize_person_name("ISIL") != normalize_person_name("Işıl")


def test_turkish_title_for_display() -> None:
    assert turkish_title("İSMAİL YILMAZ") == "İsmail Yılmaz"
    assert turkish_title("ışıl  ılgaz") == "Işıl Ilgaz"
    assert turkish_title("ayşe-nur İNCE") == "Ayşe-Nur İnce"


def test_collapse_whitespace_and_ascii_key() -> None:
    assert collapse_whitespace("  Mehmet\t\u00a0Ali \n") == "Mehmet Ali"
    assert ascii_key("İlçe") == "ilce"
    assert ascii_key("İL MÜDÜRLÜĞÜ") == "il_mudurlugu"
    assert ascii_key("Üst DETSİS No") == "ust_detsis_no"


def test_tckn_checksum() -> None:
    tckn = valid_tckn(42)
    assert is_valid_tckn(tckn)
    assert is_valid_tckn(f" {tckn} ")
    wrong_check = tckn[:-1] + str((int(tckn[-1]) + 1) % 10)
    assert not is_valid_tckn(wrong_check)
    assert not is_valid_tckn("0" + tckn[1:])
    assert not is_valid_tckn(tckn[:10])
    assert not is_valid_tckn("1234567890a")


def test_masking() -> None:
    assert mask_tckn("12345678901") == "123******01"
    assert mask_phone("905321234567") == "0532 *** ** 67"


@pytest.mark.parametrize(
    "text",
    ["0532 123 45 67", "+90 532 123 45 67", "5321234567", "905321234567", "(0532) 123-45-67"],
)
def test_normalize_phone_accepts_the_usual_forms(text: str) -> None:
    assert normalize_phone(text) == "905321234567"


@pytest.mark.parametrize(
    "text", ["0312 123 45 67", "532 123 45 6", "", "0532 123 45 67 8", "+1 532 123 4567", "abc"]
)
def test_normalize_phone_rejects_what_is_not_a_turkish_mobile(text: str) -> None:
    with pytest.raises(ValidationError) as raised:
        normalize_phone(text)
    assert "cep telefonu" in raised.value.message


def test_password_hash_and_verify() -> None:
    hashed = hash_password("Parola.2026x")
    assert hashed.startswith("$argon2")
    assert "Parola.2026x" not in hashed
    assert verify_password("Parola.2026x", hashed)
    assert not verify_password("parola.2026x", hashed)
    assert not needs_rehash(hashed)
    assert not verify_password("Parola.2026x", "not a hash")
    assert not verify_password("Parola.2026x", "")


@pytest.mark.parametrize(
    ("password", "reason"),
    [("Kısa1", "en az 10"), ("sadeceharfler", "harf hem rakam"), ("1234567890", "harf hem rakam")],
)
def test_password_policy_rejects(password: str, reason: str) -> None:
    with pytest.raises(ValidationError) as raised:
        check_password_policy(password)
    assert reason in raised.value.message


def test_password_policy_accepts_and_generated_passwords_meet_it() -> None:
    check_password_policy("Demo.2026.mbs")
    passwords = {generate_password() for _ in range(20)}
    assert len(passwords) == 20
    for password in passwords:
        check_password_policy(password)

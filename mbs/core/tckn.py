"""TC Kimlik No and mobile numbers: validation, normalisation and masking.

The TCKN check is the offline checksum of python-stdnum only; the online identity
service is never called. Masked forms are what logs and screens may show.
"""

import re

from stdnum.tr import tckimlik

from mbs.core.errors import ValidationError
from mbs.core.text import collapse_whitespace, turkish_casefold

PHONE_ERROR = "Geçerli bir cep telefonu numarası girin (ör. 0532 123 45 67)."
_PHONE_SEPARATORS = re.compile(r"[\s\-().]")


def is_valid_tckn(value: str) -> bool:
    """True for an 11-digit TCKN whose check digits are right."""
    value = value.strip()
    return len(value) == 11 and value.isdigit() and tckimlik.is_valid(value)


def mask_tckn(tckn: str) -> str:
    """For display and logs: "12345678901" → "123******01"."""
    return f"{tckn[:3]}{'*' * 6}{tckn[-2:]}"


def normalize_phone(text: str) -> str:
    """A Turkish mobile number as "905321234567", from the usual ways of writing it.

    Accepts "0532 123 45 67", "+90 532 123 45 67", "0090...", "90532..." and
    "5321234567"; anything that is not a mobile number (starting with 5 after the
    country code) is a ValidationError.
    """
    digits = _PHONE_SEPARATORS.sub("", text.strip())
    for prefix in ("+90", "0090", "90", "0"):
        if digits.startswith(prefix) and len(digits) == len(prefix) + 10:
            digits = digits[len(prefix) :]
            break
    if len(digits) != 10 or not digits.isdigit() or not digits.startswith("5"):
        raise ValidationError(PHONE_ERROR)
    return f"90{digits}"


def mask_phone(phone: str) -> str:
    """For display and logs: "905321234567" → "0532 *** ** 67"."""
    national = phone[2:] if phone.startswith("90") and len(phone) == 12 else phone
    return f"0{national[:3]} *** ** {national[-2:]}"


def normalize_person_name(text: str) -> str:
    """A comparison key for a person's name: "İSMAİL  yılmaz" == "İsmail Yılmaz"."""
    return turkish_casefold(collapse_whitespace(text))

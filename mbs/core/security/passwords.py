"""Staff passwords: argon2 hashes through passlib, and the password policy."""

import secrets
import string

from passlib.context import CryptContext

from mbs.core.errors import ValidationError

# Schemes listed later than the first are still verified and flagged by needs_rehash,
# so changing the parameters or the algorithm upgrades hashes at the next login.
_context = CryptContext(schemes=["argon2"], deprecated="auto")

MIN_LENGTH = 10
# argon2 hashes any length; the cap only keeps a pasted novel from costing CPU.
MAX_LENGTH = 128
# No 0/O, 1/l/I: a reset password is read off a screen and typed in.
_ALPHABET = "".join(c for c in string.ascii_letters + string.digits if c not in "0O1lI")


def hash_password(password: str) -> str:
    return _context.hash(password)


def verify_password(password: str, password_hash: str) -> bool:
    """True if `password` matches; False also for an empty or unrecognised hash."""
    try:
        return _context.verify(password, password_hash)
    except (ValueError, TypeError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """True if the hash was made with outdated settings (rehash after a good login)."""
    return _context.needs_update(password_hash)


def check_password_policy(password: str) -> None:
    """Raise ValidationError unless the password has 10+ characters, letters and digits."""
    if len(password) < MIN_LENGTH:
        raise ValidationError(f"Parola en az {MIN_LENGTH} karakter olmalıdır.")
    if len(password) > MAX_LENGTH:
        raise ValidationError(f"Parola en fazla {MAX_LENGTH} karakter olabilir.")
    if not any(c.isalpha() for c in password) or not any(c.isdigit() for c in password):
        raise ValidationError("Parola hem harf hem rakam içermelidir.")


def generate_password(length: int = 16) -> str:
    """A random password that meets the policy (for resets)."""
    while True:
        password = "".join(secrets.choice(_ALPHABET) for _ in range(length))
        if any(c.isalpha() for c in password) and any(c.isdigit() for c in password):
            return password

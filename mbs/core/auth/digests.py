"""Digests of login secrets: what the tables store instead of the secrets themselves."""

import hashlib
import hmac

from mbs.core import settings


def keyed_digest(purpose: str, value: str) -> str:
    """HMAC-SHA256 (hex) of `value` under the server secret, separated by `purpose` so a
    digest made for one use ("captcha", "tckn", ...) never matches another."""
    message = f"{purpose}\x00{value}".encode()
    return hmac.new(settings.secret_key(), message, hashlib.sha256).hexdigest()


def token_digest(token: str) -> str:
    """SHA-256 (hex) of a session token: the token has 256 random bits, so no key is
    needed, and a stolen table holds nothing a browser could present."""
    return hashlib.sha256(token.encode()).hexdigest()


def same_digest(left: str, right: str) -> bool:
    """Constant-time comparison, so response timing does not reveal matching prefixes."""
    return hmac.compare_digest(left, right)

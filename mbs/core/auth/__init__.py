"""Authentication of muhtars (TCKN + name + captcha, then an SMS onay kodu) and staff
(user name + password), and the web sessions both get. Every rule is enforced here,
on the server; the pages only show the messages."""

from mbs.core.auth.captcha import check_captcha, new_captcha
from mbs.core.auth.muhtar_login import LoginCodeIssued, request_login_code, verify_login_code
from mbs.core.auth.purge import purge_expired
from mbs.core.auth.refusals import LoginRefused, TooManyAttempts, login_transaction
from mbs.core.auth.sessions import SessionIssued, end_session, resolve_session
from mbs.core.auth.staff import staff_login

__all__ = [
    "LoginCodeIssued",
    "LoginRefused",
    "SessionIssued",
    "TooManyAttempts",
    "check_captcha",
    "end_session",
    "login_transaction",
    "new_captcha",
    "purge_expired",
    "request_login_code",
    "resolve_session",
    "staff_login",
    "verify_login_code",
]

"""Enumerations shared by the models, the workflow table and the interface."""

from enum import StrEnum


class MuhtarlikKind(StrEnum):
    MAHALLE = "mahalle"
    KOY = "koy"


class UnitKind(StrEnum):
    MIGM = "migm"
    VALILIK = "valilik"
    IL_MUDURLUGU = "il_mudurlugu"
    IL_OZEL_IDARESI = "il_ozel_idaresi"
    KAYMAKAMLIK = "kaymakamlik"
    BELEDIYE = "belediye"


# A valilik forwards only to these, and only within its own province.
VALILIK_SUB_UNIT_KINDS = frozenset(
    {UnitKind.IL_MUDURLUGU, UnitKind.IL_OZEL_IDARESI, UnitKind.KAYMAKAMLIK}
)
# The central unit routes only to these.
ROUTABLE_UNIT_KINDS = frozenset({UnitKind.VALILIK, UnitKind.BELEDIYE})


class BelediyeKind(StrEnum):
    BUYUKSEHIR = "buyuksehir"
    IL = "il"
    ILCE = "ilce"
    BELDE = "belde"


class RequestType(StrEnum):
    SIKAYET = "sikayet"
    ISTEK = "istek"
    IHBAR = "ihbar"
    GORUS_ONERI = "gorus_oneri"


class RequestStatus(StrEnum):
    PENDING = "pending"
    ROUTED = "routed"
    CONCLUDED = "concluded"


class Priority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class AssignmentStatus(StrEnum):
    NEW = "new"
    TAKEN = "taken"
    FORWARDED = "forwarded"
    FINISHED = "finished"
    RETURNED = "returned"


OPEN_ASSIGNMENT_STATUSES = frozenset(
    {AssignmentStatus.NEW, AssignmentStatus.TAKEN, AssignmentStatus.FORWARDED}
)


class EventKind(StrEnum):
    FILED = "filed"
    PRIORITY_SET = "priority_set"
    ROUTED = "routed"
    UNITS_ADDED = "units_added"
    CONCLUDED_UNROUTED = "concluded_unrouted"
    TAKEN_ON = "taken_on"
    FORWARDED = "forwarded"
    COMPLETED = "completed"
    RETURNED = "returned"
    CONCLUDED = "concluded"
    # Audit-only events (no request): imports, accounts, logins.
    DATA_LOADED = "data_loaded"
    UNITS_IMPORTED = "units_imported"
    MUHTARS_IMPORTED = "muhtars_imported"
    USER_CREATED = "user_created"
    USER_DISABLED = "user_disabled"
    PASSWORD_RESET = "password_reset"
    LOGIN_CODE_SENT = "login_code_sent"
    LOGIN_CODE_REFUSED = "login_code_refused"
    LOGIN_SUCCEEDED = "login_succeeded"
    LOGIN_FAILED = "login_failed"
    LOGGED_OUT = "logged_out"
    ACCOUNT_LOCKED = "account_locked"
    VIEW_SETTINGS_SAVED = "view_settings_saved"


class SmsKind(StrEnum):
    OTP = "otp"
    NOTIFICATION = "notification"


class SmsStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    DELIVERED = "delivered"
    FAILED = "failed"
    # The outbox sender's states (mbs/core/sms/sender.py explains them).
    SENDING = "sending"  # claimed; committed before the provider is called
    EXPIRED = "expired"  # a login code whose time ran out before it could be sent
    REVIEW = "review"  # the provider may or may not have taken it: never re-sent blindly


class SessionKind(StrEnum):
    MUHTAR = "muhtar"
    STAFF = "staff"


class LoginAttemptKind(StrEnum):
    """Rows of the login_attempt table that the rate limits count."""

    CODE_REQUEST = "code_request"  # Onay Kodu Gönder; success = a code was sent
    CODE_THROTTLED = "code_throttled"  # refused by the resend limits, not a failure
    CODE_VERIFY = "code_verify"  # Sisteme Giriş
    STAFF_PASSWORD = "staff_password"  # Oturum Aç
    STAFF_LOCK = "staff_lock"  # a user name locked for 15 minutes

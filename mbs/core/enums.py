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


class CentralTask(StrEnum):
    """Why a request waits in the central unit's inbox (None: it does not)."""

    ROUTE = "route"  # PENDING: to be prioritised and routed
    CONCLUDE = "conclude"  # every unit closed its part and one finished: SÜRECİ TAMAMLA
    REROUTE = "reroute"  # a unit returned it and nothing replaced it yet


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


class CompletionOutcome(StrEnum):
    """How a unit answered when it finished its part (the quarterly municipal report
    counts requests answered positively and negatively)."""

    POSITIVE = "positive"
    NEGATIVE = "negative"


class NegativeReason(StrEnum):
    OUTSIDE_AUTHORITY = "outside_authority"
    NO_BUDGET = "no_budget"
    AGAINST_REGULATIONS = "against_regulations"
    ALREADY_DONE = "already_done"
    OTHER = "other"


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
    MAIL_ACCOUNTS_ASSIGNED = "mail_accounts_assigned"
    MAIL_NOTIFY_CHANGED = "mail_notify_changed"
    STAFF_EMAIL_SET = "staff_email_set"
    SMS_REQUEUED = "sms_requeued"
    SMS_MARKED_SENT = "sms_marked_sent"
    SAVINGS_ASSUMPTIONS_SET = "savings_assumptions_set"
    STATS_REBUILT = "stats_rebuilt"


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


class EmailKind(StrEnum):
    MUHTAR_NOTIFICATION = "muhtar_notification"  # the muhtar's SMS, also by e-mail
    NEW_ASSIGNMENT = "new_assignment"  # to the staff of a unit given a request
    OVERDUE_DIGEST = "overdue_digest"  # once a day: a unit's assignments open too long


class EmailStatus(StrEnum):
    """The e-mail outbox (mbs/core/mail/sender.py explains the states)."""

    PENDING = "pending"
    SENDING = "sending"  # claimed; committed before the SMTP server is called
    SENT = "sent"
    FAILED = "failed"
    REVIEW = "review"  # the server may or may not have taken it: never re-sent blindly


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

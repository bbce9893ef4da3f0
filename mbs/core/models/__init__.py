"""All tables. Importing this package registers every model on SQLModel.metadata."""

from mbs.core.models.auth import CaptchaChallenge, LoginAttempt, LoginCode, WebSession
from mbs.core.models.geography import District, Muhtarlik, Province
from mbs.core.models.mail import EmailMessage, MailAccount
from mbs.core.models.outbox import SmsMessage
from mbs.core.models.people import Muhtar, User
from mbs.core.models.requests import Assignment, Attachment, Event, Request, TrackingCounter
from mbs.core.models.settings import UserViewSettings
from mbs.core.models.stats import SavingsAssumptionsRow, StatsRollupState
from mbs.core.models.units import Unit

__all__ = [
    "Assignment",
    "Attachment",
    "CaptchaChallenge",
    "District",
    "EmailMessage",
    "Event",
    "LoginAttempt",
    "LoginCode",
    "MailAccount",
    "Muhtar",
    "Muhtarlik",
    "Province",
    "Request",
    "SavingsAssumptionsRow",
    "SmsMessage",
    "StatsRollupState",
    "TrackingCounter",
    "Unit",
    "User",
    "UserViewSettings",
    "WebSession",
]

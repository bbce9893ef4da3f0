"""The outbox sender's settings, read from the environment (MBS_SMS_*)."""

import os
from dataclasses import dataclass

from mbs.core.settings import env_number


@dataclass(frozen=True)
class SenderSettings:
    max_attempts: int = 6  # MBS_SMS_MAX_ATTEMPTS: then the row is marked failed
    rate_per_second: float | None = None  # MBS_SMS_RATE_PER_SECOND: messages, not requests
    batch_size: int = 50  # MBS_SMS_BATCH_SIZE: messages per provider request
    concurrency: int = 8  # MBS_SMS_CONCURRENCY: provider requests in flight
    # A claimed row whose sender vanished is looked at again after this long. It must
    # outlast the slowest provider call (timeouts below) plus two short transactions.
    lease_seconds: float = 120.0
    # One provider call (with its retries inside the adapter) is cut off after this,
    # well inside the lease, so no request is still in flight when the lease runs out.
    send_deadline_seconds: float = 60.0
    # After an answer that leaves the outcome open, ask the provider this much later.
    check_after_seconds: float = 60.0
    retry_base_seconds: float = 30.0  # MBS_SMS_RETRY_BASE_SECONDS: 30, 60, 120, ... s
    otp_retry_base_seconds: float = 2.0  # login codes: the muhtar is waiting
    retry_cap_seconds: float = 900.0
    connect_timeout: float = 5.0
    read_timeout: float = 15.0  # MBS_SMS_TIMEOUT_SECONDS

    @property
    def effective_batch_size(self) -> int:
        """A batch needs as many tokens as it has messages; the bucket holds one second."""
        if self.rate_per_second is None:
            return self.batch_size
        return max(1, min(self.batch_size, int(self.rate_per_second)))


def sender_settings() -> SenderSettings:
    """Settings from MBS_SMS_* variables; unset ones keep their defaults."""
    defaults = SenderSettings()
    rate = os.environ.get("MBS_SMS_RATE_PER_SECOND", "").strip()
    return SenderSettings(
        max_attempts=int(env_number("MBS_SMS_MAX_ATTEMPTS", defaults.max_attempts, 1)),
        rate_per_second=env_number("MBS_SMS_RATE_PER_SECOND", 0, 0.1) if rate else None,
        batch_size=int(env_number("MBS_SMS_BATCH_SIZE", defaults.batch_size, 1)),
        concurrency=int(env_number("MBS_SMS_CONCURRENCY", defaults.concurrency, 1)),
        retry_base_seconds=env_number(
            "MBS_SMS_RETRY_BASE_SECONDS", defaults.retry_base_seconds, 0.01
        ),
        read_timeout=env_number("MBS_SMS_TIMEOUT_SECONDS", defaults.read_timeout, 0.1),
    )

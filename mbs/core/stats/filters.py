"""What every statistics view is filtered by, and the periods of its time series."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from mbs.core.enums import RequestType, UnitKind
from mbs.core.errors import ValidationError


@dataclass(frozen=True)
class StatsFilter:
    """Filters shared by the views. Dates are Turkey's calendar days, inclusive: the
    filing date for the request views, the date a unit received its assignment for the
    unit views (Birim performansı, the quarterly report)."""

    date_from: date | None = None
    date_to: date | None = None
    province_id: int | None = None
    district_id: int | None = None
    request_type: RequestType | None = None
    # Request views: requests with an assignment to a unit of this kind;
    # unit views: units of this kind.
    unit_kind: UnitKind | None = None

    def checked(self) -> "StatsFilter":
        """Self, or ValidationError with a Turkish message for an impossible range."""
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValidationError("Başlangıç tarihi bitiş tarihinden sonra olamaz.")
        return self


class Granularity(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"

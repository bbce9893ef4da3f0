"""The filters every İş Zekası view shares (date range, il, ilçe, type, unit kind).

One state for all four views, so a filter chosen on one view holds on the next. The
values are the form's strings; `parse_filters` turns them into the core's StatsFilter
with a Turkish message for anything malformed. The core decides what the user may
see; the il list only spares a unit outside the central unit the ils it could not
choose anyway (its own il is its whole reach).
"""

from datetime import date
from typing import Any

import reflex as rx
from sqlmodel import Session

from mbs.core import labels
from mbs.core.actors import StaffActor
from mbs.core.enums import RequestType, UnitKind
from mbs.core.errors import ValidationError
from mbs.core.queries.places import district_choices, province_choices
from mbs.core.stats.filters import StatsFilter
from mbs.ui.staff.session import StaffSessionMixin

FILTER_KEYS = ("date_from", "date_to", "province_id", "district_id", "request_type", "unit_kind")
TYPE_CHOICES = [(t.value, labels.REQUEST_TYPE[t]) for t in RequestType]
UNIT_KIND_CHOICES = [(k.value, labels.UNIT_KIND[k]) for k in UnitKind if k is not UnitKind.MIGM]


def _date(value: str, what: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValidationError(f"{what} geçerli bir tarih değil.") from None


def _number(value: str, what: str) -> int | None:
    if not value:
        return None
    if not value.isdigit() or len(value) > 9:
        raise ValidationError(f"Geçersiz {what} seçimi.")
    return int(value)


def _provinces_for(session: Session, actor: StaffActor) -> list[tuple[int, str]]:
    rows = province_choices(session=session)
    if actor.is_central:
        return rows
    return [row for row in rows if row[0] == actor.province_id]


def parse_filters(values: dict[str, str]) -> StatsFilter:
    """The form's strings as a StatsFilter; ValidationError (Turkish) when malformed."""
    date_from = _date(values.get("date_from", ""), "Başlangıç tarihi")
    date_to = _date(values.get("date_to", ""), "Bitiş tarihi")
    if date_from and date_to and date_from > date_to:
        raise ValidationError("Başlangıç tarihi bitiş tarihinden sonra olamaz.")
    request_type = values.get("request_type", "")
    unit_kind = values.get("unit_kind", "")
    if request_type and request_type not in {t.value for t in RequestType}:
        raise ValidationError("Geçersiz başvuru türü.")
    if unit_kind and unit_kind not in {k.value for k in UnitKind}:
        raise ValidationError("Geçersiz birim türü.")
    return StatsFilter(
        date_from=date_from,
        date_to=date_to,
        province_id=_number(values.get("province_id", ""), "il"),
        district_id=_number(values.get("district_id", ""), "ilçe"),
        request_type=RequestType(request_type) if request_type else None,
        unit_kind=UnitKind(unit_kind) if unit_kind else None,
    )


class StatsFilterState(StaffSessionMixin, rx.State):
    values: dict[str, str] = {}
    provinces: list[list[str]] = []
    districts: list[list[str]] = []
    # Bumped to re-mount the filter form with the current values (after Temizle).
    serial: int = 0
    _choices_for: int = 0  # the user whose il list is loaded

    async def prepare(self) -> None:
        """Load the il list (once per user) and the chosen il's ilçes."""
        user_id, rows = await self._as_staff(
            lambda session, actor: (
                actor.user_id,
                _provinces_for(session, actor),
            )
        )
        if user_id != self._choices_for:
            self._choices_for = user_id
            self.provinces = [[str(pid), name] for pid, name in rows]
            self.values, self.districts = {}, []
            self.serial += 1
        await self._load_districts(self.values.get("province_id", ""))

    async def _load_districts(self, value: str) -> None:
        self.districts = []
        if value.isdigit() and len(value) < 10:
            rows = await self._peek_as_staff(
                lambda session, _actor: district_choices(session=session, province_id=int(value))
            )
            self.districts = [[str(did), name] for did, name in rows]

    @rx.event
    async def choose_province(self, value: str) -> None:
        await self._load_districts(value)

    def take(self, form: dict[str, Any]) -> StatsFilter:
        """Keep the submitted values; the filter, or ValidationError."""
        values = {key: str(form.get(key, "") or "").strip() for key in FILTER_KEYS}
        parsed = parse_filters(values)
        self.values = values
        return parsed

    def current(self) -> StatsFilter:
        return parse_filters(self.values)

    def clear(self) -> None:
        self.values, self.districts = {}, []
        self.serial += 1

"""Each staff user's settings of the lists (visible columns, sort, page size, named
saved filters), kept across sessions, one JSON document per user and screen.

The JSON comes from the browser, so it is checked field by field before it is stored;
anything unknown is refused with a Turkish message.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlmodel import Session, select

from mbs.core import clock
from mbs.core.actors import Actor
from mbs.core.enums import EventKind
from mbs.core.errors import ValidationError
from mbs.core.events import record
from mbs.core.models import UserViewSettings
from mbs.core.permissions import require_staff
from mbs.core.queries.listing import DEFAULT_PAGE_SIZE, PAGE_SIZE_MAX, Sort, SortKey
from mbs.core.queries.views import ViewFilters
from mbs.core.text import search_key


class Screen(StrEnum):
    INBOX = "inbox"  # Gelen Kutusu / Görevlerim
    COMPLETED = "completed"  # Tamamlanan
    VIEW = "view"  # Görünümler


COLUMNS = {
    "tracking_no": "Takip No",
    "created_at": "Başvuru Tarihi",
    "updated_at": "Son İşlem",
    "type": "Tür",
    "status": "Durum",
    "priority": "Öncelik",
    "muhtarlik": "Muhtarlık",
    "district": "İlçe",
    "province": "İl",
    "excerpt": "Açıklama",
    "assignment_status": "Görev Durumu",
    "closed_at": "Kapanış Tarihi",
}
_UNIT_ONLY_COLUMNS = {"assignment_status", "closed_at"}
DEFAULT_COLUMNS = {
    Screen.INBOX: ("tracking_no", "created_at", "priority", "type", "muhtarlik", "district",
                   "province", "excerpt", "assignment_status"),
    Screen.COMPLETED: ("tracking_no", "created_at", "type", "muhtarlik", "district",
                       "province", "excerpt", "assignment_status", "closed_at"),
    Screen.VIEW: ("tracking_no", "created_at", "priority", "type", "status", "muhtarlik",
                  "district", "province", "excerpt"),
}  # fmt: skip
DEFAULT_SORT = {
    Screen.INBOX: Sort(SortKey.PRIORITY),
    Screen.COMPLETED: None,  # always most recently closed first
    Screen.VIEW: Sort(SortKey.CREATED_AT),
}
SAVED_FILTERS_MAX = 20
FILTER_NAME_MAX = 60
_KEYS = {"columns", "sort", "page_size", "saved_filters"}


@dataclass(frozen=True)
class SavedFilter:
    name: str
    filters: ViewFilters


@dataclass(frozen=True)
class ViewSettings:
    columns: tuple[str, ...]
    sort: Sort | None
    page_size: int = DEFAULT_PAGE_SIZE
    saved_filters: tuple[SavedFilter, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"columns": list(self.columns), "page_size": self.page_size}
        if self.sort is not None:
            data["sort"] = {"key": self.sort.key.value, "descending": self.sort.descending}
        data["saved_filters"] = [
            {"name": saved.name, "filters": saved.filters.to_json()} for saved in self.saved_filters
        ]
        return data


def default_settings(screen: Screen) -> ViewSettings:
    return ViewSettings(columns=DEFAULT_COLUMNS[screen], sort=DEFAULT_SORT[screen])


def get_view_settings(*, session: Session, actor: Actor, screen: Screen | str) -> ViewSettings:
    """The actor's settings for `screen`, or the defaults if none were saved (or the
    saved ones no longer fit, e.g. after a column was removed)."""
    staff = require_staff(actor)
    which = _screen(screen)
    row = _stored(session, staff.user_id, which)
    if row is None:
        return default_settings(which)
    try:
        return parse_settings(which, row.settings)
    except ValidationError:
        return default_settings(which)


def save_view_settings(
    *, session: Session, actor: Actor, screen: Screen | str, settings: Mapping[str, Any]
) -> ViewSettings:
    """Check and keep the actor's settings for `screen` (the JSON the screen sends);
    missing keys take the defaults. Audited."""
    staff = require_staff(actor)
    which = _screen(screen)
    parsed = parse_settings(which, settings)
    row = _stored(session, staff.user_id, which) or UserViewSettings(
        user_id=staff.user_id, screen=which.value, updated_at=clock.now()
    )
    row.settings = parsed.to_json()
    row.updated_at = clock.now()
    session.add(row)
    record(session, EventKind.VIEW_SETTINGS_SAVED, staff, data={"screen": which.value})
    return parsed


def parse_settings(screen: Screen, data: Mapping[str, Any]) -> ViewSettings:
    """ViewSettings from JSON, or ValidationError naming what is wrong."""
    if not isinstance(data, Mapping):
        raise ValidationError("Görünüm ayarlarının biçimi geçersiz.")
    unknown = set(data) - _KEYS
    if unknown:
        raise ValidationError(f"Bilinmeyen ayar: {', '.join(sorted(unknown))}.")
    default = default_settings(screen)
    return ViewSettings(
        columns=_columns(screen, data.get("columns", list(default.columns))),
        sort=_sort(screen, data.get("sort")) if "sort" in data else default.sort,
        page_size=_page_size(data.get("page_size", default.page_size)),
        saved_filters=_saved_filters(screen, data.get("saved_filters", [])),
    )


def _columns(screen: Screen, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise ValidationError("En az bir sütun seçin.")
    for name in value:
        if not isinstance(name, str) or name not in COLUMNS:
            raise ValidationError(f"Bilinmeyen sütun: {name}.")
        if screen is Screen.VIEW and name in _UNIT_ONLY_COLUMNS:
            raise ValidationError(f"Bu ekranda olmayan sütun: {COLUMNS[name]}.")
    if len(set(value)) != len(value):
        raise ValidationError("Bir sütun birden fazla seçilmiş.")
    return tuple(value)


def _sort(screen: Screen, value: Any) -> Sort | None:
    if DEFAULT_SORT[screen] is None:
        if value is None:
            return None
        raise ValidationError("Bu ekranın sıralaması değiştirilemez.")
    if not isinstance(value, Mapping) or set(value) - {"key", "descending"}:
        raise ValidationError("Sıralama ayarının biçimi geçersiz.")
    key, descending = value.get("key"), value.get("descending", True)
    if key not in set(SortKey):
        raise ValidationError(f"Bilinmeyen sıralama: {key}.")
    if not isinstance(descending, bool):
        raise ValidationError("Sıralama yönü geçersiz.")
    return Sort(SortKey(key), descending)


def _page_size(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= PAGE_SIZE_MAX:
        raise ValidationError(f"Sayfa boyutu 1 ile {PAGE_SIZE_MAX} arasında olmalı.")
    return value


def _saved_filters(screen: Screen, value: Any) -> tuple[SavedFilter, ...]:
    if not isinstance(value, list):
        raise ValidationError("Kayıtlı filtrelerin biçimi geçersiz.")
    if value and screen is not Screen.VIEW:
        raise ValidationError("Filtreler yalnızca Görünümler ekranında kaydedilebilir.")
    if len(value) > SAVED_FILTERS_MAX:
        raise ValidationError(f"En fazla {SAVED_FILTERS_MAX} filtre kaydedilebilir.")
    saved, names = [], set()
    for item in value:
        if not isinstance(item, Mapping) or set(item) != {"name", "filters"}:
            raise ValidationError("Kayıtlı filtrenin biçimi geçersiz.")
        name = item["name"].strip() if isinstance(item["name"], str) else ""
        if not name or len(name) > FILTER_NAME_MAX:
            raise ValidationError(f"Filtre adı 1 ile {FILTER_NAME_MAX} karakter arasında olmalı.")
        if search_key(name) in names:
            raise ValidationError(f"Aynı adla iki filtre kaydedilemez: {name}.")
        names.add(search_key(name))
        saved.append(SavedFilter(name, ViewFilters.from_json(item["filters"])))
    return tuple(saved)


def _screen(screen: Screen | str) -> Screen:
    try:
        return Screen(screen)
    except ValueError:
        raise ValidationError("Bilinmeyen ekran.") from None


def _stored(session: Session, user_id: int, screen: Screen) -> UserViewSettings | None:
    return session.exec(
        select(UserViewSettings).where(
            UserViewSettings.user_id == user_id, UserViewSettings.screen == screen.value
        )
    ).first()

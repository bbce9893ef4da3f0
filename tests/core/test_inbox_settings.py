"""Per-user settings of the staff lists: kept across sessions, checked, audited."""

import pytest
from sqlmodel import col, select

from mbs.core.enums import EventKind, Priority
from mbs.core.errors import PermissionDenied, ValidationError
from mbs.core.models import Event, UserViewSettings
from mbs.core.queries.listing import Sort, SortKey
from mbs.core.queries.view_settings import (
    DEFAULT_COLUMNS,
    SavedFilter,
    Screen,
    ViewSettings,
    get_view_settings,
    save_view_settings,
)
from mbs.core.queries.views import ViewFilters
from tests.core.world import NOW

GOOD = {
    "columns": ["tracking_no", "priority", "province", "excerpt"],
    "sort": {"key": "priority", "descending": True},
    "page_size": 100,
    "saved_filters": [
        {"name": "Acil olanlar", "filters": {"priority": "urgent"}},
        {"name": "Ankara şikâyetleri", "filters": {"province_id": 6, "type": "sikayet"}},
    ],
}


def test_defaults_until_something_is_saved(session, world):
    settings = get_view_settings(session=session, actor=world.central, screen="view")
    assert settings.columns == DEFAULT_COLUMNS[Screen.VIEW]
    assert settings.sort == Sort(SortKey.CREATED_AT) and settings.page_size == 50
    assert settings.saved_filters == ()
    inbox = get_view_settings(session=session, actor=world.valilik, screen=Screen.INBOX)
    assert inbox.sort == Sort(SortKey.PRIORITY)


def test_saved_settings_come_back_for_that_user_and_screen_only(session, world):
    saved = save_view_settings(session=session, actor=world.central, screen="view", settings=GOOD)
    assert saved == ViewSettings(
        columns=("tracking_no", "priority", "province", "excerpt"),
        sort=Sort(SortKey.PRIORITY, True),
        page_size=100,
        saved_filters=(
            SavedFilter("Acil olanlar", ViewFilters(priority=Priority.URGENT)),
            SavedFilter("Ankara şikâyetleri", ViewFilters(province_id=6, type="sikayet")),
        ),
    )
    session.expire_all()  # read back from the database, not from the session
    assert get_view_settings(session=session, actor=world.central, screen="view") == saved
    other_user = get_view_settings(session=session, actor=world.central2, screen="view")
    assert other_user.columns == DEFAULT_COLUMNS[Screen.VIEW]
    other_screen = get_view_settings(session=session, actor=world.central, screen="inbox")
    assert other_screen.page_size == 50


def test_saving_again_replaces_and_each_save_is_audited(session, world):
    for size in (20, 30):
        save_view_settings(
            session=session, actor=world.belediye, screen="inbox", settings={"page_size": size}
        )
    rows = session.exec(
        select(UserViewSettings).where(UserViewSettings.user_id == world.belediye.user_id)
    ).all()
    assert len(rows) == 1 and rows[0].settings["page_size"] == 30
    events = session.exec(
        select(Event)
        .where(Event.kind == EventKind.VIEW_SETTINGS_SAVED)
        .where(Event.actor_user_id == world.belediye.user_id)
        .order_by(col(Event.id))
    ).all()
    assert [event.data for event in events] == [{"screen": "inbox"}, {"screen": "inbox"}]
    assert events[0].unit_id == world.belediye.unit_id and events[0].request_id is None


@pytest.mark.parametrize(
    ("screen", "settings", "message"),
    [
        ("view", {"columns": ["tracking_no", "secret"]}, "Bilinmeyen sütun: secret"),
        ("view", {"columns": []}, "En az bir sütun"),
        ("view", {"columns": ["type", "type"]}, "birden fazla"),
        ("view", {"columns": ["assignment_status"]}, "Bu ekranda olmayan sütun"),
        ("view", {"sort": {"key": "muhtar_phone"}}, "Bilinmeyen sıralama: muhtar_phone"),
        ("view", {"sort": {"key": "priority", "descending": "yes"}}, "Sıralama yönü"),
        ("view", {"sort": {"key": "priority", "where": "1=1"}}, "Sıralama ayarının biçimi"),
        ("view", {"sort": "priority"}, "Sıralama ayarının biçimi"),
        ("completed", {"sort": {"key": "created_at"}}, "sıralaması değiştirilemez"),
        ("view", {"page_size": 1000}, "Sayfa boyutu"),
        ("view", {"page_size": "50"}, "Sayfa boyutu"),
        ("view", {"page_size": True}, "Sayfa boyutu"),
        ("view", {"theme": "dark"}, "Bilinmeyen ayar: theme"),
        ("view", ["columns"], "biçimi geçersiz"),
        ("view", {"saved_filters": [{"name": "", "filters": {}}]}, "Filtre adı"),
        ("view", {"saved_filters": [{"name": "x" * 61, "filters": {}}]}, "Filtre adı"),
        ("view", {"saved_filters": [{"name": "A", "filters": {"colour": "red"}}]}, "colour"),
        ("view", {"saved_filters": [{"name": "A", "filters": {"status": "lost"}}]}, "geçersiz"),
        ("view", {"saved_filters": [{"name": "A"}]}, "Kayıtlı filtrenin biçimi"),
        (
            "view",
            {"saved_filters": [{"name": "Işık", "filters": {}}, {"name": "IŞIK", "filters": {}}]},
            "Aynı adla",
        ),
        (
            "view",
            {"saved_filters": [{"name": f"F{n}", "filters": {}} for n in range(21)]},
            "En fazla",
        ),
        ("inbox", {"saved_filters": [{"name": "A", "filters": {}}]}, "yalnızca Görünümler"),
        ("reports", {}, "Bilinmeyen ekran"),
    ],
)
def test_bad_settings_are_refused_in_turkish(session, world, screen, settings, message):
    with pytest.raises(ValidationError, match=message):
        save_view_settings(session=session, actor=world.central, screen=screen, settings=settings)
    assert session.exec(select(UserViewSettings)).all() == []


def test_settings_that_no_longer_fit_fall_back_to_the_defaults(session, world):
    session.add(
        UserViewSettings(
            user_id=world.central.user_id,
            screen="view",
            settings={"columns": ["a_column_removed_since"]},
            updated_at=NOW,
        )
    )
    session.flush()
    settings = get_view_settings(session=session, actor=world.central, screen="view")
    assert settings.columns == DEFAULT_COLUMNS[Screen.VIEW]


def test_settings_are_for_staff(session, world):
    with pytest.raises(PermissionDenied):
        save_view_settings(session=session, actor=world.muhtar, screen="view", settings={})
    with pytest.raises(PermissionDenied):
        get_view_settings(session=session, actor=world.muhtar, screen="view")

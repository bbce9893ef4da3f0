"""What a muhtar's pages show: the filing page's applicant details and one request's
page (where it is now, hareket bilgileri, ekler), never more than a muhtar may see."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session

from mbs.core import clock
from mbs.core.attachments import UploadedFile
from mbs.core.commands import (
    RouteTarget,
    complete_assignment,
    conclude_request,
    file_request,
    return_assignment,
    route_request,
)
from mbs.core.enums import CompletionOutcome, RequestStatus, RequestType
from mbs.core.errors import NotFound, PermissionDenied
from mbs.core.models import Assignment, Muhtar, Request
from mbs.core.queries.muhtar_profile import muhtar_profile
from mbs.core.queries.muhtar_request import file_size, muhtar_request_view
from tests.core.test_attachments import PDF, PNG
from tests.core.world import NOW, World, build_world

TEXT = "Mahallemizdeki parkın oyun aletleri kırık, çocuklar için tehlikeli."


@pytest.fixture
def world(session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[World]:
    monkeypatch.setenv("MBS_ATTACHMENT_DIR", str(tmp_path / "files"))
    monkeypatch.delenv("MBS_CENTRAL_UNIT_NAME", raising=False)
    clock.set_clock(lambda: NOW)
    try:
        yield build_world(session)
    finally:
        clock.set_clock(None)


def _file(session: Session, world: World, files: list[UploadedFile] | None = None) -> Request:
    return file_request(
        session=session,
        actor=world.muhtar,
        type=RequestType.SIKAYET,
        description=TEXT,
        files=files,
    )


def _route(session: Session, world: World, request: Request, *units: str) -> list[Assignment]:
    assert request.id is not None
    return route_request(
        session=session,
        actor=world.central,
        request_id=request.id,
        expected_version=request.version,
        targets=[RouteTarget(world.units[key].id or 0, "Birim için iç not") for key in units],
    )


def test_the_applicant_block_names_the_muhtar_and_the_place(session, world) -> None:
    profile = muhtar_profile(session=session, actor=world.muhtar)
    assert (profile.full_name, profile.muhtarlik) == ("Ayşe Yılmaz", "Çınar Mahallesi")
    assert (profile.district, profile.province) == ("Yayla", "Deneme")
    assert profile.masked_phone == "0555 *** ** 01"
    other = muhtar_profile(session=session, actor=world.other_muhtar)
    assert other.muhtarlik == "Işıklı Köyü"
    with pytest.raises(PermissionDenied):
        muhtar_profile(session=session, actor=world.central)


def test_a_new_request_waits_for_the_central_unit(session, world) -> None:
    request = _file(session, world, [UploadedFile("park.png", PNG)])
    view = muhtar_request_view(session=session, actor=world.muhtar, request_id=request.id)

    assert view.status is RequestStatus.PENDING and view.status_label == "Bekleyen"
    assert view.type == "Şikâyet" and view.description == TEXT
    assert view.filed_at == "22.11.2026 12:00"  # Turkey's time
    assert view.where_now == "Talebiniz Mahalli İdareler Genel Müdürlüğü tarafından inceleniyor."
    assert [(s.title, s.unit) for s in view.steps] == [("Talebiniz alındı", "")]
    assert view.units == []
    [photo] = view.files
    assert (photo.name, photo.added_by, photo.size) == ("park.png", "Sizin ekiniz", "1 KB")


def test_routing_shows_the_units_but_not_the_notes_written_for_them(session, world) -> None:
    request = _file(session, world)
    _route(session, world, request, "valilik", "belediye")

    view = muhtar_request_view(session=session, actor=world.muhtar, request_id=request.id)

    assert view.status_label == "Yönlendirilen"
    assert view.where_now == ("Talebiniz şu birimlerde işlemde: Deneme Valiliği, Yayla Belediyesi.")
    assert [(u.unit, u.state) for u in view.units] == [
        ("Deneme Valiliği", "Birime ulaştı"),
        ("Yayla Belediyesi", "Birime ulaştı"),
    ]
    titles = [step.title for step in view.steps]
    assert titles[1:] == ["Yönlendirildi: Deneme Valiliği", "Yönlendirildi: Yayla Belediyesi"]
    assert all(step.note == "" for step in view.steps)
    assert view.steps[1].unit == "Mahalli İdareler Genel Müdürlüğü"


def test_completions_and_the_conclusion_are_shown_returns_are_not(session, world) -> None:
    request = _file(session, world)
    valilik, belediye = _route(session, world, request, "valilik", "belediye")
    return_assignment(
        session=session,
        actor=world.valilik,
        assignment_id=valilik.id,
        expected_version=valilik.version,
        reason="Konu belediyenin görev alanında.",
    )
    complete_assignment(
        session=session,
        actor=world.belediye,
        assignment_id=belediye.id,
        expected_version=belediye.version,
        note="Oyun aletleri yenilendi.",
        outcome=CompletionOutcome.POSITIVE,
        files=[UploadedFile("rapor.pdf", PDF)],
    )

    view = muhtar_request_view(session=session, actor=world.muhtar, request_id=request.id)
    assert [(u.unit, u.state, u.done) for u in view.units] == [
        ("Yayla Belediyesi", "Tamamlandı", True)
    ]
    assert "belediyenin görev alanında" not in str(view)
    assert view.where_now.startswith("Birimler işlemlerini tamamladı")
    done = view.steps[-1]
    assert (done.title, done.unit, done.note) == (
        "Birim işlemini tamamladı",
        "Yayla Belediyesi",
        "Oyun aletleri yenilendi.",
    )
    [report] = view.files
    assert (report.name, report.added_by) == ("rapor.pdf", "Yayla Belediyesi")

    session.refresh(request)
    conclude_request(
        session=session,
        actor=world.central,
        request_id=request.id,
        expected_version=request.version,
        summary="Talebiniz belediyece karşılanmıştır.",
    )
    view = muhtar_request_view(session=session, actor=world.muhtar, request_id=request.id)
    assert view.status_label == "Sonuçlanan"
    assert view.where_now == "Talebiniz 22.11.2026 12:00 tarihinde sonuçlandı."
    last = view.steps[-1]
    assert (last.title, last.note) == (
        "Talebiniz sonuçlandırıldı",
        "Talebiniz belediyece karşılanmıştır.",
    )


def test_the_next_muhtar_sees_the_earlier_muhtars_requests(session, world) -> None:
    request = _file(session, world)
    earlier = session.get(Muhtar, world.muhtar.muhtar_id)
    assert earlier is not None
    earlier.first_name, earlier.last_name = "Hasan", "Eski"
    session.add(earlier)
    session.flush()

    view = muhtar_request_view(session=session, actor=world.muhtar, request_id=request.id)
    assert view.filed_by == "Hasan Eski" and view.muhtarlik == "Çınar Mahallesi"


def test_another_muhtarliks_request_is_not_found(session, world) -> None:
    request = _file(session, world)
    with pytest.raises(NotFound, match="Talep bulunamadı."):
        muhtar_request_view(session=session, actor=world.other_muhtar, request_id=request.id)
    with pytest.raises(NotFound, match="Talep bulunamadı."):
        muhtar_request_view(session=session, actor=world.muhtar, request_id=987_654_321)
    with pytest.raises(PermissionDenied):
        muhtar_request_view(session=session, actor=world.central, request_id=request.id)


@pytest.mark.parametrize(
    ("size", "text"),
    [(10, "1 KB"), (340 * 1024, "340 KB"), (1_258_291, "1,2 MB"), (10 * 1024 * 1024, "10,0 MB")],
)
def test_file_sizes_read_the_turkish_way(size: int, text: str) -> None:
    assert file_size(size) == text

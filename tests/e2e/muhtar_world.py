"""Data for the muhtar browser tests, written to the app's database and committed (the
app reads it from its own connections): two muhtarlıks with a muhtar each, the central
unit with a user, and a belediye to route to. Plus helpers that read or change the
database the way an operator or a staff member would, through mbs.core."""

import re
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete
from sqlmodel import Session, col, select

from mbs.core import clock
from mbs.core.actors import MuhtarActor, StaffActor, muhtar_actor, staff_actor
from mbs.core.attachments import UploadedFile
from mbs.core.auth.digests import keyed_digest
from mbs.core.commands import RouteTarget, file_request, route_request
from mbs.core.db import get_engine
from mbs.core.enums import LoginAttemptKind, MuhtarlikKind, RequestType, SmsKind, UnitKind
from mbs.core.models import LoginAttempt, LoginCode, Muhtar, Request, SmsMessage
from mbs.core.sms import dev_outbox
from mbs.core.sms.providers import provider_from_env
from mbs.core.sms.sender import send_pending
from tests.builders import (
    make_district,
    make_muhtar,
    make_muhtarlik,
    make_province,
    make_unit,
    make_user,
)

# What every doğrulama kodu reads in the browser tests (MBS_TEST_CAPTCHA_ANSWER).
E2E_CAPTCHA_ANSWER = "K7M2P"


@dataclass(frozen=True)
class Person:
    tckn: str
    name: str
    phone: str
    muhtar_id: int
    muhtarlik_id: int


@dataclass(frozen=True)
class MuhtarWorld:
    ayse: Person  # Çınar Mahallesi
    veli: Person  # Işıklı Köyü, another district and province
    central_user_id: int
    belediye_id: int
    belediye_name: str


def build_world(tag: str) -> MuhtarWorld:
    with Session(get_engine(), expire_on_commit=False) as session:
        province = make_province(session, name=f"Deneme {tag}")
        district = make_district(session, province, name="Yayla")
        other_province = make_province(session, name=f"Örnek {tag}")
        other_district = make_district(session, other_province, name="Çayır")
        cinar = make_muhtarlik(session, district, name="Çınar")
        isikli = make_muhtarlik(session, other_district, name="Işıklı", kind=MuhtarlikKind.KOY)
        ayse = make_muhtar(session, cinar, first_name="Ayşe", last_name="Yılmaz")
        veli = make_muhtar(session, isikli, first_name="Veli", last_name="Çelik")
        central = make_unit(session, UnitKind.MIGM, name="Mahalli İdareler Genel Müdürlüğü")
        belediye = make_unit(
            session, UnitKind.BELEDIYE, province_id=province.id, name="Yayla Belediyesi"
        )
        user = make_user(session, central)
        session.commit()
        assert user.id is not None and belediye.id is not None
        return MuhtarWorld(
            ayse=_person(ayse),
            veli=_person(veli),
            central_user_id=user.id,
            belediye_id=belediye.id,
            belediye_name=belediye.name,
        )


def _person(muhtar: Muhtar) -> Person:
    assert muhtar.id is not None
    return Person(muhtar.tckn, muhtar.full_name, muhtar.phone, muhtar.id, muhtar.muhtarlik_id)


def forget_login_attempts() -> None:
    """Each test starts with no rate limit spent (every test logs in from 127.0.0.1)."""
    with Session(get_engine()) as session:
        session.exec(delete(LoginAttempt))  # type: ignore[call-overload]
        session.commit()


def latest_code(person: Person) -> str:
    """The onay kodu of the newest SMS to `person`, read the way a developer reads it.
    The database forgets a code's text once it is sent, so the text comes from the dev
    provider's outbox file; rather than wait for the app's scheduler (every 5 s), the
    test sends what is due itself, as `mbs sms send-pending` would."""
    with Session(get_engine()) as session:
        key = session.exec(
            select(SmsMessage.idempotency_key)
            .where(SmsMessage.phone == person.phone, SmsMessage.kind == SmsKind.OTP)
            .order_by(col(SmsMessage.id).desc())
        ).first()
    assert key is not None, "no onay kodu was queued"
    path = dev_outbox.outbox_path()
    deadline = time.monotonic() + 15
    while (body := dev_outbox.body_of(path, key)) is None:
        assert time.monotonic() < deadline, "the onay kodu was never sent"
        _send_pending()
        time.sleep(0.1)
    match = re.search(r"\b(\d{6})\b", body)
    assert match is not None
    return match.group(1)


def _send_pending() -> None:
    # In a thread of its own: the sender runs an event loop, Playwright's sync API
    # holds one in this thread.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(send_pending, get_engine(), provider_from_env()).result()


def expire_codes(person: Person) -> None:
    """Move the muhtar's open login codes past their 3 minutes."""
    with Session(get_engine()) as session:
        for code in session.exec(select(LoginCode).where(LoginCode.muhtar_id == person.muhtar_id)):
            code.expires_at = clock.now() - timedelta(seconds=1)
            session.add(code)
        session.commit()


def spend_code_quota(person: Person, count: int = 5) -> None:
    """Record `count` codes sent for this TCKN just now (the hourly limit is 5)."""
    digest = keyed_digest("tckn", person.tckn)
    with Session(get_engine()) as session:
        for _ in range(count):
            session.add(
                LoginAttempt(
                    created_at=clock.now(),
                    client_ip="198.51.100.99",
                    subject_digest=digest,
                    kind=LoginAttemptKind.CODE_REQUEST,
                    success=True,
                )
            )
        session.commit()


def file_as(person: Person, description: str, files: list[UploadedFile] | None = None) -> int:
    """File a request for `person`'s muhtarlık through the core, committed."""
    with Session(get_engine(), expire_on_commit=False) as session:
        actor: MuhtarActor = muhtar_actor(session, person.muhtar_id)
        request = file_request(
            session=session,
            actor=actor,
            type=RequestType.ISTEK,
            description=description,
            files=files,
        )
        session.commit()
        assert request.id is not None
        return request.id


def route_to_belediye(world: MuhtarWorld, request_id: int, note: str = "") -> None:
    """The central unit routes the request, as its staff would, committed."""
    with Session(get_engine(), expire_on_commit=False) as session:
        actor: StaffActor = staff_actor(session, world.central_user_id)
        request = session.get(Request, request_id)
        assert request is not None
        route_request(
            session=session,
            actor=actor,
            request_id=request_id,
            expected_version=request.version,
            targets=[RouteTarget(world.belediye_id, note)],
        )
        session.commit()


def requests_of(person: Person) -> list[Request]:
    with Session(get_engine(), expire_on_commit=False) as session:
        return list(
            session.exec(
                select(Request)
                .where(Request.muhtarlik_id == person.muhtarlik_id)
                .order_by(col(Request.id))
            )
        )

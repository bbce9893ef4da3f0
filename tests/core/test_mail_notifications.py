"""Notification e-mails queued in the action's own transaction: the muhtar's copy of
each SMS (only when they asked for it), the new-assignment notice to a unit's staff,
and the daily overdue digest (one per user per day)."""

from datetime import timedelta

import pytest
from sqlmodel import Session, col, select

from mbs.core.commands import RouteTarget, file_request, forward_assignment, route_request
from mbs.core.commands.users import set_user_email
from mbs.core.enums import EmailKind, EventKind, RequestType
from mbs.core.errors import PermissionDenied, ValidationError
from mbs.core.mail.digest import queue_overdue_digests
from mbs.core.mail.preferences import mail_choice, set_email_notifications
from mbs.core.models import EmailMessage, Event, Request, SmsMessage, User
from tests.core.world import NOW, World

DESCRIPTION = "Mahallemizdeki parkın aydınlatması üç haftadır çalışmıyor."


def file(session: Session, w: World) -> Request:
    return file_request(
        session=session, actor=w.muhtar, type=RequestType.ISTEK, description=DESCRIPTION
    )


def route(session: Session, w: World, request: Request, *unit_keys: str) -> list:
    return route_request(
        session=session,
        actor=w.central,
        request_id=request.id,
        expected_version=request.version,
        targets=[RouteTarget(w.units[key].id, "Yerinde inceleyin.") for key in unit_keys],
    )


def emails(session: Session, kind: EmailKind) -> list[EmailMessage]:
    query = select(EmailMessage).where(EmailMessage.kind == kind).order_by(col(EmailMessage.id))
    return list(session.exec(query))


def give_email(session: Session, w: World, username: str, address: str) -> None:
    set_user_email(session=session, actor=w.central, username=username, email=address)


def test_the_muhtar_gets_e_mail_only_after_turning_it_on(session, world):
    file(session, world)
    assert emails(session, EmailKind.MUHTAR_NOTIFICATION) == []
    choice = set_email_notifications(session=session, actor=world.muhtar, enabled=True)
    assert choice.notify_by_email
    assert choice.address.startswith("ayse.yilmaz") and choice.address.endswith("@muhtar.gov.tr")
    assert mail_choice(session=session, actor=world.muhtar) == choice
    request = file(session, world)
    route(session, world, request, "valilik", "belediye")
    [received, routed] = emails(session, EmailKind.MUHTAR_NOTIFICATION)
    assert received.to_address == routed.to_address == choice.address
    assert routed.subject == f"{request.tracking_no} numaralı başvurunuz hakkında bilgilendirme"
    assert "Deneme Valiliği, Yayla Belediyesi" in routed.body_text
    assert (
        "Sayın Ayşe Yılmaz," in routed.body_text and "<p>Sayın Ayşe Yılmaz,</p>" in routed.body_html
    )
    assert "10000000146" not in routed.body_text + routed.body_html  # never the TCKN
    sms = session.exec(select(SmsMessage).where(SmsMessage.request_id == request.id)).all()
    assert len(sms) == 2  # the SMS go as before

    set_email_notifications(session=session, actor=world.muhtar, enabled=False)
    file(session, world)
    assert len(emails(session, EmailKind.MUHTAR_NOTIFICATION)) == 2
    changes = session.exec(select(Event).where(Event.kind == EventKind.MAIL_NOTIFY_CHANGED)).all()
    assert [event.data for event in changes] == [{"enabled": True}, {"enabled": False}]
    assert all(event.actor_muhtar_id == world.muhtar.muhtar_id for event in changes)


def test_only_a_muhtar_chooses_muhtar_e_mail(session, world):
    with pytest.raises(PermissionDenied):
        set_email_notifications(session=session, actor=world.central, enabled=True)


def test_staff_of_a_newly_assigned_unit_get_a_notice(session, world):
    give_email(session, world, "w.valilik", "vali.yardimcisi@deneme.gov.tr")
    give_email(session, world, "w.bel", "yazi.isleri@yayla.bel.tr")
    give_email(session, world, "w.kay", "kaymakamlik@yayla.gov.tr")  # not routed to
    request = file(session, world)
    [to_valilik, _] = route(session, world, request, "valilik", "belediye")
    notices = emails(session, EmailKind.NEW_ASSIGNMENT)
    assert sorted(n.to_address for n in notices) == [
        "vali.yardimcisi@deneme.gov.tr",
        "yazi.isleri@yayla.bel.tr",
    ]
    valilik = next(n for n in notices if n.to_address.startswith("vali"))
    assert valilik.subject == f"Yeni görev: {request.tracking_no} numaralı talep (Deneme Valiliği)"
    assert "Çınar Mahallesi (Yayla / Deneme)" in valilik.body_text
    assert "Yönlendirme notu" in valilik.body_text and "Yerinde inceleyin." in valilik.body_text
    assert DESCRIPTION not in valilik.body_text  # the description stays in the portal

    forward_assignment(
        session=session,
        actor=world.valilik,
        assignment_id=to_valilik.id,
        expected_version=to_valilik.version,
        targets=[RouteTarget(world.units["kaymakamlik"].id, "Bilgi verin.")],
    )
    forwarded = emails(session, EmailKind.NEW_ASSIGNMENT)[-1]
    assert forwarded.to_address == "kaymakamlik@yayla.gov.tr"
    assert "valilik tarafından iletildi" in forwarded.body_text


def test_disabled_accounts_and_accounts_without_an_address_get_nothing(session, world):
    give_email(session, world, "w.valilik", "vali.yardimcisi@deneme.gov.tr")
    user = session.exec(select(User).where(User.username == "w.valilik")).one()
    user.is_active = False
    session.add(user)
    route(session, world, file(session, world), "valilik", "belediye")
    assert emails(session, EmailKind.NEW_ASSIGNMENT) == []


def test_staff_addresses_are_checked_and_audited(session, world):
    with pytest.raises(ValidationError):
        give_email(session, world, "w.bel", "yazı işleri@yayla")
    assert set_user_email(
        session=session, actor=world.central, username="w.bel", email=" Yazi@Yayla.BEL.tr "
    )
    user = session.exec(select(User).where(User.username == "w.bel")).one()
    assert user.email == "Yazi@yayla.bel.tr"
    assert not set_user_email(
        session=session, actor=world.central, username="w.bel", email="Yazi@yayla.bel.tr"
    )
    assert set_user_email(session=session, actor=world.central, username="w.bel", email="")
    assert user.email is None
    with pytest.raises(PermissionDenied):
        set_user_email(session=session, actor=world.valilik, username="w.bel", email=None)
    events = session.exec(select(Event).where(Event.kind == EventKind.STAFF_EMAIL_SET)).all()
    assert [e.data["email"] for e in events] == ["Yazi@yayla.bel.tr", None]


def test_the_overdue_digest_goes_once_a_day_to_each_user(session, world):
    give_email(session, world, "w.bel", "yazi.isleri@yayla.bel.tr")
    give_email(session, world, "w.valilik", "vali.yardimcisi@deneme.gov.tr")
    request = file(session, world)
    route(session, world, request, "belediye")
    assert queue_overdue_digests(session=session, now=NOW + timedelta(days=15)) == 0
    later = NOW + timedelta(days=16)
    assert queue_overdue_digests(session=session, now=later) == 1
    assert queue_overdue_digests(session=session, now=later + timedelta(hours=3)) == 0
    [digest] = emails(session, EmailKind.OVERDUE_DIGEST)
    assert digest.to_address == "yazi.isleri@yayla.bel.tr"
    assert digest.idempotency_key == f"overdue:{digest.user_id}:2026-12-08"
    assert f"{request.tracking_no} · Çınar Mahallesi (Yayla / Deneme)" in digest.body_text
    assert "16 gündür açık" in digest.body_text
    assert digest.subject == "Süresi geçen talepler (08.12.2026): 1 talep"
    assert queue_overdue_digests(session=session, now=later + timedelta(days=1)) == 1

"""The notification e-mails' Turkish wording. No letter carries a TCKN, a phone
number or the request's description: only what the SMS would say, or where to look."""

from dataclasses import dataclass
from datetime import date

from mbs.core import labels
from mbs.core.clock import format_tr
from mbs.core.mail.compose import Letter
from mbs.core.models import Request

MUHTAR_FOOTER = (
    "E-posta bildirimlerini Muhtar Bilgi Sistemi'nde Talep Sorgulama sayfasından kapatabilirsiniz."
)
STAFF_FOOTER = "Bu bildirimler kurum hesabınızda kayıtlı e-posta adresine gönderilir."
DIGEST_LIMIT = 50  # lines in one digest; the rest is counted


def muhtar_letter(full_name: str, tracking_no: str, sms_text: str) -> Letter:
    """The muhtar's SMS at one stage of the request, as an e-mail."""
    text = sms_text.removeprefix("MBS: ").strip()
    return Letter(
        subject=f"{tracking_no} numaralı başvurunuz hakkında bilgilendirme",
        greeting=f"Sayın {full_name},",
        paragraphs=[
            text,
            "Başvurunuzun ayrıntılarını ve hareket bilgilerini Muhtar Bilgi Sistemi'nde "
            "Talep Sorgulama bölümünde görebilirsiniz.",
        ],
        footer=[MUHTAR_FOOTER],
    )


@dataclass(frozen=True)
class AssignmentInfo:
    unit_name: str
    place: str  # "Çınar Mahallesi (Yayla / Deneme)"
    note: str | None
    forwarded: bool  # a valilik's forward to its sub-unit, not MİGM's routing


def assignment_letter(full_name: str, request: Request, info: AssignmentInfo) -> Letter:
    """To each e-mail holder of a unit that was just given a request."""
    how = "valilik tarafından iletildi" if info.forwarded else "yönlendirildi"
    details = [
        ("Takip no", request.tracking_no),
        ("Muhtarlık", info.place),
        ("Başvuru türü", labels.REQUEST_TYPE[request.type]),
        ("Öncelik", labels.PRIORITY[request.priority]),
        ("Başvuru tarihi", format_tr(request.created_at)),
    ]
    if info.note:
        details.append(("Yönlendirme notu", info.note))
    return Letter(
        subject=f"Yeni görev: {request.tracking_no} numaralı talep ({info.unit_name})",
        greeting=f"Sayın {full_name},",
        paragraphs=[
            f"{info.unit_name} birimine yeni bir talep {how}.",
            "Talebi Talep Yönetim Portalı'nda Gelen Kutusu'nda görebilirsiniz.",
        ],
        details=details,
        footer=[STAFF_FOOTER],
    )


@dataclass(frozen=True)
class OverdueLine:
    tracking_no: str
    unit_name: str
    place: str
    days_open: int


def overdue_letter(full_name: str, day: date, lines: list[OverdueLine]) -> Letter:
    """Once a day to each e-mail holder of units with assignments open too long."""
    shown = lines[:DIGEST_LIMIT]
    items = [
        f"{line.tracking_no} · {line.place} · {line.unit_name} · {line.days_open} gündür açık"
        for line in shown
    ]
    if len(lines) > len(shown):
        items.append(f"ve {len(lines) - len(shown)} talep daha")
    return Letter(
        subject=f"Süresi geçen talepler ({day:%d.%m.%Y}): {len(lines)} talep",
        greeting=f"Sayın {full_name},",
        paragraphs=[
            f"Biriminizde 15 günden uzun süredir sonuçlanmamış {len(lines)} talep var. "
            "Talepleri Talep Yönetim Portalı'nda Görevlerim listesinde görebilirsiniz."
        ],
        items=items,
        footer=[STAFF_FOOTER],
    )

"""Turkish labels for every enumeration, as the interface and the SMS texts show them."""

from mbs.core.enums import (
    AssignmentStatus,
    BelediyeKind,
    CompletionOutcome,
    MuhtarlikKind,
    NegativeReason,
    Priority,
    RequestStatus,
    RequestType,
    SmsKind,
    SmsStatus,
    UnitKind,
)

MUHTARLIK_KIND = {MuhtarlikKind.MAHALLE: "Mahalle", MuhtarlikKind.KOY: "Köy"}

UNIT_KIND = {
    UnitKind.MIGM: "Genel Müdürlük",
    UnitKind.VALILIK: "Valilik",
    UnitKind.IL_MUDURLUGU: "İl Müdürlüğü",
    UnitKind.IL_OZEL_IDARESI: "İl Özel İdaresi",
    UnitKind.KAYMAKAMLIK: "Kaymakamlık",
    UnitKind.BELEDIYE: "Belediye",
}

BELEDIYE_KIND = {
    BelediyeKind.BUYUKSEHIR: "Büyükşehir Belediyesi",
    BelediyeKind.IL: "İl Belediyesi",
    BelediyeKind.ILCE: "İlçe Belediyesi",
    BelediyeKind.BELDE: "Belde Belediyesi",
}

REQUEST_TYPE = {
    RequestType.SIKAYET: "Şikâyet",
    RequestType.ISTEK: "İstek",
    RequestType.IHBAR: "İhbar",
    RequestType.GORUS_ONERI: "Görüş ve Öneri",
}

REQUEST_STATUS = {
    RequestStatus.PENDING: "Bekleyen",
    RequestStatus.ROUTED: "Yönlendirilen",
    RequestStatus.CONCLUDED: "Sonuçlanan",
}

PRIORITY = {
    Priority.LOW: "Düşük",
    Priority.NORMAL: "Normal",
    Priority.HIGH: "Yüksek",
    Priority.URGENT: "Acil",
}

ASSIGNMENT_STATUS = {
    AssignmentStatus.NEW: "Yeni",
    AssignmentStatus.TAKEN: "İşlemde",
    AssignmentStatus.FORWARDED: "Alt birimlere yönlendirildi",
    AssignmentStatus.FINISHED: "Tamamlandı",
    AssignmentStatus.RETURNED: "İade edildi",
}

COMPLETION_OUTCOME = {
    CompletionOutcome.POSITIVE: "Olumlu",
    CompletionOutcome.NEGATIVE: "Olumsuz",
}

NEGATIVE_REASON = {
    NegativeReason.OUTSIDE_AUTHORITY: "Kurumun yetki alanı dışında",
    NegativeReason.NO_BUDGET: "Ödenek yetersiz",
    NegativeReason.AGAINST_REGULATIONS: "Mevzuata uygun değil",
    NegativeReason.ALREADY_DONE: "Daha önce yapıldı / yapılıyor",
    NegativeReason.OTHER: "Diğer",
}

SMS_STATUS = {
    SmsStatus.PENDING: "Bekliyor",
    SmsStatus.SENDING: "Gönderiliyor",
    SmsStatus.SENT: "Gönderildi",
    SmsStatus.DELIVERED: "İletildi",
    SmsStatus.FAILED: "Başarısız",
    SmsStatus.EXPIRED: "Süresi doldu",
    SmsStatus.REVIEW: "İnceleme bekliyor",
}

SMS_KIND = {SmsKind.OTP: "Giriş kodu", SmsKind.NOTIFICATION: "Bildirim"}

# The outbox row's `provider` column (MBS_SMS_PROVIDER).
SMS_PROVIDER = {"netgsm": "Netgsm", "verimor": "Verimor", "dev": "Geliştirme (konsol)"}

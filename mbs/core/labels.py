"""Turkish labels for every enumeration, as the interface and the SMS texts show them."""

from mbs.core.enums import (
    AssignmentStatus,
    BelediyeKind,
    MuhtarlikKind,
    Priority,
    RequestStatus,
    RequestType,
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

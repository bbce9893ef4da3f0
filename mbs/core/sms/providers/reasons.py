"""Providers' codes in Turkish words, for the row's last_error and the admins' screens."""

from mbs.core.sms.providers.base import DeliveryState

_NETGSM_SEND = {
    "20": "Mesaj metni hatalı veya izin verilen uzunluğu aşıyor",
    "30": "Netgsm kullanıcı kodu veya şifresi geçersiz, API erişimi kapalı ya da bu "
    "sunucunun IP adresine izin verilmemiş",
    "40": "Mesaj başlığı (gönderici adı) Netgsm'de tanımlı değil",
    "41": "Mesaj başlığı (gönderici adı) geçersiz",
    "50": "Numara veya İYS ayarı nedeniyle gönderilemedi",
    "51": "Numara veya İYS marka bilgisi nedeniyle gönderilemedi",
    "52": "Numara hatalı",
    "60": "Netgsm hesabında OTP paketi veya kredisi yok",
    "70": "Netgsm isteği hatalı buldu (parametre hatası)",
    "80": "Netgsm gönderim hız sınırı aşıldı",
    "85": "Aynı numaraya bir dakikada çok fazla gönderim yapıldı",
    "100": "Netgsm sistem hatası",
    "101": "Netgsm sistem hatası",
}

_NETGSM_STATUS: dict[int, tuple[DeliveryState, str | None]] = {
    0: (DeliveryState.PENDING, None),
    1: (DeliveryState.DELIVERED, None),
    2: (DeliveryState.FAILED, "Zaman aşımı: geçerlilik süresi içinde iletilemedi"),
    3: (DeliveryState.FAILED, "Numara hatalı veya gönderime kapalı"),
    4: (DeliveryState.FAILED, "Operatöre gönderilemedi"),
    11: (DeliveryState.FAILED, "Operatör mesajı reddetti"),
    12: (DeliveryState.FAILED, "İletim hatası"),
    13: (DeliveryState.FAILED, "Mükerrer gönderim engellendi"),
    14: (DeliveryState.FAILED, "Kredi yetersiz"),
    15: (DeliveryState.FAILED, "Numara kara listede"),
    16: (DeliveryState.FAILED, "İYS reddetti"),
    17: (DeliveryState.FAILED, "İYS hatası"),
}

_VERIMOR_SEND = {
    "INVALID_SOURCE_ADDRESS": "Mesaj başlığı (gönderici adı) Verimor'da kabul edilmedi",
    "MISSING_MESSAGE": "Mesaj metni boş",
    "MESSAGE_TOO_LONG": "Mesaj çok uzun",
    "INVALID_PERIOD": "Geçerlilik süresi hatalı",
    "INVALID_DELIVERY_TIME": "Gönderim zamanı hatalı",
    "INVALID_DATACODING": "Karakter kodlaması hatalı",
    "MISSING_DESTINATION_ADDRESS": "Alıcı numarası yok",
    "INVALID_DESTINATION_ADDRESS": "Numara hatalı",
    "INSUFFICIENT_CREDITS": "Verimor hesabında kredi yetersiz",
    "FORBIDDEN_MESSAGE": "Mesaj yasaklı içerik barındırıyor",
}
VERIMOR_CONFIG_ERRORS = {"INVALID_SOURCE_ADDRESS", "INSUFFICIENT_CREDITS"}
VERIMOR_REJECTIONS = {
    "MISSING_MESSAGE",
    "MESSAGE_TOO_LONG",
    "INVALID_PERIOD",
    "INVALID_DELIVERY_TIME",
    "INVALID_DATACODING",
    "MISSING_DESTINATION_ADDRESS",
    "INVALID_DESTINATION_ADDRESS",
    "FORBIDDEN_MESSAGE",
}

_VERIMOR_STATUS: dict[str, tuple[DeliveryState, str | None]] = {
    "SENDING": (DeliveryState.PENDING, None),
    "WAITING": (DeliveryState.PENDING, None),
    "DELIVERED": (DeliveryState.DELIVERED, None),
    # Sent, but the operator gives no receipts (some foreign networks): the best we get.
    "SENT": (DeliveryState.DELIVERED, None),
    "NOT_DELIVERED": (DeliveryState.FAILED, "İletilemedi (numara etkin değil)"),
    "EXPIRED": (DeliveryState.FAILED, "Zaman aşımı: geçerlilik süresi içinde iletilemedi"),
    "INVALID_DESTINATION_ADDRESS": (DeliveryState.FAILED, "Numara hiçbir operatörde kayıtlı değil"),
    "REJECTED": (DeliveryState.FAILED, "Operatör mesajı reddetti"),
    "DOUBLE_SEND_ERROR": (DeliveryState.FAILED, "Mükerrer gönderim engellendi"),
    "BLACKLISTED_DESTINATION_ADDRESS": (DeliveryState.FAILED, "Numara kara listede"),
    "MISSING_TARIFF": (DeliveryState.FAILED, "Alıcının operatörü için tarife yok"),
    "ROUTE_NOT_AVAILABLE": (DeliveryState.FAILED, "Bu alıcıya gönderim yapılamıyor"),
    "NETWORK_NOTCOVERED": (DeliveryState.FAILED, "Bu alıcıya gönderim yapılamıyor"),
    "SEND_ERROR": (DeliveryState.FAILED, "Gönderim hatası"),
    "INTERNATIONAL_DENIED": (DeliveryState.FAILED, "Yurt dışı gönderimi kapalı"),
}


def netgsm_send_error(code: str) -> str:
    text = _NETGSM_SEND.get(code, "Netgsm bilinmeyen bir hata bildirdi")
    return f"{text} (Netgsm kodu {code})."


def netgsm_report_error(code: str, status_code: int) -> str:
    if code == "30":
        return netgsm_send_error(code)
    if code == "80":
        return "Netgsm rapor sorgu sınırı aşıldı (dakikada 10); sonra yeniden sorulacak."
    if code:
        return f"Netgsm raporu alınamadı (Netgsm kodu {code})."
    return f"Netgsm rapor cevabı anlaşılamadı (HTTP {status_code})."


def netgsm_status(status: int) -> tuple[DeliveryState | None, str | None]:
    """(state, reason); state None for a code we do not know (left as it is)."""
    return _NETGSM_STATUS.get(status, (None, None))


def verimor_send_error(name: str) -> str:
    text = _VERIMOR_SEND.get(name, "Verimor gönderimi kabul etmedi")
    return f"{text} (Verimor: {name[:60]})."


def verimor_status(status: str, gsm_error: str | None) -> tuple[DeliveryState | None, str | None]:
    state, reason = _VERIMOR_STATUS.get(status, (None, None))
    if reason and gsm_error and gsm_error not in ("0", ""):
        reason = f"{reason} (operatör hata kodu {gsm_error[:10]})"
    return state, reason

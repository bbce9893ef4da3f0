"""The logged-in muhtar as the filing page shows them: name, muhtarlık, ilçe and il."""

from dataclasses import dataclass

from sqlmodel import Session

from mbs.core.actors import Actor
from mbs.core.enums import MuhtarlikKind
from mbs.core.errors import NotFound
from mbs.core.models import District, Muhtar, Muhtarlik, Province
from mbs.core.permissions import require_muhtar
from mbs.core.tckn import mask_phone


@dataclass(frozen=True)
class MuhtarProfile:
    full_name: str
    muhtarlik: str  # "Akkapı Mahallesi", "Işıklı Köyü"
    district: str
    province: str
    masked_phone: str  # where the SMS go: "0532 *** ** 67"


def muhtarlik_title(muhtarlik: Muhtarlik) -> str:
    """The muhtarlık's name as people write it: "Akkapı Mahallesi", "Işıklı Köyü"."""
    suffix = "Mahallesi" if muhtarlik.kind is MuhtarlikKind.MAHALLE else "Köyü"
    return f"{muhtarlik.name} {suffix}"


def muhtar_profile(*, session: Session, actor: Actor) -> MuhtarProfile:
    """Who is filing, for the top of the filing page (seed: BAŞVURU İŞLEMLERİ, step 5)."""
    muhtar_actor = require_muhtar(actor)
    muhtar = session.get(Muhtar, muhtar_actor.muhtar_id)
    muhtarlik = session.get(Muhtarlik, muhtar_actor.muhtarlik_id)
    district = session.get(District, muhtarlik.district_id) if muhtarlik else None
    province = session.get(Province, muhtarlik.province_id) if muhtarlik else None
    if muhtar is None or muhtarlik is None or district is None or province is None:
        raise NotFound("Muhtarlık kaydınız bulunamadı.")
    return MuhtarProfile(
        full_name=muhtar.full_name,
        muhtarlik=muhtarlik_title(muhtarlik),
        district=district.name,
        province=province.name,
        masked_phone=mask_phone(muhtar.phone),
    )

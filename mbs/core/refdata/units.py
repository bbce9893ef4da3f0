"""The standard unit hierarchy, derived from the geography: the central unit, one valilik
per province with its il müdürlükleri (and İl Özel İdaresi where there is no
büyükşehir), one kaymakamlık per district outside the provincial centres, and every
belediye (büyükşehir, il, ilçe, belde)."""

from dataclasses import dataclass

from mbs.core.enums import BelediyeKind, UnitKind
from mbs.core.refdata.source import ReferenceData

CENTRAL_UNIT_CODE = "central"

# The provincial directorates a valilik most often forwards muhtars' requests to:
# (code slug, name after the province's name). Regional bodies (Karayolları, DSİ) are
# left out because they do not exist in every province.
IL_MUDURLUKLERI: tuple[tuple[str, str], ...] = (
    ("milli-egitim", "İl Milli Eğitim Müdürlüğü"),
    ("saglik", "İl Sağlık Müdürlüğü"),
    ("tarim-ve-orman", "İl Tarım ve Orman Müdürlüğü"),
    ("aile-ve-sosyal-hizmetler", "Aile ve Sosyal Hizmetler İl Müdürlüğü"),
    ("cevre-sehircilik", "Çevre, Şehircilik ve İklim Değişikliği İl Müdürlüğü"),
    ("genclik-ve-spor", "Gençlik ve Spor İl Müdürlüğü"),
    ("kultur-ve-turizm", "İl Kültür ve Turizm Müdürlüğü"),
    ("afad", "İl Afet ve Acil Durum Müdürlüğü"),
    ("nufus-ve-vatandaslik", "İl Nüfus ve Vatandaşlık Müdürlüğü"),
    ("emniyet", "İl Emniyet Müdürlüğü"),
    ("sanayi-ve-teknoloji", "Sanayi ve Teknoloji İl Müdürlüğü"),
    ("calisma-ve-is-kurumu", "Çalışma ve İş Kurumu İl Müdürlüğü"),
    ("ticaret", "Ticaret İl Müdürlüğü"),
    ("goc-idaresi", "İl Göç İdaresi Müdürlüğü"),
)


@dataclass(frozen=True)
class UnitSpec:
    code: str
    kind: UnitKind
    name: str
    belediye_kind: BelediyeKind | None = None
    province_id: int | None = None
    district_id: int | None = None
    parent_code: str | None = None


def valilik_code(province_id: int) -> str:
    return f"valilik:{province_id:02d}"


def reference_units(data: ReferenceData, central_name: str) -> list[UnitSpec]:
    """Every unit the reference data implies, parents before their children."""
    provinces = {province.id: province for province in data.provinces}
    # The "Merkez" district of a province without a büyükşehir is governed by the
    # valilik and served by the il belediyesi: no kaymakamlık, no ilçe belediyesi.
    centre_district = {
        district.province_id: district.id
        for district in data.districts
        if district.name == "Merkez" and not provinces[district.province_id].is_metropolitan
    }
    units = [UnitSpec(CENTRAL_UNIT_CODE, UnitKind.MIGM, central_name)]
    children: list[UnitSpec] = []
    for province in data.provinces:
        plate, name, valilik = f"{province.id:02d}", province.name, valilik_code(province.id)
        units.append(
            UnitSpec(valilik, UnitKind.VALILIK, f"{name} Valiliği", province_id=province.id)
        )
        children.extend(
            UnitSpec(
                f"il-mudurlugu:{plate}:{slug}",
                UnitKind.IL_MUDURLUGU,
                f"{name} {title}",
                province_id=province.id,
                parent_code=valilik,
            )
            for slug, title in IL_MUDURLUKLERI
        )
        if province.is_metropolitan:
            units.append(_belediye(f"buyuksehir:{plate}", f"{name} Büyükşehir", province.id))
        else:
            children.append(
                UnitSpec(
                    f"ozel-idare:{plate}",
                    UnitKind.IL_OZEL_IDARESI,
                    f"{name} İl Özel İdaresi",
                    province_id=province.id,
                    parent_code=valilik,
                )
            )
            units.append(
                _belediye(f"il:{plate}", name, province.id, centre_district.get(province.id))
            )
    for district in data.districts:
        if centre_district.get(district.province_id) == district.id:
            continue
        children.append(
            UnitSpec(
                f"kaymakamlik:{district.id}",
                UnitKind.KAYMAKAMLIK,
                f"{district.name} Kaymakamlığı",
                province_id=district.province_id,
                district_id=district.id,
                parent_code=valilik_code(district.province_id),
            )
        )
        units.append(
            _belediye(f"ilce:{district.id}", district.name, district.province_id, district.id)
        )
    units.extend(
        _belediye(f"belde:{town.id}", town.name, town.province_id, town.district_id)
        for town in data.towns
    )
    return units + children


def _belediye(code: str, name: str, province_id: int, district_id: int | None = None) -> UnitSpec:
    return UnitSpec(
        f"belediye:{code}",
        UnitKind.BELEDIYE,
        f"{name} Belediyesi",
        belediye_kind=BelediyeKind(code.split(":")[0]),
        province_id=province_id,
        district_id=district_id,
    )

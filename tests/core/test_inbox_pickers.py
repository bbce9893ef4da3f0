"""The unit pickers of the routing screens, and the Turkish alphabetical order."""

import pytest

from mbs.core.commands import RouteTarget, file_request, route_request
from mbs.core.enums import RequestType, UnitKind
from mbs.core.errors import NotFound, PermissionDenied, ValidationError
from mbs.core.models import Unit
from mbs.core.queries.unit_pickers import routable_units, sub_units
from mbs.core.text import turkish_sort_key
from tests.builders import make_unit


@pytest.fixture
def request_id(session, world) -> int:
    request = file_request(
        session=session,
        actor=world.muhtar,
        type=RequestType.ISTEK,
        description="Köyümüzün okul yolu kışın kardan kapanıyor, yardım.",
    )
    return request.id


def names(units) -> list[str]:
    return [unit.name for unit in units]


def test_routable_units_put_the_muhtarliks_own_il_first(session, world, request_id):
    units = routable_units(session=session, actor=world.central, request_id=request_id, limit=200)
    own = [unit for unit in units if unit.province_id == 95]
    # The world's il (95) first: valilik, then belediyes by kind (il before ilçe).
    assert names(units[: len(own)]) == ["Deneme Valiliği", "Deneme Belediyesi", "Yayla Belediyesi"]
    assert {unit.kind for unit in units} <= {UnitKind.VALILIK, UnitKind.BELEDIYE}
    assert "Deneme İl Milli Eğitim Müdürlüğü" not in names(units)  # not routable by MİGM
    assert units[0].province_name == "Deneme"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("örnek", ["Örnek Valiliği"]),  # the name, or the il "Örnek"
        ("ÖRNEK VALİLİĞİ", ["Örnek Valiliği"]),
        ("yayla bel", ["Yayla Belediyesi"]),
        ("deneme", ["Deneme Valiliği", "Deneme Belediyesi", "Yayla Belediyesi"]),  # il Deneme
        ("DENEME belediyesi", ["Deneme Belediyesi", "Yayla Belediyesi"]),
        ("deneme valiligi", ["Deneme Valiliği"]),  # typed without Turkish letters
    ],
)
def test_routable_units_search_is_turkish_aware(session, world, request_id, query, expected):
    units = routable_units(session=session, actor=world.central, request_id=request_id, query=query)
    ours = [name for name in names(units) if name in {u.name for u in world.units.values()}]
    assert ours == expected


def test_units_already_working_are_marked(session, world, request_id):
    route_request(
        session=session,
        actor=world.central,
        request_id=request_id,
        expected_version=1,
        targets=[RouteTarget(world.units["valilik"].id)],
    )
    units = routable_units(
        session=session, actor=world.central, request_id=request_id, query="deneme"
    )
    assert {unit.name: unit.busy for unit in units if unit.province_id == 95} == {
        "Deneme Valiliği": True,
        "Deneme Belediyesi": False,
        "Yayla Belediyesi": False,
    }


def test_inactive_units_are_not_offered(session, world, request_id):
    unit = world.units["belediye2"]
    unit.is_active = False
    session.add(unit)
    session.flush()
    units = routable_units(
        session=session, actor=world.central, request_id=request_id, query="deneme"
    )
    assert "Deneme Belediyesi" not in names(units)


def test_routable_units_is_for_the_central_unit(session, world, request_id):
    with pytest.raises(PermissionDenied):
        routable_units(session=session, actor=world.valilik, request_id=request_id)
    with pytest.raises(NotFound):
        routable_units(session=session, actor=world.central, request_id=10**9)
    with pytest.raises(ValidationError):
        routable_units(session=session, actor=world.central, request_id=request_id, limit=0)


def test_sub_units_of_a_valilik_by_kind_then_turkish_order(session, world):
    valilik = session.get(Unit, world.valilik.unit_id)
    for name in ("Zirai Mücadele İl Müdürlüğü", "Çevre İl Müdürlüğü", "Ceza İl Müdürlüğü"):
        make_unit(session, UnitKind.IL_MUDURLUGU, parent=valilik, name=name)
    make_unit(session, UnitKind.KAYMAKAMLIK, parent=valilik, name="Çayırlı Kaymakamlığı")
    make_unit(session, UnitKind.IL_OZEL_IDARESI, parent=valilik, name="Deneme İl Özel İdaresi")
    closed = make_unit(session, UnitKind.IL_MUDURLUGU, parent=valilik, name="Kapalı Müdürlük")
    closed.is_active = False
    session.add(closed)
    session.flush()
    assert names(sub_units(session=session, actor=world.valilik)) == [
        "Ceza İl Müdürlüğü",
        "Çevre İl Müdürlüğü",
        "Deneme İl Milli Eğitim Müdürlüğü",
        "Zirai Mücadele İl Müdürlüğü",
        "Deneme İl Özel İdaresi",
        "Çayırlı Kaymakamlığı",
        "Yayla Kaymakamlığı",
    ]
    assert names(sub_units(session=session, actor=world.valilik, query="ÇEVRE")) == [
        "Çevre İl Müdürlüğü"
    ]
    assert names(sub_units(session=session, actor=world.other_valilik)) == [
        "Örnek İl Sağlık Müdürlüğü"
    ]


@pytest.mark.parametrize("who", ["central", "belediye", "il_mudurlugu", "muhtar"])
def test_only_a_valilik_has_sub_units_to_pick(session, world, who):
    with pytest.raises(PermissionDenied):
        sub_units(session=session, actor=getattr(world, who))


def test_turkish_sort_key_follows_the_turkish_alphabet():
    shuffled = ["Zonguldak", "çorum", "Çankırı", "Iğdır", "İzmir", "Isparta", "Uşak", "Ünye",
                "Şanlıurfa", "Sinop", "Ordu", "Ödemiş", "Giresun", "Gümüşhane", "ağrı", "Ankara",
                "Cizre", "Kâhta", "Kahramanmaraş", "Dalaman"]  # fmt: skip
    assert sorted(shuffled, key=turkish_sort_key) == [
        "ağrı", "Ankara", "Cizre", "Çankırı", "çorum", "Dalaman", "Giresun", "Gümüşhane",
        "Iğdır", "Isparta", "İzmir", "Kahramanmaraş", "Kâhta", "Ordu", "Ödemiş", "Sinop",
        "Şanlıurfa", "Uşak", "Ünye", "Zonguldak",
    ]  # fmt: skip
    assert sorted(["Ç", "Z", "C", "D"]) == ["C", "D", "Z", "Ç"]  # what it fixes
    assert sorted(["Ç", "Z", "C", "D"], key=turkish_sort_key) == ["C", "Ç", "D", "Z"]


def test_turkish_sort_key_ignores_case_and_puts_shorter_words_first():
    assert turkish_sort_key("ÇINAR") < turkish_sort_key("çınaraltı")
    assert turkish_sort_key("ılgın")[0] == turkish_sort_key("ILGIN")[0]
    assert sorted(["Ak Köy", "Akdağ", "Ak"], key=turkish_sort_key) == ["Ak", "Ak Köy", "Akdağ"]
    assert sorted(["Köy 2", "Köy 10", "Köy A"], key=turkish_sort_key) == [
        "Köy 10",
        "Köy 2",
        "Köy A",
    ]

"""Reading unit kinds as people write them: the code ("il_mudurlugu") or the Turkish
label ("İl Müdürlüğü", "İL MÜDÜRLÜĞÜ", "Il Mudurlugu")."""

from mbs.core.enums import BelediyeKind, UnitKind
from mbs.core.imports.csv_rows import RowProblem
from mbs.core.labels import BELEDIYE_KIND, UNIT_KIND
from mbs.core.models import Province
from mbs.core.text import ascii_key

_UNIT_KINDS = {
    **{ascii_key(kind.value): kind for kind in UnitKind},
    **{ascii_key(label): kind for kind, label in UNIT_KIND.items()},
    ascii_key("Mahalli İdareler Genel Müdürlüğü"): UnitKind.MIGM,
}
_BELEDIYE_KINDS = {
    **{ascii_key(kind.value): kind for kind in BelediyeKind},
    **{ascii_key(label): kind for kind, label in BELEDIYE_KIND.items()},
}

# Units of one district; the others belong to a whole province (or to the country).
DISTRICT_LEVEL = frozenset(
    {
        (UnitKind.KAYMAKAMLIK, None),
        (UnitKind.BELEDIYE, BelediyeKind.ILCE),
        (UnitKind.BELEDIYE, BelediyeKind.BELDE),
    }
)


def parse_unit_kind(text: str) -> UnitKind:
    if kind := _UNIT_KINDS.get(ascii_key(text)):
        return kind
    known = ", ".join(UNIT_KIND.values())
    raise RowProblem(f"Bilinmeyen birim türü '{text}'. Geçerli türler: {known}.")


def parse_belediye_kind(text: str, *, has_district: bool, province: Province) -> BelediyeKind:
    """The belediye kind from the column, or inferred when it is empty: with an ilçe it
    is an ilçe belediyesi, otherwise the province's büyükşehir or il belediyesi."""
    if not text:
        if has_district:
            return BelediyeKind.ILCE
        return BelediyeKind.BUYUKSEHIR if province.is_metropolitan else BelediyeKind.IL
    if kind := _BELEDIYE_KINDS.get(ascii_key(text)):
        return kind
    raise RowProblem(f"Bilinmeyen belediye türü '{text}' (büyükşehir, il, ilçe veya belde).")

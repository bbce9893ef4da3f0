"""Importing the DETSİS unit list: gives reference units their DETSİS numbers and adds
units the reference data does not know (sub-units, renamed bodies).

Columns: detsis_no, ad, tur, il, and optionally ilce, ust_detsis_no, belediye_turu.
A row is matched to a unit by its DETSİS number, else by kind + province (+ district
for kaymakamlık, ilçe and belde belediyesi) + name (compared as places.NameIndex
does), else a new unit with code "detsis:<no>" is created. Names that differ only in
letter case or Turkish letters are not a change, so an all-capitals official list does
not overwrite the display names.
"""

from collections import defaultdict
from dataclasses import dataclass

from sqlmodel import Session, select

from mbs.core import events
from mbs.core.actors import SystemActor
from mbs.core.enums import VALILIK_SUB_UNIT_KINDS, BelediyeKind, EventKind, UnitKind
from mbs.core.imports.csv_rows import (
    CsvRow,
    CsvSource,
    ImportReport,
    Problems,
    RowProblem,
    read_csv,
)
from mbs.core.imports.places import NameIndex, Places
from mbs.core.imports.unit_kinds import DISTRICT_LEVEL, parse_belediye_kind, parse_unit_kind
from mbs.core.models import Unit
from mbs.core.text import ascii_key, collapse_whitespace

REQUIRED = {"detsis_no", "ad", "tur", "il"}
OPTIONAL = {"ilce", "ust_detsis_no", "belediye_turu"}


@dataclass
class PlannedUnit:
    line: int
    detsis_no: str
    name: str
    kind: UnitKind
    belediye_kind: BelediyeKind | None
    province_id: int | None
    district_id: int | None
    parent: "Unit | PlannedUnit | None"
    unit: Unit | None  # the matched unit; None until a new one is created


def import_units(*, session: Session, rows_text_or_file: CsvSource) -> ImportReport:
    """Import the DETSİS list (CSV text, bytes, a Path or an open file).

    Every row is checked before anything is written; any bad row raises CsvImportError
    with all problems by line. Records one UNITS_IMPORTED event; never commits.
    """
    rows = read_csv(rows_text_or_file, required=REQUIRED, optional=OPTIONAL)
    plans = _Planner(session).plan(rows)
    created = updated = 0
    for plan in plans:
        if plan.unit is None:
            session.add(_new_unit(session, plan))
            created += 1
        elif _update(session, plan.unit, plan):
            updated += 1
    report = ImportReport(created, updated, len(plans) - created - updated)
    events.record(
        session,
        EventKind.UNITS_IMPORTED,
        SystemActor(),
        data={"created": report.created, "updated": report.updated, "unchanged": report.unchanged},
    )
    session.flush()
    return report


class _Planner:
    """Validates rows against the database and the rows above them."""

    def __init__(self, session: Session) -> None:
        self.places = Places(session)
        units = session.exec(select(Unit)).all()
        self.codes = {unit.code for unit in units}
        self.by_detsis = {unit.detsis_no: unit for unit in units if unit.detsis_no}
        # Name matching looks only among units of the row's kind and province.
        groups: dict[tuple, list[Unit]] = defaultdict(list)
        for unit in units:
            groups[unit.kind, unit.province_id, unit.belediye_kind].append(unit)
        self.by_group = {key: NameIndex(group, lambda u: u.name) for key, group in groups.items()}
        self.valiliks: dict[int | None, Unit | PlannedUnit] = {
            unit.province_id: unit for unit in units if unit.kind is UnitKind.VALILIK
        }
        self.planned: dict[str, PlannedUnit] = {}
        self.seen: dict[str, int] = {}  # DETSİS no -> first line, good rows or bad
        self.claimed: dict[int, int] = {}  # unit id -> line that matched it

    def plan(self, rows: list[CsvRow]) -> list[PlannedUnit]:
        problems = Problems()
        plans = []
        for row in rows:
            try:
                plan = self._plan_row(row)
            except RowProblem as problem:
                problems.add(row.line, problem.reason)
                continue
            self.planned[plan.detsis_no] = plan
            if plan.kind is UnitKind.VALILIK:
                self.valiliks[plan.province_id] = plan
            plans.append(plan)
        problems.raise_if_any()
        return plans

    def _plan_row(self, row: CsvRow) -> PlannedUnit:
        detsis_no, name = row.get("detsis_no"), collapse_whitespace(row.get("ad"))
        if not detsis_no.isdigit() or len(detsis_no) > 16:
            raise RowProblem("DETSİS numarası yalnızca rakamlardan oluşmalı (en fazla 16 hane).")
        if (earlier := self.seen.setdefault(detsis_no, row.line)) != row.line:
            raise RowProblem(f"Bu DETSİS numarası satır {earlier}'de de var.")
        if not name or len(name) > 160:
            raise RowProblem("Birim adı boş olamaz ve en fazla 160 karakter olabilir.")
        kind = parse_unit_kind(row.get("tur"))
        province = district = None
        if kind is not UnitKind.MIGM:
            if not row.get("il"):
                raise RowProblem("İl boş olamaz.")
            province = self.places.province(row.get("il"))
            if row.get("ilce"):
                district = self.places.district(province, row.get("ilce"))
        belediye_kind = None
        if kind is UnitKind.BELEDIYE:
            assert province is not None
            belediye_kind = parse_belediye_kind(
                row.get("belediye_turu"), has_district=district is not None, province=province
            )
        elif row.get("belediye_turu"):
            raise RowProblem("belediye_turu yalnızca belediye satırlarında yazılır.")
        if (kind, belediye_kind) in DISTRICT_LEVEL and district is None:
            raise RowProblem("Bu birim türü için ilçe yazılmalıdır.")
        plan = PlannedUnit(
            row.line,
            detsis_no,
            name,
            kind,
            belediye_kind,
            province.id if province else None,
            district.id if district else None,
            self._parent(kind, province.id if province else None, row.get("ust_detsis_no")),
            None,
        )
        plan.unit = self._existing(plan)
        return plan

    def _parent(
        self, kind: UnitKind, province_id: int | None, parent_no: str
    ) -> Unit | PlannedUnit | None:
        if kind not in VALILIK_SUB_UNIT_KINDS:
            if parent_no:
                raise RowProblem("Üst birim yalnızca valiliğin alt birimleri için yazılır.")
            return None
        if parent_no:
            parent = self.planned.get(parent_no) or self.by_detsis.get(parent_no)
            if parent is None:
                raise RowProblem(
                    f"Üst birim ({parent_no}) ne sistemde ne de dosyanın önceki satırlarında var."
                )
            if parent.kind is not UnitKind.VALILIK or parent.province_id != province_id:
                raise RowProblem("Üst birim aynı ilin valiliği olmalıdır.")
            return parent
        # Without ust_detsis_no a sub-unit belongs to its province's valilik.
        if (valilik := self.valiliks.get(province_id)) is None:
            raise RowProblem("İlin valiliği bulunamadı; ust_detsis_no sütununu doldurun.")
        return valilik

    def _existing(self, plan: PlannedUnit) -> Unit | None:
        unit = self.by_detsis.get(plan.detsis_no)
        if unit is not None and unit.kind is not plan.kind:
            raise RowProblem("Bu DETSİS numarası sistemde başka türde bir birime ait.")
        if unit is None:
            unit = self._match_by_name(plan)
        if unit is None:
            if f"detsis:{plan.detsis_no}" in self.codes:
                raise RowProblem(f"'detsis:{plan.detsis_no}' kodlu başka bir birim var.")
            return None
        assert unit.id is not None
        if (line := self.claimed.get(unit.id)) is not None:
            raise RowProblem(f"Satır {line} ile aynı birime denk geliyor.")
        self.claimed[unit.id] = plan.line
        return unit

    def _match_by_name(self, plan: PlannedUnit) -> Unit | None:
        index = self.by_group.get((plan.kind, plan.province_id, plan.belediye_kind))
        found = index.find(plan.name) if index else []
        if (plan.kind, plan.belediye_kind) in DISTRICT_LEVEL:
            found = [unit for unit in found if unit.district_id == plan.district_id]
        if len(found) > 1:
            raise RowProblem("Sistemde bu adla birden fazla birim var; DETSİS numarası eşlenemedi.")
        if found and found[0].detsis_no:
            raise RowProblem(
                f"Bu birim sistemde başka bir DETSİS numarasıyla ({found[0].detsis_no}) kayıtlı."
            )
        return found[0] if found else None


def _parent_id(session: Session, parent: Unit | PlannedUnit | None) -> int | None:
    if parent is None:
        return None
    unit = parent if isinstance(parent, Unit) else parent.unit
    if unit is not None and unit.id is None:
        session.flush()  # a parent created a few rows above needs its id now
    assert unit is not None and unit.id is not None
    return unit.id


def _new_unit(session: Session, plan: PlannedUnit) -> Unit:
    plan.unit = Unit(
        code=f"detsis:{plan.detsis_no}",
        kind=plan.kind,
        belediye_kind=plan.belediye_kind,
        name=plan.name,
        province_id=plan.province_id,
        district_id=plan.district_id,
        parent_id=_parent_id(session, plan.parent),
        detsis_no=plan.detsis_no,
    )
    return plan.unit


def _update(session: Session, unit: Unit, plan: PlannedUnit) -> bool:
    """Bring `unit` in line with the row; True if anything changed."""
    wanted = {
        "detsis_no": plan.detsis_no,
        "belediye_kind": plan.belediye_kind,
        "province_id": plan.province_id,
        "parent_id": _parent_id(session, plan.parent),
    }
    if plan.district_id is not None or (plan.kind, plan.belediye_kind) in DISTRICT_LEVEL:
        wanted["district_id"] = plan.district_id
    if ascii_key(unit.name) != ascii_key(plan.name):
        wanted["name"] = plan.name
    changed = {key: value for key, value in wanted.items() if getattr(unit, key) != value}
    for key, value in changed.items():
        setattr(unit, key, value)
    return bool(changed)

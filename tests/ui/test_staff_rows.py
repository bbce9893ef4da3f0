"""The staff tables' cells: Turkish labels, the flags the rows are styled by, paging
text, and which columns a header click may sort by."""

from datetime import UTC, datetime

from mbs.core.enums import AssignmentStatus, MuhtarlikKind, Priority, RequestStatus, RequestType
from mbs.core.queries.listing import CentralTask, Page, RequestRow
from mbs.ui.staff.rows import column_heads, page_summary, row_cells

WHEN = datetime(2026, 11, 22, 9, 5, tzinfo=UTC)


def _row(**extra: object) -> RequestRow:
    values: dict = dict(
        id=7,
        tracking_no="2026-000007",
        created_at=WHEN,
        updated_at=WHEN,
        type=RequestType.GORUS_ONERI,
        status=RequestStatus.ROUTED,
        priority=Priority.URGENT,
        muhtarlik_name="Çınar",
        muhtarlik_kind=MuhtarlikKind.MAHALLE,
        district_name="Yayla",
        province_name="Iğdır",
        excerpt="Yol bozuk",
        version=3,
        overdue=False,
    )
    values.update(extra)
    return RequestRow(**values)


def test_cells_are_turkish_and_in_turkeys_time():
    cells = row_cells(_row(assignment_status=AssignmentStatus.TAKEN), changed=True)
    assert cells["created_at"] == "22.11.2026 12:05"
    assert cells["type"] == "Görüş ve Öneri"
    assert cells["priority"] == "Acil" and cells["priority_key"] == "urgent"
    assert cells["muhtarlik"] == "Çınar Mahalle"
    assert cells["assignment_status"] == "İşlemde"
    assert (cells["stands_out"], cells["overdue"], cells["changed"]) == ("1", "", "1")


def test_the_central_inbox_says_why_a_request_waits():
    cells = row_cells(_row(priority=Priority.NORMAL, central_task=CentralTask.REROUTE))
    assert cells["assignment_status"] == "İade edildi, yeniden yönlendirilecek"
    assert cells["stands_out"] == "" and cells["changed"] == ""


def test_paging_text_and_the_capped_count():
    assert page_summary(Page([_row()] * 50, 120, False, 2, 50)) == "51–100 / 120"
    assert page_summary(Page([_row()] * 10, 10_000, True, 1, 10)) == "1–10 / 10.000+"
    assert page_summary(Page([], 0, False, 1, 50)) == "Kayıt yok"


def test_only_indexed_columns_are_sortable_and_none_on_fixed_order_screens():
    heads = {h["key"]: h["sort"] for h in column_heads(["tracking_no", "excerpt", "priority"])}
    assert heads == {"tracking_no": "tracking_no", "excerpt": "", "priority": "priority"}
    assert {h["sort"] for h in column_heads(["tracking_no"], sortable=False)} == {""}

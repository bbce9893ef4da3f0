"""Rows of the staff lists as the tables show them: every value a string, so one
`rx.foreach` over the user's chosen columns can render any of them."""

from mbs.core import labels
from mbs.core.clock import format_tr
from mbs.core.queries.listing import CENTRAL_TASK_LABELS, Page, RequestRow
from mbs.core.queries.view_settings import COLUMNS

# Columns a header click may sort by, and the sort key each maps to.
SORTABLE = {
    "tracking_no": "tracking_no",
    "created_at": "created_at",
    "updated_at": "updated_at",
    "priority": "priority",
}


def row_cells(row: RequestRow, changed: bool = False) -> dict[str, str]:
    """The cells of one row, plus the flags the table styles by."""
    return {
        "id": str(row.id),
        "tracking_no": row.tracking_no,
        "created_at": format_tr(row.created_at),
        "updated_at": format_tr(row.updated_at),
        "type": labels.REQUEST_TYPE[row.type],
        "status": labels.REQUEST_STATUS[row.status],
        "priority": labels.PRIORITY[row.priority],
        "priority_key": row.priority.value,
        "muhtarlik": f"{row.muhtarlik_name} {labels.MUHTARLIK_KIND[row.muhtarlik_kind]}",
        "district": row.district_name,
        "province": row.province_name,
        "excerpt": row.excerpt,
        "assignment_status": _assignment_cell(row),
        "closed_at": format_tr(row.closed_at),
        "overdue": "1" if row.overdue else "",
        "stands_out": "1" if row.stands_out else "",
        "changed": "1" if changed else "",
    }


def _assignment_cell(row: RequestRow) -> str:
    if row.central_task is not None:
        return CENTRAL_TASK_LABELS[row.central_task]
    if row.assignment_status is not None:
        return labels.ASSIGNMENT_STATUS[row.assignment_status]
    return ""


def column_heads(
    columns: tuple[str, ...] | list[str], sortable: bool = True
) -> list[dict[str, str]]:
    """Header cells; `sort` names the sort key of a sortable column (empty otherwise)."""
    return [
        {"key": key, "label": COLUMNS[key], "sort": SORTABLE.get(key, "") if sortable else ""}
        for key in columns
    ]


def page_summary(page: Page[RequestRow]) -> str:
    """ "51–100 / 240" (or "10.000+" when the count stopped at the cap)."""
    if not page.rows:
        return "Kayıt yok"
    first = (page.page - 1) * page.page_size + 1
    last = first + len(page.rows) - 1
    total = f"{page.total:,}".replace(",", ".") + ("+" if page.total_capped else "")
    return f"{first}–{last} / {total}"

"""The workflow as data: (status, action) → next status, and who may do it.

Anything not in these tables is refused with a clear error. Side conditions that depend
on other rows (e.g. "every forward finished") live in the commands, next to the data
they read, and are named in each command's docstring.
"""

from dataclasses import dataclass
from enum import StrEnum

from mbs.core.enums import AssignmentStatus as A
from mbs.core.enums import RequestStatus as R
from mbs.core.enums import UnitKind
from mbs.core.errors import InvalidTransition, PermissionDenied


class Role(StrEnum):
    MUHTAR = "muhtar"
    CENTRAL = "central"


class RequestAction(StrEnum):
    FILE = "file"
    SET_PRIORITY = "set_priority"
    ROUTE = "route"
    ADD_UNITS = "add_units"
    CONCLUDE_UNROUTED = "conclude_unrouted"
    CONCLUDE = "conclude"


class AssignmentAction(StrEnum):
    TAKE_ON = "take_on"
    FORWARD = "forward"
    COMPLETE = "complete"
    RETURN = "return"


@dataclass(frozen=True)
class RequestTransition:
    next_status: R
    role: Role


@dataclass(frozen=True)
class AssignmentTransition:
    next_status: A
    unit_kinds: frozenset[UnitKind]


_ANY_UNIT = frozenset(UnitKind) - {UnitKind.MIGM}
_VALILIK = frozenset({UnitKind.VALILIK})
# A valilik must take a request on or forward it before it may finish it (the seed:
# İŞLEMİ TAMAMLA becomes active once it took it on or its forwards finished).
_FINISH_DIRECTLY = _ANY_UNIT - _VALILIK

REQUEST_TRANSITIONS: dict[tuple[R | None, RequestAction], RequestTransition] = {
    (None, RequestAction.FILE): RequestTransition(R.PENDING, Role.MUHTAR),
    (R.PENDING, RequestAction.SET_PRIORITY): RequestTransition(R.PENDING, Role.CENTRAL),
    (R.ROUTED, RequestAction.SET_PRIORITY): RequestTransition(R.ROUTED, Role.CENTRAL),
    (R.PENDING, RequestAction.ROUTE): RequestTransition(R.ROUTED, Role.CENTRAL),
    (R.ROUTED, RequestAction.ADD_UNITS): RequestTransition(R.ROUTED, Role.CENTRAL),
    (R.PENDING, RequestAction.CONCLUDE_UNROUTED): RequestTransition(R.CONCLUDED, Role.CENTRAL),
    # Every unit returned it and none finished: the central unit may close it with an
    # explanation instead of routing again (the command checks that).
    (R.ROUTED, RequestAction.CONCLUDE_UNROUTED): RequestTransition(R.CONCLUDED, Role.CENTRAL),
    (R.ROUTED, RequestAction.CONCLUDE): RequestTransition(R.CONCLUDED, Role.CENTRAL),
}

ASSIGNMENT_TRANSITIONS: dict[tuple[A, AssignmentAction], AssignmentTransition] = {
    (A.NEW, AssignmentAction.TAKE_ON): AssignmentTransition(A.TAKEN, _ANY_UNIT),
    (A.NEW, AssignmentAction.FORWARD): AssignmentTransition(A.FORWARDED, _VALILIK),
    (A.TAKEN, AssignmentAction.FORWARD): AssignmentTransition(A.FORWARDED, _VALILIK),
    (A.FORWARDED, AssignmentAction.FORWARD): AssignmentTransition(A.FORWARDED, _VALILIK),
    (A.NEW, AssignmentAction.COMPLETE): AssignmentTransition(A.FINISHED, _FINISH_DIRECTLY),
    (A.TAKEN, AssignmentAction.COMPLETE): AssignmentTransition(A.FINISHED, _ANY_UNIT),
    (A.FORWARDED, AssignmentAction.COMPLETE): AssignmentTransition(A.FINISHED, _VALILIK),
    (A.NEW, AssignmentAction.RETURN): AssignmentTransition(A.RETURNED, _ANY_UNIT),
    (A.TAKEN, AssignmentAction.RETURN): AssignmentTransition(A.RETURNED, _ANY_UNIT),
    (A.FORWARDED, AssignmentAction.RETURN): AssignmentTransition(A.RETURNED, _VALILIK),
}

_REQUEST_ACTION_TEXT = {
    RequestAction.FILE: "başvuru",
    RequestAction.SET_PRIORITY: "öncelik belirleme",
    RequestAction.ROUTE: "yönlendirme",
    RequestAction.ADD_UNITS: "birim ekleme",
    RequestAction.CONCLUDE_UNROUTED: "birimlerin sonucu olmadan sonuçlandırma",
    RequestAction.CONCLUDE: "süreci tamamlama",
}
_ASSIGNMENT_ACTION_TEXT = {
    AssignmentAction.TAKE_ON: "üzerine alma",
    AssignmentAction.FORWARD: "alt birime yönlendirme",
    AssignmentAction.COMPLETE: "işlemi tamamlama",
    AssignmentAction.RETURN: "iade",
}
_REQUEST_STATUS_TEXT = {
    R.PENDING: "bekleyen",
    R.ROUTED: "yönlendirilmiş",
    R.CONCLUDED: "sonuçlanmış",
}
_ASSIGNMENT_STATUS_TEXT = {
    A.NEW: "yeni",
    A.TAKEN: "üzerine alınmış",
    A.FORWARDED: "alt birimlere yönlendirilmiş",
    A.FINISHED: "tamamlanmış",
    A.RETURNED: "iade edilmiş",
}


def request_transition(status: R | None, action: RequestAction, role: Role) -> RequestTransition:
    """The row for (status, action), or a Turkish error saying why not."""
    transition = REQUEST_TRANSITIONS.get((status, action))
    if transition is None:
        state = _REQUEST_STATUS_TEXT[status] if status else "yeni"
        raise InvalidTransition(
            f"{state.capitalize()} bir talepte {_REQUEST_ACTION_TEXT[action]} yapılamaz."
        )
    if transition.role is not role:
        raise PermissionDenied("Bu işlem için yetkiniz yok.")
    return transition


def assignment_transition(
    status: A, action: AssignmentAction, unit_kind: UnitKind
) -> AssignmentTransition:
    """The row for (status, action) if `unit_kind` may do it, or a Turkish error."""
    transition = ASSIGNMENT_TRANSITIONS.get((status, action))
    if transition is None:
        raise InvalidTransition(
            f"{_ASSIGNMENT_STATUS_TEXT[status].capitalize()} bir görevde "
            f"{_ASSIGNMENT_ACTION_TEXT[action]} yapılamaz."
        )
    if unit_kind not in transition.unit_kinds:
        allowed = any(
            unit_kind in t.unit_kinds for (_, a), t in ASSIGNMENT_TRANSITIONS.items() if a is action
        )
        if allowed:
            raise InvalidTransition(
                f"{_ASSIGNMENT_STATUS_TEXT[status].capitalize()} bir görevde birim türünüz "
                f"{_ASSIGNMENT_ACTION_TEXT[action]} yapamaz."
            )
        raise PermissionDenied(f"Birim türünüz {_ASSIGNMENT_ACTION_TEXT[action]} işlemi yapamaz.")
    return transition

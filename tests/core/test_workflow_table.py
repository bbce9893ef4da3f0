"""The transition tables: every (status, action) pair is either a row or a clear refusal."""

import itertools

import pytest

from mbs.core.enums import AssignmentStatus, RequestStatus, UnitKind
from mbs.core.errors import InvalidTransition, PermissionDenied
from mbs.core.workflow import (
    ASSIGNMENT_TRANSITIONS,
    REQUEST_TRANSITIONS,
    AssignmentAction,
    RequestAction,
    Role,
    assignment_transition,
    request_transition,
)

REQUEST_STATES = [None, *RequestStatus]


@pytest.mark.parametrize(
    ("status", "action", "role"), list(itertools.product(REQUEST_STATES, RequestAction, Role))
)
def test_request_table_is_the_only_source_of_truth(status, action, role):
    row = REQUEST_TRANSITIONS.get((status, action))
    if row is None:
        with pytest.raises(InvalidTransition) as error:
            request_transition(status, action, role)
        assert "yapılamaz" in error.value.message
    elif row.role is not role:
        with pytest.raises(PermissionDenied):
            request_transition(status, action, role)
    else:
        assert request_transition(status, action, role).next_status is row.next_status


@pytest.mark.parametrize(
    ("status", "action", "kind"),
    list(itertools.product(AssignmentStatus, AssignmentAction, UnitKind)),
)
def test_assignment_table_is_the_only_source_of_truth(status, action, kind):
    row = ASSIGNMENT_TRANSITIONS.get((status, action))
    if row is not None and kind in row.unit_kinds:
        assert assignment_transition(status, action, kind).next_status is row.next_status
    else:
        with pytest.raises((InvalidTransition, PermissionDenied)) as error:
            assignment_transition(status, action, kind)
        assert error.value.message


def test_finished_and_returned_are_final():
    for (status, _), _row in ASSIGNMENT_TRANSITIONS.items():
        assert status not in (AssignmentStatus.FINISHED, AssignmentStatus.RETURNED)
    for (status, _), _row in REQUEST_TRANSITIONS.items():
        assert status is not RequestStatus.CONCLUDED


def test_only_a_valilik_forwards_and_the_central_unit_holds_no_assignment():
    for (_, action), row in ASSIGNMENT_TRANSITIONS.items():
        assert UnitKind.MIGM not in row.unit_kinds
        if action is AssignmentAction.FORWARD:
            assert row.unit_kinds == {UnitKind.VALILIK}

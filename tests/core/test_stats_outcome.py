"""İŞLEMİ TAMAMLA records the outcome (Olumlu / Olumsuz) and, for a negative one, the
reason; the quarterly municipal report counts them."""

import pytest
from sqlmodel import col, select

from mbs.core.commands import complete_assignment
from mbs.core.enums import CompletionOutcome, EventKind, NegativeReason
from mbs.core.errors import ValidationError
from mbs.core.labels import COMPLETION_OUTCOME, NEGATIVE_REASON
from mbs.core.models import Event
from tests.core.test_workflow import routed


def finish(session, world, assignment, outcome, reason=None):
    return complete_assignment(
        session=session,
        actor=world.belediye,
        assignment_id=assignment.id,
        expected_version=assignment.version,
        note="Değerlendirildi.",
        outcome=outcome,
        negative_reason=reason,
    )


def test_a_positive_outcome_is_stored_without_a_reason(session, world):
    _, [assignment] = routed(session, world, "belediye")
    finish(session, world, assignment, CompletionOutcome.POSITIVE)
    assert assignment.outcome is CompletionOutcome.POSITIVE
    assert assignment.negative_reason is None


def test_a_negative_outcome_is_stored_with_its_reason_and_in_the_event(session, world):
    request, [assignment] = routed(session, world, "belediye")
    finish(session, world, assignment, "negative", "no_budget")  # as a form sends them
    session.refresh(assignment)
    assert assignment.outcome is CompletionOutcome.NEGATIVE
    assert assignment.negative_reason is NegativeReason.NO_BUDGET
    event = session.exec(
        select(Event)
        .where(Event.request_id == request.id, Event.kind == EventKind.COMPLETED)
        .order_by(col(Event.id).desc())
    ).first()
    assert event is not None
    assert event.data["outcome"] == "negative" and event.data["negative_reason"] == "no_budget"


@pytest.mark.parametrize(
    ("outcome", "reason", "message"),
    [
        (None, None, "Sonucu seçin: Olumlu veya Olumsuz."),
        ("belki", None, "Sonucu seçin: Olumlu veya Olumsuz."),
        (CompletionOutcome.NEGATIVE, None, "Olumsuz sonuç için olumsuzluk nedenini seçin."),
        (CompletionOutcome.NEGATIVE, "keyfi", "Geçersiz olumsuzluk nedeni."),
        (
            CompletionOutcome.POSITIVE,
            NegativeReason.OTHER,
            "Olumlu sonuçlanan işlem için olumsuzluk nedeni seçilmez.",
        ),
    ],
)
def test_a_missing_or_inconsistent_outcome_is_refused_in_turkish(
    session, world, outcome, reason, message
):
    _, [assignment] = routed(session, world, "belediye")
    with pytest.raises(ValidationError) as error:
        finish(session, world, assignment, outcome, reason)
    assert error.value.message == message
    assert assignment.outcome is None


def test_every_outcome_and_reason_has_a_turkish_label():
    assert set(COMPLETION_OUTCOME) == set(CompletionOutcome)
    assert set(NEGATIVE_REASON) == set(NegativeReason)
    assert COMPLETION_OUTCOME[CompletionOutcome.NEGATIVE] == "Olumsuz"
    assert NEGATIVE_REASON[NegativeReason.OUTSIDE_AUTHORITY] == "Kurumun yetki alanı dışında"

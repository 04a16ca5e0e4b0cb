"""The searchable visit columns of a record (issue 13), the same for every storage adapter:
kind, prep_outcome, next_visit_on, recommended_mode, chosen_mode, failure_cause,
follow_up_result, follow_up_at, previous_id, rating_source, in this order."""

from __future__ import annotations

from typing import Any

from hearing_helper.domain.record import AssistRecord

VISIT_COLUMNS = (
    "kind, prep_outcome, next_visit_on, recommended_mode, chosen_mode, failure_cause, "
    "follow_up_result, follow_up_at, previous_id, rating_source"
)


def visit_columns(record: AssistRecord) -> tuple[Any, ...]:
    preparation = record.preparation
    next_visit = preparation.next_visit_on if preparation else None
    follow_up = record.follow_up
    return (
        str(record.kind),
        str(preparation.outcome) if preparation else None,
        next_visit.isoformat() if next_visit else None,
        str(record.join.recommended) if record.join.recommended else None,
        str(record.join.chosen) if record.join.chosen else None,
        record.failure_cause or None,
        str(follow_up.result) if follow_up else None,
        follow_up.recorded_at.isoformat() if follow_up else None,
        record.previous_record_id or None,
        str(record.rating_given_by),
    )

"""Small value rules of the intake step, kept apart from its layout: the proposed hearing time
and keeping text as typed until it is valid. No widgets."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from hearing_helper.domain.enums import StepStatus
from hearing_helper.domain.record import AssistRecord
from hearing_helper.domain.validation import FieldError, normalize_phone


def default_hearing_time(now: datetime) -> datetime:
    """Today at the next half hour: the usual case is a hearing starting soon."""
    base = now.replace(second=0, microsecond=0)
    minutes = 30 - base.minute % 30
    return base + timedelta(minutes=minutes)


def normalised(normalise: Callable[[str], str], text: str) -> str:
    """The normalised value, or the text as typed while it is not valid yet."""
    try:
        return normalise(text)
    except FieldError:
        return text


def is_valid_phone(text: str) -> bool:
    try:
        normalize_phone(text)
    except FieldError:
        return False
    return True


def nothing_entered(record: AssistRecord) -> bool:
    """True when the clerk has entered nothing yet (the court comes from the profile). Here,
    beside the proposed hearing time and away from the widgets, so the window can tell a blank
    draft at start without importing the intake page."""
    intake = record.intake
    # The intake page proposes the next full hour; only a changed time counts as entered.
    proposed = default_hearing_time(record.started_at)
    typed = (
        intake.case_number,
        intake.hearing_at not in (None, proposed),
        intake.platform_id,
        intake.litigant_name,
        intake.role,
        intake.phone,
        intake.device,
        intake.accessibility,
        intake.consent,
    )
    steps_used = any(
        state.data or state.skip_reason or state.status is StepStatus.SKIPPED
        for state in record.steps.values()
    )
    results = record.checks or record.problems or record.notes.strip()
    answers = record.outcome is not None or record.satisfaction is not None
    return not any(typed) and not steps_used and not results and not answers

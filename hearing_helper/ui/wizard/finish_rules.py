"""What the Finish step settles in a record before it is shown (no Qt here)."""

from __future__ import annotations

import logging

from hearing_helper.domain.enums import Outcome, StepId
from hearing_helper.domain.record import AssistRecord
from hearing_helper.domain.visit import VisitKind

log = logging.getLogger(__name__)


def drop_other_kinds_outcome(record: AssistRecord) -> None:
    """An outcome of the other kind of visit cannot be seen or changed on the Finish page and
    would block Finish for good (a draft saved by an older version, or the visit type changed
    after the outcome was chosen): it is dropped, the right one is asked for."""
    if record.is_finished:
        return
    if record.kind is VisitKind.PREPARATION:
        if record.outcome is not None or record.outcome_reason or record.failure_cause:
            log.info("Record %s: dropped the hearing-day outcome of a preparation", record.id)
        record.outcome, record.outcome_reason, record.failure_cause = None, None, ""
    elif record.preparation is not None:
        log.info("Record %s: dropped a preparation outcome of a hearing-day visit", record.id)
        record.preparation = None


def propose_outcome(record: AssistRecord) -> None:
    """The clerk pressed "The litigant has joined": the outcome says so until changed (joined
    after help when something failed on the way)."""
    join = record.step(StepId.JOIN).data
    if (
        record.is_finished
        or record.kind is not VisitKind.HEARING_DAY
        or record.outcome is not None
        or not join.get("joined_at")
    ):
        return
    failed_tries = any(a.get("result") == "failed" for a in join.get("attempts", []))
    failed_checks = any(str(c.status) in ("fail", "error") for c in record.checks)
    helped = failed_tries or failed_checks or bool(record.problems)
    record.outcome = Outcome.JOINED_AFTER_HELP if helped else Outcome.JOINED

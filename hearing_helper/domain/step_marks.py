"""A step's mark computed from what happened in it, the same wherever a step is shown.

Why: the stored step status said "done" as soon as the clerk left a step, so step 2 showed ✔
although the camera and the network had failed, and a finished install step stayed "in
progress" when the clerk ended from another step. A step now passes only when its results
passed (or were consciously skipped with a reason); otherwise it warns or fails.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from hearing_helper.domain.enums import StepId, StepStatus
from hearing_helper.domain.record import AssistRecord
from hearing_helper.i18n_markers import QT_TRANSLATE_NOOP


class StepMark(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    PASSED = "passed"
    WARNED = "warned"
    FAILED = "failed"
    SKIPPED = "skipped"


# A symbol with every word, so colour is never the only signal.
MARK_SYMBOLS = {
    StepMark.NOT_STARTED: "\u25cb",  # ○
    StepMark.IN_PROGRESS: "\u25d4",  # ◔
    StepMark.PASSED: "\u2714",  # ✔
    StepMark.WARNED: "!",
    StepMark.FAILED: "\u2716",  # ✖
    StepMark.SKIPPED: "\u21b7",  # ↷
}
MARK_LABELS = {
    StepMark.NOT_STARTED: QT_TRANSLATE_NOOP("labels", "Not started"),
    StepMark.IN_PROGRESS: QT_TRANSLATE_NOOP("labels", "In progress"),
    StepMark.PASSED: QT_TRANSLATE_NOOP("labels", "Passed"),
    StepMark.WARNED: QT_TRANSLATE_NOOP("labels", "Passed with warnings"),
    StepMark.FAILED: QT_TRANSLATE_NOOP("labels", "Failed"),
    StepMark.SKIPPED: QT_TRANSLATE_NOOP("labels", "Skipped"),
}
_FROM_STATUS = {
    StepStatus.NOT_STARTED: StepMark.NOT_STARTED,
    StepStatus.IN_PROGRESS: StepMark.IN_PROGRESS,
    StepStatus.DONE: StepMark.PASSED,
    StepStatus.FAILED: StepMark.FAILED,
    StepStatus.SKIPPED: StepMark.SKIPPED,
}
# Install guide progress: record.steps[INSTALL].data["steps"] = {step id: mark},
# data["total"] = number of steps in the guide.
INSTALL_DONE = ("done", "skipped")


def _started(status: StepStatus) -> StepMark:
    return StepMark.NOT_STARTED if status is StepStatus.NOT_STARTED else StepMark.IN_PROGRESS


def _checks_mark(record: AssistRecord, status: StepStatus, expected: Iterable[str]) -> StepMark:
    results = {check.check_id: str(check.status) for check in record.checks}
    if not results:
        return _started(status)
    values = set(results.values())
    if values & {"fail", "error"}:
        return StepMark.FAILED
    if "warn" in values:
        return StepMark.WARNED
    skipped_without_reason = any(str(c.status) == "skipped" and not c.code for c in record.checks)
    if skipped_without_reason or any(check_id not in results for check_id in expected):
        return StepMark.IN_PROGRESS
    return StepMark.PASSED


def _install_mark(record: AssistRecord, status: StepStatus) -> StepMark:
    data = record.step(StepId.INSTALL).data
    marks = data.get("steps") or {}
    if any(mark == "failed" for mark in marks.values()):
        return StepMark.FAILED
    total = data.get("total")
    if isinstance(total, int) and total > 0:
        finished = sum(1 for mark in marks.values() if mark in INSTALL_DONE)
        if finished >= total:
            return StepMark.PASSED
        return _started(status) if not marks else StepMark.IN_PROGRESS
    return _FROM_STATUS[status]


def _join_mark(record: AssistRecord, status: StepStatus) -> StepMark:
    data = record.step(StepId.JOIN).data
    if data.get("joined_at"):
        return StepMark.PASSED
    return _FROM_STATUS[status]


def step_mark(record: AssistRecord, step: StepId, expected_checks: Iterable[str] = ()) -> StepMark:
    """The mark of ``step`` in ``record``; ``expected_checks``: checks the step should run."""
    state = record.step(step)
    if state.status is StepStatus.SKIPPED:
        return StepMark.SKIPPED
    if step is StepId.CHECKS:
        mark = _checks_mark(record, state.status, expected_checks)
    elif step is StepId.INSTALL:
        mark = _install_mark(record, state.status)
    elif step is StepId.JOIN:
        mark = _join_mark(record, state.status)
    else:
        mark = _FROM_STATUS[state.status]
    if mark is StepMark.IN_PROGRESS and record.is_finished:
        # Nothing is in progress in a finished record: a step left half-done was not
        # completed (records finished before the wizard settled such steps at Finish).
        return StepMark.SKIPPED
    return mark


def sync_step_statuses(record: AssistRecord) -> None:
    """Store each step's computed outcome in its status, so exports and reports agree.

    Passed or warned steps become done, failed ones failed; unfinished ones keep their status.
    """
    for step in record.steps:
        mark = step_mark(record, step)
        state = record.step(step)
        if mark in (StepMark.PASSED, StepMark.WARNED):
            state.status = StepStatus.DONE
        elif mark is StepMark.FAILED:
            state.status = StepStatus.FAILED

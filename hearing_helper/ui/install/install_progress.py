"""The App install step's progress in the record (no Qt here).

Progress lives in ``record.steps[INSTALL].data``::

    {"platform_id": "...", "os": "android", "guide_version": "...", "current": "<step id>",
     "total": <number of guide steps>, "steps": {"<step id>": "done" | "failed" | "skipped"}}

and problems in ``record.problems`` as ``Problem(StepId.INSTALL, code, "<step id>: note")``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from hearing_helper.catalog import Guide, GuideStep, Platform
from hearing_helper.domain.enums import StepId
from hearing_helper.domain.record import AssistRecord, Problem, now_local

DONE, FAILED, SKIPPED = "done", "failed", "skipped"
MARK_SYMBOLS = {DONE: "✓", FAILED: "✗", SKIPPED: "–", "": "○"}


def start(data: dict[str, Any], platform: Platform, os_name: str, guide: Guide) -> None:
    """Progress for this guide; a different platform or device than last time starts over
    (the old ticks do not apply)."""
    if data.get("platform_id") != platform.id or data.get("os") != os_name:
        data.clear()
        data.update({"platform_id": platform.id, "os": os_name, "steps": {}})
    data["guide_version"] = guide.version
    data["total"] = len(guide.steps)  # the step's mark is computed from it


def step_marks(data: Mapping[str, Any]) -> dict[str, str]:
    marks = data.get("steps", {})
    return marks if isinstance(marks, dict) else {}


def first_open_index(marks: Mapping[str, str], steps: Sequence[GuideStep]) -> int:
    return next((i for i, step in enumerate(steps) if marks.get(step.id) != DONE), 0)


def set_mark(data: dict[str, Any], step_id: str, status: str) -> None:
    data.setdefault("steps", {})[step_id] = status
    data["updated_at"] = now_local().isoformat()


def add_problem(record: AssistRecord, step_id: str, code: str, note: str) -> None:
    record.problems.append(Problem(StepId.INSTALL, code, f"{step_id}: {note}" if note else step_id))


def problems_at(record: AssistRecord, step_id: str) -> list[Problem]:
    return [
        problem
        for problem in record.problems
        if problem.step is StepId.INSTALL
        and (problem.note == step_id or problem.note.startswith(step_id + ": "))
    ]

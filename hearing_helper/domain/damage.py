"""Damaged cells: values in the records table that no version of the app writes.

A number column holding text, a date that is no date (``2026-13-45T99:99:99``), an outcome code
that does not exist: edited straight into the database, or left by a disk fault. Reports never
stop on one (issue 18, finding 8): each report counts the damaged cells of its period and names
the first few (``report --json``: "damaged"), and the figures are computed around them.

The rules are declared here, storage-neutral (in domain/, below store/ and reports/, which both
use them); each database adapter turns them into a query.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hearing_helper.domain.enums import DeviceKind, NotJoinedReason, Outcome, Role
from hearing_helper.domain.visit import (
    FollowUpResult,
    JoinMode,
    PreparationOutcome,
    RatingSource,
    VisitKind,
)

MAX_NAMED = 50  # cells named in a report; all are counted
MAX_SHOWN_CHARS = 60  # of a damaged value, in the report


@dataclass(frozen=True)
class CellRule:
    column: str
    kind: str  # 'int' (low..high), 'timestamp' (ISO 8601 date and time), 'date', 'code'
    low: int = 0
    high: int = 2**31 - 1
    codes: tuple[str, ...] = ()
    required: bool = False  # NULL is damage too


def _codes(enum: Any) -> tuple[str, ...]:
    return tuple(str(member) for member in enum)


CELL_RULES: tuple[CellRule, ...] = (
    CellRule("version", "int", low=1, required=True),
    CellRule("started_at", "timestamp", required=True),
    CellRule("ended_at", "timestamp"),
    CellRule("hearing_at", "timestamp"),
    CellRule("duration_s", "int", low=0, high=10 * 365 * 24 * 3600),
    CellRule("satisfaction", "int", low=1, high=5),
    CellRule("outcome", "code", codes=_codes(Outcome)),
    CellRule("outcome_reason", "code", codes=_codes(NotJoinedReason)),
    CellRule("role", "code", codes=_codes(Role)),
    CellRule("device", "code", codes=_codes(DeviceKind)),
    CellRule("kind", "code", codes=_codes(VisitKind)),
    CellRule("prep_outcome", "code", codes=_codes(PreparationOutcome)),
    CellRule("next_visit_on", "date"),
    CellRule("recommended_mode", "code", codes=_codes(JoinMode)),
    CellRule("chosen_mode", "code", codes=_codes(JoinMode)),
    CellRule("follow_up_result", "code", codes=_codes(FollowUpResult)),
    CellRule("follow_up_at", "timestamp"),
    CellRule("rating_source", "code", codes=_codes(RatingSource)),
)


@dataclass(frozen=True)
class DamagedCell:
    record_id: str
    column: str
    value: str  # as stored, shortened, for the report

    def as_json(self) -> dict[str, str]:
        return {"record_id": self.record_id, "column": self.column, "value": self.value}


def shown(value: object) -> str:
    text = repr(value) if not isinstance(value, str) else value
    return text if len(text) <= MAX_SHOWN_CHARS else text[: MAX_SHOWN_CHARS - 1] + "…"


def cell_code(record_id: str, column: str, value: object) -> str:
    """One damaged cell as text (how the per-day report cache keeps it)."""
    return f"{record_id}\t{column}\t{shown(value)}"


def summary_of(codes: list[str] | None) -> DamageSummary:
    """The report's summary of damaged cells given as cell_code() texts (None: not checked)."""
    if codes is None:
        return DamageSummary(checked=False)
    cells = []
    for code in sorted(codes)[:MAX_NAMED]:
        record_id, column, value = (code.split("\t", 2) + ["", ""])[:3]
        cells.append(DamagedCell(record_id, column, value))
    return DamageSummary(len(codes), tuple(cells))


@dataclass
class DamageSummary:
    count: int = 0
    cells: tuple[DamagedCell, ...] = ()
    checked: bool = True  # False: this database offers no check

    def as_json(self) -> dict[str, Any]:
        result: dict[str, Any] = {
            "count": self.count,
            "cells": [cell.as_json() for cell in self.cells],
        }
        if not self.checked:
            result["checked"] = False
        return result

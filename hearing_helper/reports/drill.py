"""Drill-down: the records behind one bar or cell of a report chart."""

from __future__ import annotations

from dataclasses import dataclass

from hearing_helper.domain.masking import mask_free_text, mask_name, mask_phone
from hearing_helper.domain.report_filters import Drill, ReportFilters, period_range
from hearing_helper.store.report_source import DRILL_LIMIT, ReportSource

__all__ = ["DRILL_LIMIT", "Drill", "DrillRow", "drill_rows", "period_range"]


@dataclass(frozen=True)
class DrillRow:
    id: str
    started_at: str
    case_number: str
    litigant_name: str
    phone: str
    clerk_name: str
    desk: str
    platform_id: str
    outcome: str
    outcome_reason: str
    duration_s: int | None


def drill_rows(
    source: ReportSource,
    filters: ReportFilters,
    drill: Drill,
    *,
    unmask: bool = False,
    limit: int = DRILL_LIMIT,
) -> tuple[int, list[DrillRow]]:
    """(total count, first ``limit`` records in start order) behind ``drill``."""
    total, found = source.drill(filters, drill, limit)
    out = []
    for row in found:
        values = [value if value is not None else "" for value in tuple(row)]
        name, phone, case_number = values[3], values[4], values[2]
        if not unmask:
            name, phone = mask_name(name), mask_phone(phone)
            case_number = mask_free_text(str(case_number))  # a number typed in (issue 18)
        out.append(
            DrillRow(
                id=values[0],
                started_at=values[1],
                case_number=case_number,
                litigant_name=name,
                phone=phone,
                clerk_name=values[5],
                desk=values[6],
                platform_id=values[7],
                outcome=values[8],
                outcome_reason=values[9],
                duration_s=row[10],
            )
        )
    return total, out

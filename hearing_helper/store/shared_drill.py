"""Drill-down behind a report's figures, the same on both storage adapters: the extra SQL
condition over ``assists a`` that selects the records behind a click (the period itself narrows
the filters: domain.report_filters.drill_period, the one period rule)."""

from __future__ import annotations

from typing import Any

from hearing_helper.domain.report_filters import Drill
from hearing_helper.store.report_source import FAILING_CHECK_STATUSES
from hearing_helper.store.shared_dialect import Dialect
from hearing_helper.store.visit_drill import visit_drill_condition

# A period's bar counts the hearing-day assistance: the records with a hearing-day outcome
# (reports/aggregate.py).
PERIOD_BAR_RECORDS = " AND a.outcome IS NOT NULL"


def drill_condition(drill: Drill, dialect: Dialect) -> tuple[str, list[Any]]:
    """(SQL starting with " AND", its parameters) selecting the drilled records."""
    mark = dialect.mark
    if drill.kind == "period":
        return PERIOD_BAR_RECORDS, []
    if drill.kind == "reason":
        kind, code = drill.key
        if kind == "not_joined":
            return f" AND a.outcome = 'not_joined' AND a.outcome_reason = {mark}", [code]
        if kind == "problem":
            return (
                " AND EXISTS (SELECT 1 FROM assist_problems p WHERE p.assist_id = a.id "
                f"AND p.code = {mark})",
                [code],
            )
        check_id, _, check_code = str(code).partition(":")
        return (
            " AND EXISTS (SELECT 1 FROM check_results c WHERE c.assist_id = a.id "
            f"AND c.check_id = {mark} AND c.code = {mark} "
            f"AND c.status IN ({dialect.marks(len(FAILING_CHECK_STATUSES))}))",
            [check_id, check_code, *FAILING_CHECK_STATUSES],
        )
    if drill.kind == "step":
        step, status = drill.key
        return (
            " AND EXISTS (SELECT 1 FROM assist_steps s WHERE s.assist_id = a.id "
            f"AND s.step = {mark} AND s.status = {mark})",
            [step, status],
        )
    if drill.kind == "visit":
        return visit_drill_condition(drill.key, mark)
    if drill.kind == "load":
        weekday, hour = drill.key  # Monday = 0, as Python counts
        return (
            f" AND {dialect.weekday('substr(a.started_at, 1, 10)')} = {mark} "
            f"AND substr(a.started_at, 12, 2) = {mark}",
            [dialect.weekday_param(int(weekday)), f"{int(hour):02d}"],
        )
    raise ValueError(f"unknown drill kind {drill.kind!r}")

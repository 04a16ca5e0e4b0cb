"""Drill-down: the records behind one bar or cell of a report chart."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from hearing_helper.domain.masking import mask_name, mask_phone
from hearing_helper.reports.aggregate import FAILING_CHECK_STATUSES
from hearing_helper.reports.filters import Drill, ReportFilters

DRILL_LIMIT = 500


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


def period_range(key: str) -> tuple[date, date]:
    """First and last day of a day, ISO week or month key."""
    if "-W" in key:
        year, week = key.split("-W")
        first = date.fromisocalendar(int(year), int(week), 1)
        return first, first + timedelta(days=6)
    if len(key) == 7:
        first = date.fromisoformat(key + "-01")
        following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
        return first, following - timedelta(days=1)
    day = date.fromisoformat(key)
    return day, day


def _narrow(filters: ReportFilters, drill: Drill) -> tuple[ReportFilters, str, list[Any]]:
    """Filters and extra SQL (over ``assists a``) selecting the drilled records."""
    if drill.kind == "period":
        first, last = period_range(str(drill.key[0]))
        # A week or month at the edge of the period is cut to the period.
        narrowed = replace(
            filters, date_from=max(first, filters.date_from), date_to=min(last, filters.date_to)
        )
        return narrowed, "", []
    if drill.kind == "reason":
        kind, code = drill.key
        if kind == "not_joined":
            return filters, " AND a.outcome = 'not_joined' AND a.outcome_reason = ?", [code]
        if kind == "problem":
            return (
                filters,
                " AND EXISTS (SELECT 1 FROM assist_problems p WHERE p.assist_id = a.id "
                "AND p.code = ?)",
                [code],
            )
        check_id, _, check_code = str(code).partition(":")
        marks = ",".join("?" for _ in FAILING_CHECK_STATUSES)
        return (
            filters,
            " AND EXISTS (SELECT 1 FROM check_results c WHERE c.assist_id = a.id "
            f"AND c.check_id = ? AND c.code = ? AND c.status IN ({marks}))",
            [check_id, check_code, *FAILING_CHECK_STATUSES],
        )
    if drill.kind == "step":
        step, status = drill.key
        return (
            filters,
            " AND EXISTS (SELECT 1 FROM assist_steps s WHERE s.assist_id = a.id "
            "AND s.step = ? AND s.status = ?)",
            [step, status],
        )
    if drill.kind == "load":
        weekday, hour = drill.key  # weekday: Monday = 0 (Python); SQLite's %w: Sunday = 0
        return (
            filters,
            " AND strftime('%w', substr(a.started_at, 1, 10)) = ? "
            "AND substr(a.started_at, 12, 2) = ?",
            [str((int(weekday) + 1) % 7), f"{int(hour):02d}"],
        )
    raise ValueError(f"unknown drill kind {drill.kind!r}")


def drill_rows(
    conn: sqlite3.Connection,
    filters: ReportFilters,
    drill: Drill,
    *,
    unmask: bool = False,
    limit: int = DRILL_LIMIT,
) -> tuple[int, list[DrillRow]]:
    """(total count, first ``limit`` records in start order) behind ``drill``."""
    narrowed, extra, extra_params = _narrow(filters, drill)
    where, params = narrowed.where("a")
    params += extra_params
    total = int(conn.execute(f"SELECT count(*) FROM assists a{where}{extra}", params).fetchone()[0])
    rows = conn.execute(
        "SELECT a.id, a.started_at, a.case_number, a.litigant_name, a.phone, a.clerk_name, "
        "a.desk, a.platform_id, a.outcome, a.outcome_reason, a.duration_s "
        f"FROM assists a{where}{extra} ORDER BY a.started_at, a.id LIMIT ?",
        [*params, limit],
    ).fetchall()
    out = []
    for row in rows:
        values = [value if value is not None else "" for value in tuple(row)]
        name, phone = values[3], values[4]
        if not unmask:
            name, phone = mask_name(name), mask_phone(phone)
        out.append(
            DrillRow(
                id=values[0],
                started_at=values[1],
                case_number=values[2],
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

"""The SQLite SQL behind reports, drill-down, filter options and exports.

Periods are compared on local ISO 8601 text (it sorts as time). The report index (migration 003)
is on ``substr(started_at, 1, 13)``: expressing the period on that expression lets one index serve
both the range and the hourly grouping.
"""

from __future__ import annotations

from typing import Any

from hearing_helper.domain.report_filters import Drill, ReportFilters, drill_period
from hearing_helper.store.report_source import EXPORT_FIELDS, FAILING_CHECK_STATUSES
from hearing_helper.store.shared_drill import drill_condition
from hearing_helper.store.sqlite.dialect import SQLITE

# ReportFilters.dimensions() field -> assists column
DIMENSION_COLUMNS = {
    "court": "court",
    "desk": "desk",
    "staff_id": "staff_id",
    "platform_id": "platform_id",
    "role": "role",
    "outcome": "outcome",
}


def where(
    filters: ReportFilters, alias: str = "a", *, hour_key: bool = False, unary_status: bool = False
) -> tuple[str, list[Any]]:
    """``WHERE`` clause over finished records of ``alias`` matching ``filters``, and its
    parameters. ``unary_status`` (``+a.status``) keeps SQLite off the status index, so walking
    ``started_at`` gives the export order without a sort."""
    column = f"substr({alias}.started_at, 1, 13)" if hour_key else f"{alias}.started_at"
    status = f"+{alias}.status" if unary_status else f"{alias}.status"
    clauses = [f"{status} = 'finished'", f"{column} >= ?", f"{column} < ?"]
    params: list[Any] = [filters.start_key, filters.end_key]
    for field_name, value in filters.dimensions().items():
        clauses.append(f"{alias}.{DIMENSION_COLUMNS[field_name]} = ?")
        params.append(value)
    return " WHERE " + " AND ".join(clauses), params


def hourly(filters: ReportFilters) -> tuple[str, list[Any]]:
    clause, params = where(filters, hour_key=True)
    sql = (
        "SELECT substr(a.started_at, 1, 13), coalesce(a.outcome, ''), "
        "coalesce(a.outcome_reason, ''), count(*), count(a.satisfaction), "
        "coalesce(sum(a.satisfaction), 0), coalesce(max(a.updated_at), ''), "
        "coalesce(sum(a.version), 0) "
        f"FROM assists a{clause} GROUP BY substr(a.started_at, 1, 13), a.outcome, "
        "a.outcome_reason"
    )
    return sql, params


def durations(filters: ReportFilters) -> tuple[str, list[Any]]:
    # SQLite walks assists_duration in duration order (no sort of a year of rows) and checks
    # the period per entry, which is cheaper than sorting.
    clause, params = where(filters)
    sql = (
        f"SELECT a.duration_s, count(*) FROM assists a{clause} AND a.duration_s IS NOT NULL "
        "GROUP BY a.duration_s ORDER BY a.duration_s"
    )
    return sql, params


def problem_codes(filters: ReportFilters) -> tuple[str, list[Any]]:
    clause, params = where(filters, hour_key=True)
    sql = (
        "SELECT p.code, count(*) FROM assist_problems p JOIN assists a ON a.id = p.assist_id"
        f"{clause} GROUP BY p.code"
    )
    return sql, params


def check_codes(filters: ReportFilters) -> tuple[str, list[Any]]:
    clause, params = where(filters, hour_key=True)
    marks = ",".join("?" for _ in FAILING_CHECK_STATUSES)
    sql = (
        "SELECT c.check_id || ':' || c.code, count(*) FROM check_results c "
        f"JOIN assists a ON a.id = c.assist_id{clause} AND c.status IN ({marks}) "
        "GROUP BY c.check_id, c.code"
    )
    return sql, [*params, *FAILING_CHECK_STATUSES]


def steps(filters: ReportFilters) -> tuple[str, list[Any]]:
    clause, params = where(filters, hour_key=True)
    sql = (
        "SELECT s.step, s.status, count(*) FROM assist_steps s "
        f"JOIN assists a ON a.id = s.assist_id{clause} GROUP BY s.step, s.status"
    )
    return sql, params


# --- drill-down --------------------------------------------------------------------------------

DRILL_SELECT = (
    "SELECT a.id, a.started_at, a.case_number, a.litigant_name, a.phone, a.clerk_name, "
    "a.desk, a.platform_id, a.outcome, a.outcome_reason, a.duration_s FROM assists a"
)


def drill(filters: ReportFilters, clicked: Drill, limit: int) -> tuple[str, str, list[Any]]:
    """(count SQL, rows SQL without its LIMIT parameter, parameters) behind a click."""
    clause, params = where(drill_period(filters, clicked))
    extra, extra_params = drill_condition(clicked, SQLITE)
    params += extra_params
    count_sql = f"SELECT count(*) FROM assists a{clause}{extra}"
    rows_sql = f"{DRILL_SELECT}{clause}{extra} ORDER BY a.started_at, a.id LIMIT ?"
    return count_sql, rows_sql, params


# --- filter options ----------------------------------------------------------------------------

FILTER_COMBINATIONS = (
    "SELECT a.court, a.desk, a.staff_id, a.platform_id FROM assists a "
    "WHERE a.status = 'finished' AND substr(a.started_at, 1, 13) >= ? "
    "AND substr(a.started_at, 1, 13) < ? GROUP BY 1, 2, 3, 4"
)
STAFF_NAMES = "SELECT staff_id, name FROM staff"
CLERK_NAME_ON_RECORD = "SELECT clerk_name FROM assists WHERE staff_id = ? LIMIT 1"

# --- exports -----------------------------------------------------------------------------------

_EXPORT_EXPRESSIONS = {"duration_min": "round(a.duration_s / 60.0, 1)"}


def export_select(filters: ReportFilters) -> tuple[str, list[Any]]:
    """The export's SELECT (also what the benchmark hands to the sqlite3 command-line tool)."""
    clause, params = where(filters, unary_status=True)
    select = ", ".join(_EXPORT_EXPRESSIONS.get(name, f"a.{name}") for name in EXPORT_FIELDS)
    return f"SELECT {select} FROM assists a{clause} ORDER BY a.started_at, a.id", params


def export_count(filters: ReportFilters) -> tuple[str, list[Any]]:
    clause, params = where(filters)
    return f"SELECT count(*) FROM assists a{clause}", params

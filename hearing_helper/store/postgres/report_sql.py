"""The report source on PostgreSQL: grouped counts where the data lives, streamed exports.

The same results as the SQLite adapter for the same records (the "C" collation and ISO local
times as text keep comparisons and hour keys identical). Methods may run in several worker
threads at once: each borrows its own connection from a small pool. Exports read through a
server-side cursor in a read-only transaction, so memory stays flat for any number of rows.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Generator, Iterator, Mapping
from contextlib import closing, contextmanager
from datetime import datetime
from typing import Any

import psycopg
from psycopg import sql as pgsql

from hearing_helper.domain.report_filters import Drill, ReportFilters, drill_period
from hearing_helper.store.csv_sql import POSTGRES_CSV, CsvPlan, FallbackLine, csv_selects
from hearing_helper.store.postgres.connection import ServerAddress, connect, translate
from hearing_helper.store.postgres.copy_lines import copied_lines
from hearing_helper.store.postgres.day_cache import cached_day_facts
from hearing_helper.store.postgres.day_summary import (
    PeriodDays,
    durations_from,
    hourly_from,
    period_days,
)
from hearing_helper.store.postgres.dialect import POSTGRES
from hearing_helper.store.report_source import (
    DRILL_FIELDS,
    DRILL_LIMIT,
    EXPORT_FIELDS,
    FAILING_CHECK_STATUSES,
    ChildFacts,
    FilterOptions,
    HourlyCount,
    VisitCounts,
)
from hearing_helper.store.shared_drill import drill_condition

POOL_SIZE = 4
EXPORT_FETCH = 2000

_EXPORT_EXPRESSIONS = {"duration_min": "round(a.duration_s / 60.0, 1)::float8"}
EXPORT_SELECT = ", ".join(_EXPORT_EXPRESSIONS.get(name, f"a.{name}") for name in EXPORT_FIELDS)
# The CSV lines spell the duration from the exact numeric (store/csv_sql.py, decimal1).
_CSV_EXPRESSIONS = {
    name: "round(a.duration_s / 60.0, 1)" if name == "duration_min" else f"a.{name}"
    for name in EXPORT_FIELDS
}


def where(filters: ReportFilters, alias: str = "a") -> tuple[str, list[Any]]:
    """WHERE clause over the finished records of ``alias`` matching ``filters`` (on a court's
    database demo records too when the filters say ``include_demo``)."""
    demo = getattr(filters, "include_demo", False)
    clauses = [
        f"{alias}.status IN ('finished', 'demo')" if demo else f"{alias}.status = 'finished'",
        f"{alias}.started_at >= %s",
        f"{alias}.started_at < %s",
    ]
    params: list[Any] = [filters.start_key, filters.end_key]
    for column, value in filters.dimensions().items():
        clauses.append(f"{alias}.{column} = %s")
        params.append(value)
    desk_id = getattr(filters, "desk_id", "")
    if desk_id:
        clauses.append(f"{alias}.desk_id = %s")
        params.append(desk_id)
    return " WHERE " + " AND ".join(clauses), params


def export_sql(filters: ReportFilters) -> tuple[str, list[Any]]:
    """The export's SELECT (also what the benchmark gives psql's \\copy)."""
    clause, params = where(filters)
    return f"SELECT {EXPORT_SELECT} FROM assists a{clause} ORDER BY a.started_at, a.id", params


def export_csv_selects(filters: ReportFilters, plan: CsvPlan) -> tuple[str, str, list[Any]]:
    """The CSV lines of the export (store/csv_sql.py) and the SELECT of the rows they leave to
    Python, in the same order; both take the same parameters."""
    clause, params = where(filters)
    source = f"FROM assists a{clause} ORDER BY a.started_at, a.id"
    raw = {name: _EXPORT_EXPRESSIONS.get(name, f"a.{name}") for name in EXPORT_FIELDS}
    # The raw rows as export_rows reads them (the duration as float8), for the same converter.
    lines, rest = csv_selects(plan, POSTGRES_CSV, _CSV_EXPRESSIONS, source, raw)
    return lines, rest, params


class PostgresReportSource:
    """Read-only report queries; thread-safe."""

    def __init__(self, address: ServerAddress) -> None:
        self.address = address
        self._idle: list[psycopg.Connection[Any]] = []
        self._lock = threading.Lock()
        self._closed = False
        # Days this source had to compute (not found current in the per-day cache): what the
        # cache is kept for, and what tests count to show a report read it.
        self.days_computed = 0

    @contextmanager
    def _borrow(self) -> Iterator[psycopg.Connection[Any]]:
        with self._lock:
            conn = self._idle.pop() if self._idle else None
        if conn is None or conn.closed or conn.broken:
            conn = connect(self.address)
        try:
            yield conn
        except psycopg.Error as exc:
            conn.close()
            raise translate(self.address, exc) from None
        except BaseException:
            conn.close()
            raise
        with self._lock:
            if not self._closed and len(self._idle) < POOL_SIZE and not conn.broken:
                self._idle.append(conn)
                conn = None
        if conn is not None:
            conn.close()

    def _computed(self, days: list[str]) -> None:
        with self._lock:
            self.days_computed += len(days)

    def _days(self, filters: ReportFilters, *parts: str) -> PeriodDays:
        with self._borrow() as conn:
            return period_days(conn, filters.start_key, filters.end_key, parts, self._computed)

    def _fetch(self, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
        with self._borrow() as conn:
            return conn.execute(sql, params).fetchall()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for conn in idle:
            conn.close()

    # --- the report passes -------------------------------------------------------------------

    def _whole_days(self, filters: ReportFilters) -> bool:
        """True when the period's per-day sums answer (no dimension filter)."""
        return (
            not filters.has_dimensions
            and not getattr(filters, "desk_id", "")
            and not getattr(filters, "include_demo", False)  # the day sums are without them
        )

    def hourly_counts(self, filters: ReportFilters) -> list[HourlyCount]:
        if self._whole_days(filters):
            return hourly_from(self._days(filters, "hourly"))
        clause, params = where(filters)
        sql = (
            "SELECT substr(a.started_at, 1, 13), coalesce(a.outcome, ''), "
            "coalesce(a.outcome_reason, ''), count(*), count(a.satisfaction), "
            "coalesce(sum(a.satisfaction), 0), max(a.updated_at), sum(a.version) "
            f"FROM assists a{clause} GROUP BY 1, 2, 3"
        )
        return [
            HourlyCount(
                hour_key=row[0],
                outcome=row[1],
                reason=row[2],
                count=int(row[3]),
                rated=int(row[4]),
                satisfaction_sum=int(row[5]),
                last_update=row[6] or "",
                versions=int(row[7] or 0),
            )
            for row in self._fetch(sql, params)
        ]

    def duration_histogram(self, filters: ReportFilters) -> list[tuple[int, int]]:
        if self._whole_days(filters):
            return durations_from(self._days(filters, "durations"))
        clause, params = where(filters)
        sql = (
            f"SELECT a.duration_s, count(*) FROM assists a{clause} AND a.duration_s IS NOT NULL "
            "GROUP BY 1 ORDER BY 1"
        )
        return [(int(v), int(n)) for v, n in self._fetch(sql, params)]

    def child_facts(self, filters: ReportFilters) -> ChildFacts:
        clause, params = where(filters)
        problems = self._fetch(
            "SELECT p.code, count(*) FROM assist_problems p JOIN assists a ON a.id = p.assist_id"
            f"{clause} GROUP BY 1",
            params,
        )
        checks = self._fetch(
            "SELECT c.check_id || ':' || c.code, count(*) FROM check_results c "
            f"JOIN assists a ON a.id = c.assist_id{clause} AND c.status = ANY(%s) GROUP BY 1",
            [*params, list(FAILING_CHECK_STATUSES)],
        )
        steps = self._fetch(
            "SELECT s.step, s.status, count(*) FROM assist_steps s "
            f"JOIN assists a ON a.id = s.assist_id{clause} GROUP BY 1, 2",
            params,
        )
        return ChildFacts(
            problems=[(str(c), int(n)) for c, n in problems],
            checks=[(str(c), int(n)) for c, n in checks],
            steps=[(str(s), str(st), int(n)) for s, st, n in steps],
        )

    def day_facts(self, signatures: Mapping[str, str]) -> ChildFacts:
        """From the per-day cache (``day_cache``), recomputing only days that changed."""
        with self._borrow() as conn:
            return cached_day_facts(conn, signatures, self._computed)

    def drill(
        self, filters: ReportFilters, drill: Drill, limit: int = DRILL_LIMIT
    ) -> tuple[int, list[tuple[Any, ...]]]:
        clause, params = where(drill_period(filters, drill))
        extra, extra_params = drill_condition(drill, POSTGRES)
        params += extra_params
        columns = ", ".join(f"a.{name}" for name in DRILL_FIELDS)
        with self._borrow() as conn:
            total_row = conn.execute(
                f"SELECT count(*) FROM assists a{clause}{extra}", params
            ).fetchone()
            found = conn.execute(
                f"SELECT {columns} FROM assists a{clause}{extra} "
                "ORDER BY a.started_at, a.id LIMIT %s",
                [*params, limit],
            ).fetchall()
        return int(total_row[0]) if total_row else 0, [tuple(row) for row in found]

    def filter_options(self, filters: ReportFilters) -> FilterOptions:
        period = ReportFilters(date_from=filters.date_from, date_to=filters.date_to)
        clause, params = where(period)
        with self._borrow() as conn:
            combinations = conn.execute(
                "SELECT a.court, a.desk, a.staff_id, coalesce(a.platform_id, '') "
                f"FROM assists a{clause} GROUP BY 1, 2, 3, 4",
                params,
            ).fetchall()
            names = dict(conn.execute("SELECT staff_id, name FROM staff").fetchall())
            missing = sorted({row[2] for row in combinations} - set(names))
            if missing:
                for staff_id, name in conn.execute(
                    "SELECT DISTINCT ON (staff_id) staff_id, clerk_name FROM assists "
                    "WHERE staff_id = ANY(%s)",
                    (missing,),
                ):
                    names[staff_id] = name
        return FilterOptions(
            combinations=[tuple(row) for row in combinations],
            clerk_names={str(k): str(v) for k, v in names.items()},
        )

    def visit_counts(self, filters: ReportFilters, now: datetime) -> VisitCounts:
        from hearing_helper.store.postgres import visits

        if not self._whole_days(filters):
            return visits.visit_counts(self._fetch, where, filters, now)
        with self._borrow() as conn:
            first, end = filters.start_key, filters.end_key
            days = period_days(conn, first, end, ("visits",), self._computed)
            if days.stored:
                phones = visits.stored_phones(conn, first, end)
            else:
                clause, params = where(filters)
                phones = visits.live_phones(self._fetch, clause, params)
        return visits.visit_counts_from_days(days, phones, now)

    def export_count(self, filters: ReportFilters) -> int:
        clause, params = where(filters)
        rows = self._fetch(f"SELECT count(*) FROM assists a{clause}", params)
        return int(rows[0][0]) if rows else 0

    def export_rows(self, filters: ReportFilters) -> Iterator[tuple[Any, ...]]:
        sql, params = export_sql(filters)
        with self._borrow() as conn, conn.transaction():
            conn.execute("SET TRANSACTION READ ONLY")
            # Every row will be read: plan for the whole result (as psql \copy does), not for
            # the first 10 % that a cursor is planned for by default, which on a court's
            # millions of records means walking an index with a random heap read per row.
            conn.execute("SET LOCAL cursor_tuple_fraction = 1.0")
            name = f"hh_export_{uuid.uuid4().hex[:12]}"
            with conn.cursor(name=name) as cursor:
                cursor.itersize = EXPORT_FETCH
                cursor.execute(sql, params)
                while True:
                    batch = cursor.fetchmany(EXPORT_FETCH)
                    if not batch:
                        return
                    yield from batch

    def export_csv(
        self, filters: ReportFilters, plan: CsvPlan, python_line: FallbackLine
    ) -> Generator[tuple[bytes, int], None, None]:
        lines_sql, rest_sql, params = export_csv_selects(filters, plan)
        with self._borrow() as conn, conn.transaction():
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            conn.execute("SET LOCAL client_encoding = 'UTF8'")
            exported = conn.execute("SELECT pg_export_snapshot()").fetchone()
            snapshot = str(exported[0]) if exported else ""
            query = psycopg.ClientCursor(conn).mogrify(lines_sql, params)
            with (
                closing(self._rest_rows(rest_sql, params, snapshot)) as rest,
                conn.cursor().copy(f"COPY ({query}) TO STDOUT") as copy,
            ):
                yield from copied_lines(copy, lambda: python_line(next(rest)))

    def _rest_rows(
        self, sql: str, params: list[Any], snapshot: str
    ) -> Generator[tuple[Any, ...], None, None]:
        """The rows the CSV lines leave to Python, in their order, read in the lines' snapshot
        on a second connection (the first is busy copying) when the first is asked for."""
        with self._borrow() as conn, conn.transaction():
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            conn.execute(pgsql.SQL("SET TRANSACTION SNAPSHOT {}").format(pgsql.Literal(snapshot)))
            with conn.cursor(name=f"hh_export_{uuid.uuid4().hex[:12]}") as cursor:
                cursor.itersize = EXPORT_FETCH
                cursor.execute(sql, params)
                yield from cursor

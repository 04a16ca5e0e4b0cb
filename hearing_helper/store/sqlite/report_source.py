"""SQLite implementation of the report source: read-only connections, one per query, so the
report's passes run concurrently (SQLite releases the GIL while it scans)."""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator, Mapping
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from hearing_helper.domain.report_filters import Drill, ReportFilters
from hearing_helper.store.csv_sql import MARKER, CsvPlan, FallbackLine
from hearing_helper.store.report_source import (
    DRILL_LIMIT,
    ChildFacts,
    FilterOptions,
    HourlyCount,
    VisitCounts,
)
from hearing_helper.store.sqlite import damage_sql, day_phones, report_sql
from hearing_helper.store.sqlite import visit_report_sql as visit_sql
from hearing_helper.store.sqlite.connection import connect_readonly, translated
from hearing_helper.store.sqlite.day_cache import cached_facts
from hearing_helper.store.sqlite.day_facts_sql import Facts

FETCH_BATCH = 2000
CSV_BATCH = 5000


class SqliteReportSource:
    def __init__(
        self,
        path: Path,
        *,
        cache_writable: bool = True,
        recomputed: Callable[[list[str]], None] | None = None,
    ) -> None:
        """``recomputed`` hears the days a report found stale in the per-day cache and
        recomputed (tests count them; a cache kept at write time leaves none)."""
        self.path = path
        self._cache_path = path if cache_writable else None
        self._recomputed = recomputed

    def _all(self, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
        conn = connect_readonly(self.path)
        try:
            with translated(self.path):
                return conn.execute(sql, params).fetchall()
        finally:
            conn.close()

    def hourly_counts(self, filters: ReportFilters) -> list[HourlyCount]:
        return list(map(HourlyCount._make, self._all(*report_sql.hourly(filters))))

    def duration_histogram(self, filters: ReportFilters) -> list[tuple[int, int]]:
        # A damaged duration (text, a fraction) is left out here and named by damaged_cells().
        return [
            (v, int(n))
            for v, n in self._all(*report_sql.durations(filters))
            if type(v) is int and v >= 0
        ]

    def child_facts(self, filters: ReportFilters) -> ChildFacts:
        return ChildFacts(
            problems=[(str(c), int(n)) for c, n in self._all(*report_sql.problem_codes(filters))],
            checks=[(str(c), int(n)) for c, n in self._all(*report_sql.check_codes(filters))],
            steps=[(str(s), str(t), int(n)) for s, t, n in self._all(*report_sql.steps(filters))],
            damaged=[
                code
                for _day, code in damage_sql.damaged_cells(self._all(*damage_sql.damaged(filters)))
            ],
        )

    def day_facts(self, signatures: Mapping[str, str]) -> ChildFacts:
        facts, _ = self._cached(signatures)
        return _child_facts(facts)

    def day_facts_with_visits(
        self, filters: ReportFilters, signatures: Mapping[str, str], now: datetime
    ) -> ChildFacts:
        """The day facts and the visit figures of a report without dimension filters, from
        the per-day cache; the visit figures are counted live when a day could not be."""
        facts, all_cached = self._cached(signatures)
        if not all_cached:
            return replace(_child_facts(facts), visits=self.visit_counts(filters, now))
        conn = connect_readonly(self.path)
        try:
            with translated(self.path):
                phones = day_phones.period_figures(conn, filters.start_key, filters.end_key)
                due_before, overdue_before = conn.execute(
                    "SELECT datetime(?), datetime(?)", visit_sql.follow_up_bounds(now)
                ).fetchone()
        finally:
            conn.close()
        visits = visit_sql.counts_from_days(facts, phones, due_before, overdue_before)
        return replace(_child_facts(facts), visits=visits)

    def _cached(self, signatures: Mapping[str, str]) -> tuple[Facts, bool]:
        conn = connect_readonly(self.path)
        try:
            with translated(self.path):
                facts, stale, all_cached = cached_facts(conn, dict(signatures), self._cache_path)
        finally:
            conn.close()
        if stale and self._recomputed is not None:
            self._recomputed(stale)
        return facts, all_cached

    def drill(
        self, filters: ReportFilters, drill: Drill, limit: int = DRILL_LIMIT
    ) -> tuple[int, list[tuple[Any, ...]]]:
        count_sql, rows_sql, params = report_sql.drill(filters, drill, limit)
        conn = connect_readonly(self.path)
        try:
            with translated(self.path):
                total = int(conn.execute(count_sql, params).fetchone()[0])
                found = conn.execute(rows_sql, [*params, limit]).fetchall()
        finally:
            conn.close()
        return total, found

    def filter_options(self, filters: ReportFilters) -> FilterOptions:
        conn = connect_readonly(self.path)
        try:
            with translated(self.path):
                combinations = conn.execute(
                    report_sql.FILTER_COMBINATIONS, (filters.start_key, filters.end_key)
                ).fetchall()
                names = dict(conn.execute(report_sql.STAFF_NAMES).fetchall())
                for staff_id in {row[2] for row in combinations} - set(names):
                    # the first record of a clerk is found early in the table
                    found = conn.execute(report_sql.CLERK_NAME_ON_RECORD, (staff_id,)).fetchone()
                    names[staff_id] = found[0] if found else staff_id
        finally:
            conn.close()
        return FilterOptions(combinations=combinations, clerk_names=names)

    def visit_counts(self, filters: ReportFilters, now: datetime) -> VisitCounts:
        conn = connect_readonly(self.path)
        try:
            with translated(self.path):
                preparation = conn.execute(*visit_sql.preparation(filters)).fetchall()
                prepared = conn.execute(*visit_sql.prepared_hearing_days(filters)).fetchall()
                phones = conn.execute(*visit_sql.phones(filters)).fetchone()
                follow_ups = conn.execute(*visit_sql.follow_ups(filters, now)).fetchone()
                ratings = conn.execute(*visit_sql.ratings(filters)).fetchall()
        finally:
            conn.close()
        return VisitCounts(
            preparation=[(str(o), str(m), str(f), int(n)) for o, m, f, n in preparation],
            prepared_outcomes=[(str(o), int(n)) for o, n in prepared],
            phones=(int(phones[0]), int(phones[1]), int(phones[2])),
            follow_ups=(int(follow_ups[0]), int(follow_ups[1])),
            ratings=[(str(source), int(n), int(total)) for source, n, total in ratings],
        )

    def export_count(self, filters: ReportFilters) -> int:
        return int(self._all(*report_sql.export_count(filters))[0][0])

    def export_rows(self, filters: ReportFilters) -> Iterator[tuple[Any, ...]]:
        sql, params = report_sql.export_select(filters)
        conn = connect_readonly(self.path)
        try:
            with translated(self.path):
                cursor = conn.execute(sql, params)
                while True:
                    batch = cursor.fetchmany(FETCH_BATCH)
                    if not batch:
                        return
                    yield from batch
        finally:
            conn.close()

    def export_csv(
        self, filters: ReportFilters, plan: CsvPlan, python_line: FallbackLine
    ) -> Generator[tuple[bytes, int], None, None]:
        lines_sql, rest_sql, params = report_sql.export_csv_selects(filters, plan)
        conn = connect_readonly(self.path)
        try:
            with translated(self.path):
                conn.execute("BEGIN")  # one snapshot for both queries, to the last row
                cursor = conn.execute(lines_sql, params)
                rest = None  # the rows Python writes, read when the first one comes
                marker = MARKER.encode()
                while True:
                    batch = cursor.fetchmany(CSV_BATCH)
                    if not batch:
                        return
                    lines = [row[0] for row in batch]  # each line's UTF-8 bytes
                    if marker in lines:
                        if rest is None:
                            # Same transaction, same order: its rows are the markers'.
                            rest = conn.execute(rest_sql, params)
                        for index, line in enumerate(lines):
                            if line == marker:
                                lines[index] = python_line(rest.fetchone()).encode()
                    lines.append(b"")
                    yield b"\r\n".join(lines), len(batch)
        finally:
            conn.close()


def _child_facts(facts: Facts) -> ChildFacts:
    return ChildFacts(
        problems=list(facts["problem"].items()),
        checks=list(facts["check"].items()),
        # The day cache keys each step count "step:status" (day_facts_sql.py): three items.
        steps=[(*key.split(":", 1), n) for key, n in facts["step"].items()],
        damaged=list(facts["damaged"]),
    )

"""Per-day sums of finished records for court-wide reports without filters (migration 004).

For each day: the hourly counts (start hour, outcome, reason) and the duration histogram. A day
is reused while its stamp (bumped by triggers on every change of a record of that day) is the
one it was computed at; stale and new days are computed in runs of up to a month. The stamps are
read before computing, so a change that lands meanwhile leaves the stored day older than its
stamp: it is recomputed next time, never trusted. A login that may not write the summary gets a
right report, only without the cache.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from dataclasses import dataclass
from typing import Any

import psycopg

from hearing_helper.domain.report_filters import ReportFilters
from hearing_helper.store.batching import day_runs
from hearing_helper.store.report_source import HourlyCount

log = logging.getLogger(__name__)

_RANGE = "a.status = 'finished' AND a.started_at >= %s AND a.started_at < %s"
_HOURLY = (
    "SELECT substr(a.started_at, 1, 13), coalesce(a.outcome, ''), coalesce(a.outcome_reason, ''), "
    "count(*), count(a.satisfaction), coalesce(sum(a.satisfaction), 0), "
    "coalesce(max(a.updated_at), ''), coalesce(sum(a.version), 0) "
    f"FROM assists a WHERE {_RANGE} GROUP BY 1, 2, 3"
)
_DURATIONS = (
    "SELECT substr(a.started_at, 1, 10), a.duration_s, count(*) FROM assists a "
    f"WHERE {_RANGE} AND a.duration_s IS NOT NULL GROUP BY 1, 2"
)


@dataclass
class DaySums:
    hourly: list[list[Any]]  # HourlyCount fields
    durations: list[list[int]]  # [duration_s, count]


def _compute(conn: psycopg.Connection[Any], first: str, end: str) -> dict[str, DaySums]:
    days: dict[str, DaySums] = {}
    for row in conn.execute(_HOURLY, (first, end)):
        days.setdefault(row[0][:10], DaySums([], [])).hourly.append(
            [row[0], row[1], row[2], int(row[3]), int(row[4]), int(row[5]), row[6], int(row[7])]
        )
    for day, duration, count in conn.execute(_DURATIONS, (first, end)):
        days.setdefault(day, DaySums([], [])).durations.append([int(duration), int(count)])
    return days


def _store(conn: psycopg.Connection[Any], rows: list[tuple[str, int, str, str]]) -> None:
    try:
        with conn.transaction(), conn.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO report_day_summary (day, stamp, hourly, durations) "
                "VALUES (%s, %s, %s, %s) ON CONFLICT (day) DO UPDATE SET stamp = excluded.stamp, "
                "hourly = excluded.hourly, durations = excluded.durations",
                rows,
            )
    except psycopg.Error as exc:
        log.info("Report day summary not written (%s); the report is right, only slower", exc)


def day_sums(conn: psycopg.Connection[Any], filters: ReportFilters) -> dict[str, DaySums]:
    """The sums of every day of the filters' period that has records."""
    first, end = filters.start_key, filters.end_key
    stamps = dict(
        conn.execute(
            "SELECT day, stamp FROM report_day_stamps WHERE day >= %s AND day < %s ORDER BY day",
            (first, end),
        ).fetchall()
    )
    found: dict[str, DaySums] = {}
    for day, stamp, hourly, durations in conn.execute(
        "SELECT day, stamp, hourly, durations FROM report_day_summary WHERE day >= %s AND day < %s",
        (first, end),
    ):
        if stamps.get(day) == stamp:
            found[day] = DaySums(json.loads(hourly), json.loads(durations))
    stale = [day for day in stamps if day not in found]
    fresh: list[tuple[str, int, str, str]] = []
    for run_first, run_end in day_runs(stale):
        computed = _compute(conn, run_first, run_end)
        for day in (d for d in stale if run_first <= d < run_end):
            sums = computed.get(day, DaySums([], []))
            found[day] = sums
            fresh.append(
                (day, int(stamps[day]), json.dumps(sums.hourly), json.dumps(sums.durations))
            )
    if fresh:
        _store(conn, fresh)
    return found


def hourly_from(sums: dict[str, DaySums]) -> list[HourlyCount]:
    return [HourlyCount._make(row) for day in sorted(sums) for row in sums[day].hourly]


def durations_from(sums: dict[str, DaySums]) -> list[tuple[int, int]]:
    total: Counter[int] = Counter()
    for day in sums.values():
        for duration, count in day.durations:
            total[duration] += count
    return sorted(total.items())

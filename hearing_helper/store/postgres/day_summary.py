"""The per-day cache of court-wide reports without filters (migrations 004 and 010).

For each day of finished records the server keeps what a report reads: the hourly counts (start
hour, outcome, reason), the duration histogram, the child facts (problem codes, failing check
codes, step statuses), the visit sums, and per phone the day's visits (``court_day_phones``).
Every delivery stores the days it changed before it commits (``hh_deliver()`` ends with
``hh_refresh_stale_report_days()``), and so does a bulk load made with SQL, so a report finds its
days current. A day is still used only while its stamp (bumped by triggers on every change of a
record of that day or of a record linked to it, whoever makes it) is the one it was computed at;
a stale day is computed again by the server's one statement for it (``hh_report_days``) and
stored. A login that may not store days (or a read-only standby) gets the same figures, computed
and not stored.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import psycopg

from hearing_helper.store.report_source import ChildFacts, HourlyCount

log = logging.getLogger(__name__)

SUMMARY_COLUMNS = ("hourly", "durations", "facts", "visits")
COMPUTED = "day, stamp, hourly, durations, facts, visits"


@dataclass
class DaySums:
    """One day's sums, each still the JSON text the server wrote (parsed when asked for)."""

    texts: dict[str, str]

    def part(self, name: str) -> Any:
        return json.loads(self.texts[name])


@dataclass
class PeriodDays:
    """The days of a period that have records. ``stored``: every one of them is stored as
    current on the server (its ``court_day_phones`` rows then answer for the period too)."""

    days: dict[str, DaySums] = field(default_factory=dict)
    stored: bool = True


DaysComputed = Callable[[list[str]], None]


def _recompute(
    conn: psycopg.Connection[Any], days: list[str], computed: DaysComputed | None
) -> tuple[dict[str, DaySums], bool]:
    """Compute ``days`` on the server and store them where this login may; (sums, all stored)."""
    if computed is not None:
        computed(days)
    found: dict[str, DaySums] = {}
    try:
        rows = conn.execute(f"SELECT {COMPUTED} FROM hh_refresh_report_days(%s)", (days,))
        found = _sums(rows.fetchall())
    except psycopg.Error as exc:
        log.info("Report days not stored (%s); the report is right, only slower", exc)
    left = [day for day in days if day not in found]
    if left:  # not stored here, or being changed by a delivery this moment
        rows = conn.execute(f"SELECT {COMPUTED} FROM hh_report_days(%s)", (left,))
        found.update(_sums(rows.fetchall()))
    return found, not left


def _sums(rows: Iterable[tuple[Any, ...]]) -> dict[str, DaySums]:
    return {str(row[0]): DaySums(dict(zip(SUMMARY_COLUMNS, row[2:], strict=True))) for row in rows}


def period_days(
    conn: psycopg.Connection[Any],
    first: str,
    end: str,
    parts: tuple[str, ...],
    computed: DaysComputed | None = None,
) -> PeriodDays:
    """The ``parts`` of every day from ``first`` (inclusive) to ``end`` (exclusive) that has
    records; stale days recomputed (and ``computed`` told which)."""
    selected = ", ".join(f"m.{name}" for name in parts)
    rows = conn.execute(
        f"SELECT s.day, m.stamp, {selected} FROM report_day_stamps s "
        "LEFT JOIN report_day_summary m ON m.day = s.day AND m.stamp = s.stamp "
        "WHERE s.day >= %s AND s.day < %s ORDER BY s.day",
        (first, end),
    ).fetchall()
    result = PeriodDays()
    stale = []
    for row in rows:
        if row[1] is None:
            stale.append(str(row[0]))
        else:
            result.days[str(row[0])] = DaySums(dict(zip(parts, row[2:], strict=True)))
    if stale:
        fresh, result.stored = _recompute(conn, stale, computed)
        result.days.update(fresh)
    return result


def recomputed(
    conn: psycopg.Connection[Any], days: list[str], computed: DaysComputed | None = None
) -> dict[str, DaySums]:
    """``days`` computed again now (and stored where this login may)."""
    return _recompute(conn, days, computed)[0] if days else {}


def hourly_of(day: DaySums) -> list[HourlyCount]:
    return [HourlyCount._make(row) for row in day.part("hourly")]


def hourly_from(period: PeriodDays) -> list[HourlyCount]:
    return [row for day in sorted(period.days) for row in hourly_of(period.days[day])]


def durations_from(period: PeriodDays) -> list[tuple[int, int]]:
    total: Counter[int] = Counter()
    for day in period.days.values():
        for duration, count in day.part("durations"):
            total[int(duration)] += int(count)
    return sorted(total.items())


def facts_from(days: Iterable[DaySums]) -> ChildFacts:
    """The child facts of ``days`` summed."""
    total: dict[str, Counter[str]] = {"problem": Counter(), "check": Counter(), "step": Counter()}
    for day in days:
        for kind, counts in day.part("facts").items():
            total[kind].update(counts)
    steps = []
    for key, n in total["step"].items():
        step, _, status = key.partition(":")
        steps.append((step, status, n))
    return ChildFacts(
        problems=sorted(total["problem"].items()),
        checks=sorted(total["check"].items()),
        steps=sorted(steps),
    )
